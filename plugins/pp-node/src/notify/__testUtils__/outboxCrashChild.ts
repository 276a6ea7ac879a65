/*
 * Child process of outbox.test.ts: commits a state change and its notice in one transaction, asks
 * for delivery, and dies (SIGKILL) before the delivery can happen — a crash between commit and
 * delivery. Run with `node --require @backstage/cli/config/nodeTransform.cjs`.
 */
import knexFactory from 'knex';
import { DatabaseNotifier } from '../DatabaseNotifier';

async function main() {
  const db = knexFactory(JSON.parse(process.env.PP_OUTBOX_KNEX!));
  const notifier = new DatabaseNotifier({
    db,
    users: {
      getUser: async () => undefined,
      getUserByEmail: async () => undefined,
      listUsers: async () => ({ items: [], total_count: 0 }),
    },
    channels: { slackWebhooks: { ops: process.env.PP_OUTBOX_SLACK! } },
    logger: console as any,
  });
  await db.transaction(async tx => {
    await tx('pp_outbox_crash_state').insert({
      id: 'ticket-1',
      state: 'breached',
    });
    await notifier.enqueue(tx, {
      topic: 'test.crash',
      title: 'ticket-1 breached',
      description: 'Written with the state change, delivered after the crash',
      slackChannel: 'ops',
      reference: 'crash:ticket-1',
    });
  });
  notifier.flush();
  process.kill(process.pid, 'SIGKILL');
}

main().catch(error => {
  console.error(error);
  process.exit(3);
});

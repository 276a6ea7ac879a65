import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { ppTestDatabases, startTestSlackReceiver } from '../testUtils';
import { DatabaseNotifier, ppDeliveryBackoffMs } from './DatabaseNotifier';
import { PpNotifierDirectory } from './types';
import { migratePpNotifier } from './ppNotifierService';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const nobody: PpNotifierDirectory = {
  getUser: async () => undefined,
  getUserByEmail: async () => undefined,
  listUsers: async () => ({ items: [], total_count: 0 }),
};

async function withStateTable(knex: Knex) {
  await migratePpNotifier(knex);
  await knex.schema.dropTableIfExists('pp_outbox_crash_state');
  await knex.schema.createTable('pp_outbox_crash_state', t => {
    t.string('id').primary();
    t.string('state').notNullable();
  });
}

describe.each(databases.eachSupportedId())('transactional outbox (%s)', id => {
  let slack: Awaited<ReturnType<typeof startTestSlackReceiver>>;
  let now: Date;
  beforeEach(async () => {
    slack = await startTestSlackReceiver();
    now = new Date('2026-12-02T10:00:00Z');
  });
  afterEach(() => slack.close());

  const notifier = (db: Knex, users: PpNotifierDirectory = nobody) =>
    new DatabaseNotifier({
      db,
      users,
      channels: { slackWebhooks: { ops: slack.url } },
      logger: mockServices.logger.mock(),
      now: () => now,
    });
  const notice = (reference: string) => ({
    topic: 'test.changed',
    title: `${reference} changed`,
    description: 'state change',
    slackChannel: 'ops',
    reference,
  });

  it('writes notices with the state change: a rollback drops both, a commit keeps both', async () => {
    const knex = await databases.init(id);
    await withStateTable(knex);
    const n = notifier(knex);
    await expect(
      knex.transaction(async tx => {
        await tx('pp_outbox_crash_state').insert({ id: 'a', state: 'x' });
        await n.enqueue(tx, notice('rolled-back'));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await n.listMessages()).toEqual([]);

    await knex.transaction(async tx => {
      await tx('pp_outbox_crash_state').insert({ id: 'b', state: 'x' });
      await n.enqueue(tx, [notice('committed'), notice('committed')]);
    });
    // nothing goes out before delivery runs
    expect(slack.received).toHaveLength(0);
    expect(await n.listMessages({ status: 'pending' })).toHaveLength(2);
    n.flush();
    await n.settled();
    expect(slack.received.map(m => m.text)).toEqual([
      expect.stringContaining('committed changed'),
      expect.stringContaining('committed changed'),
    ]);
    expect(await n.listMessages({ status: 'expanded' })).toHaveLength(2);
    expect(await n.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(slack.received).toHaveLength(2);
  });

  it('keeps a message whose recipients cannot be resolved and expands it on a later run', async () => {
    const knex = await databases.init(id);
    await withStateTable(knex);
    let down = true;
    const flaky: PpNotifierDirectory = {
      ...nobody,
      listUsers: async () => {
        if (down) throw new Error('identity database unavailable');
        return { items: [], total_count: 0 };
      },
    };
    const n = notifier(knex, flaky);
    await n.enqueue(knex, {
      ...notice('flaky'),
      to: { roles: ['infrastructure_engineer'] },
    });
    expect(await n.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const [pending] = await n.listMessages();
    expect(pending).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('identity database unavailable'),
    });
    down = false;
    now = new Date(now.getTime() + ppDeliveryBackoffMs(1));
    expect(await n.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(slack.received).toHaveLength(1);
  });

  it('delivers a notice committed by a process killed before delivery', async () => {
    let knex: Knex;
    let config: Knex.Config;
    let dir: string | undefined;
    if (id === 'SQLITE_3') {
      // the child needs the same database: a file, not the in-memory one
      dir = mkdtempSync(join(tmpdir(), 'pp-outbox-'));
      config = {
        client: 'better-sqlite3',
        connection: { filename: join(dir, 'outbox.sqlite') },
        useNullAsDefault: true,
      };
      knex = knexFactory(config);
    } else {
      knex = await databases.init(id);
      config = {
        client: knex.client.config.client,
        connection: knex.client.config.connection,
      };
    }
    try {
      await withStateTable(knex);
      const child = spawn(
        process.execPath,
        [
          '--require',
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
          join(__dirname, '__testUtils__', 'outboxCrashChild.ts'),
        ],
        {
          env: {
            ...process.env,
            PP_OUTBOX_KNEX: JSON.stringify(config),
            PP_OUTBOX_SLACK: slack.url,
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', c => (stderr += c));
      const signal = await new Promise(resolve =>
        child.on('exit', (_code, sig) => resolve(sig)),
      );
      expect({ signal, stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
      // the state change committed, the notice did not go out
      expect(await knex('pp_outbox_crash_state').select('id', 'state')).toEqual(
        [{ id: 'ticket-1', state: 'breached' }],
      );
      expect(slack.received).toHaveLength(0);
      // the next process (any instance) delivers it from the outbox, once
      const next = notifier(knex);
      now = new Date();
      expect(await next.deliverDue()).toEqual({
        sent: 1,
        retrying: 0,
        failed: 0,
      });
      expect(await next.deliverDue()).toEqual({
        sent: 0,
        retrying: 0,
        failed: 0,
      });
      expect(slack.received).toEqual([
        { text: expect.stringContaining('ticket-1 breached') },
      ]);
    } finally {
      if (dir) {
        await knex.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

describe.each(databases.eachSupportedId())('notify migrations (%s)', id => {
  it('steps up and down', async () => {
    const knex = await databases.init(id);
    const config = {
      directory: resolvePackagePath(
        '@internal/plugin-pp-node',
        'migrations/notify',
      ),
      tableName: 'pp_notify_knex_migrations',
    };
    await knex.migrate.latest(config);
    expect(await knex.schema.hasTable('pp_notification_messages')).toBe(true);
    expect(
      await knex.schema.hasColumn('pp_notification_outbox', 'message_id'),
    ).toBe(true);
    await knex.migrate.down(config);
    expect(await knex.schema.hasTable('pp_notification_messages')).toBe(false);
    expect(
      await knex.schema.hasColumn('pp_notification_outbox', 'message_id'),
    ).toBe(false);
    await knex.migrate.down(config);
    expect(await knex.schema.hasTable('pp_notification_outbox')).toBe(false);
    await knex.migrate.latest(config);
    expect(await knex.schema.hasTable('pp_notification_messages')).toBe(true);
  });
});

import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DatabaseIdentityStore,
  DatabaseNotifier,
  migratePpNotifier,
  ppNotificationChannelsFromConfig,
  principalFromUser,
} from '@internal/plugin-pp-node';
import {
  ppTestDatabases,
  startTestSlackReceiver,
  startTestSmtpReceiver,
} from '@internal/plugin-pp-node/testUtils';
import { Knex } from 'knex';
import { migrateHelpdesk } from '../plugin';
import { helpdeskSettingsFromConfig } from './config';
import { TicketService } from './TicketService';

/*
 * Helpdesk notifications through the real PP notifier to a local Slack webhook and a local SMTP
 * server.
 */

jest.setTimeout(60_000);
const databases = ppTestDatabases();

describe.each(databases.eachSupportedId())(
  'helpdesk notifications (%s)',
  id => {
    let knex: Knex;
    let now: Date;
    let slack: Awaited<ReturnType<typeof startTestSlackReceiver>>;
    let smtp: Awaited<ReturnType<typeof startTestSmtpReceiver>>;
    const portal = { send: jest.fn().mockResolvedValue(undefined) };

    beforeEach(async () => {
      knex = await databases.init(id);
      await knex.migrate.latest({
        directory: resolvePackagePath('@internal/plugin-pp-node', 'migrations'),
      });
      await migratePpNotifier(knex);
      await migrateHelpdesk(knex);
      slack = await startTestSlackReceiver();
      smtp = await startTestSmtpReceiver();
      now = new Date('2026-11-25T10:00:00Z');
    });
    afterEach(async () => {
      await slack.close();
      await smtp.close();
    });

    it('posts created/escalated to #helpdesk, emails the SLA breach, and retries a failed Slack delivery', async () => {
      const users = new DatabaseIdentityStore(knex, () => now);
      await users.syncRoles();
      const mk = async (email: string, roles: any[]) =>
        users.createUser(
          {
            email,
            name: email.split('@')[0],
            kind: 'user',
            roles,
            entityRef: null,
            status: 'active',
          } as any,
          'test',
        );
      const agent = principalFromUser(
        await mk('agent@waooaw.com', ['helpdesk_agent']),
      );
      await mk('oncall@waooaw.com', ['infrastructure_engineer']);
      const config = new ConfigReader({
        pp: {
          notifications: {
            slack: { webhooks: { helpdesk: slack.url } },
            email: {
              from: 'pp@waooaw.com',
              smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
            },
          },
        },
      });
      const notifier = new DatabaseNotifier({
        db: knex,
        users,
        channels: ppNotificationChannelsFromConfig(config),
        logger: mockServices.logger.mock(),
        notifications: portal,
        now: () => now,
      });
      const tickets = await TicketService.create({
        database: { getClient: async () => knex },
        users,
        notifier,
        settings: helpdeskSettingsFromConfig(config),
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      const settle = async (reference: string, n: number) => {
        for (let i = 0; i < 100; i++) {
          const rows = await notifier.listDeliveries({ reference });
          if (rows.length >= n && rows.every(r => r.attempts > 0)) return rows;
          await new Promise(r => setTimeout(r, 50));
        }
        throw new Error('deliveries did not settle');
      };

      const t = await tickets.create(
        {
          type: 'incident',
          priority: 'critical',
          title: 'Checkout down',
          description: '502s everywhere',
        },
        agent,
      );
      const ref = `ticket:${t.key}`;
      await settle(ref, 1);
      expect(slack.received.map(m => m.text).join('\n')).toContain(t.key);

      // Slack is down when the ticket breaches: the delivery is recorded and retried later.
      slack.fail(500);
      now = new Date('2026-11-25T10:15:00Z');
      expect(await tickets.runSlaCheck()).toMatchObject({
        breached: 1,
        escalated: 1,
      });
      const rows = await settle(ref, 4);
      const email = rows.filter(r => r.channel === 'email');
      // nobody is assigned: the helpdesk agents, plus the escalation path (infrastructure engineers)
      expect(email.map(r => r.target).sort()).toEqual([
        'agent@waooaw.com',
        'oncall@waooaw.com',
      ]);
      expect(email.every(r => r.status === 'sent')).toBe(true);
      expect(smtp.mails.map(m => m.to[0]).sort()).toEqual([
        'agent@waooaw.com',
        'oncall@waooaw.com',
      ]);
      expect(smtp.mails[0].data).toContain(t.key);
      const slackRows = rows.filter(
        r => r.channel === 'slack' && r.topic === 'helpdesk.ticket.escalated',
      );
      expect(slackRows).toHaveLength(1);
      expect(slackRows[0]).toMatchObject({ status: 'pending', attempts: 1 });
      expect(slackRows[0].last_error).toMatch(/500/);
      // the infrastructure engineer is told in the portal too
      expect(portal.send).toHaveBeenCalledWith(
        expect.objectContaining({
          payload: expect.objectContaining({
            title: expect.stringContaining('escalated'),
          }),
        }),
      );

      slack.fail(200);
      now = new Date('2026-11-25T11:00:00Z');
      const retry = await notifier.deliverDue();
      expect(retry.sent).toBeGreaterThanOrEqual(1);
      expect(
        slack.received.some(
          m => m.text.includes(t.key) && /escalated/i.test(m.text),
        ),
      ).toBe(true);
      const after = await notifier.listDeliveries({ reference: ref });
      expect(after.every(r => r.status === 'sent')).toBe(true);
    });
  },
);

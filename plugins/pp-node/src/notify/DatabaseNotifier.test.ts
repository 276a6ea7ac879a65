import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { DatabaseIdentityStore } from '../identity/DatabaseIdentityStore';
import {
  ppTestDatabases,
  startTestSlackReceiver,
  startTestSmtpReceiver,
} from '../testUtils';
import {
  DatabaseNotifier,
  PP_DELIVERY_MAX_ATTEMPTS,
  ppDeliveryBackoffMs,
  ppNotificationChannelsFromConfig,
} from './DatabaseNotifier';
import { migratePpNotifier } from './ppNotifierService';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

describe.each(databases.eachSupportedId())('DatabaseNotifier (%s)', id => {
  let knex: Knex;
  let users: DatabaseIdentityStore;
  let now: Date;
  let slack: Awaited<ReturnType<typeof startTestSlackReceiver>>;
  let smtp: Awaited<ReturnType<typeof startTestSmtpReceiver>>;
  const portal: jest.Mocked<NotificationService> = { send: jest.fn() };

  beforeEach(async () => {
    knex = await databases.init(id);
    await knex.migrate.latest({
      directory: resolvePackagePath('@internal/plugin-pp-node', 'migrations'),
    });
    await migratePpNotifier(knex);
    now = new Date('2026-11-25T10:00:00Z');
    users = new DatabaseIdentityStore(knex, () => now);
    await users.syncRoles();
    slack = await startTestSlackReceiver();
    smtp = await startTestSmtpReceiver();
    portal.send.mockReset();
    portal.send.mockResolvedValue(undefined);
  });
  afterEach(async () => {
    await slack.close();
    await smtp.close();
  });

  function notifier() {
    const config = new ConfigReader({
      pp: {
        notifications: {
          slack: { webhooks: { 'platform-health': slack.url } },
          email: {
            from: 'pp@waooaw.com',
            customerFrom: 'WAOOAW Service <service@waooaw.com>',
            smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
          },
        },
      },
    });
    return new DatabaseNotifier({
      db: knex,
      users,
      channels: ppNotificationChannelsFromConfig(config),
      logger: mockServices.logger.mock(),
      notifications: portal,
      appBaseUrl: 'https://pp.waooaw.com/',
      now: () => now,
    });
  }

  async function person(email: string, roles: any[], status = 'active') {
    return users.createUser(
      {
        email,
        name: email,
        kind: 'user',
        roles,
        entityRef: null,
        status,
      } as any,
      'test',
    );
  }

  const flushed = async (n: DatabaseNotifier, reference: string) => {
    // notify() makes its first attempt in the background; wait until nothing is in flight.
    for (let i = 0; i < 100; i++) {
      const rows = await n.listDeliveries({ reference });
      if (rows.every(r => r.attempts > 0)) return rows;
      await new Promise(r => setTimeout(r, 20));
    }
    throw new Error('deliveries never attempted');
  };

  it('emails a customer notice only to its addresses: no portal, Slack, people or portal link', async () => {
    await person('ines@waooaw.com', ['infrastructure_engineer']);
    const n = notifier();
    const created = await n.notify({
      topic: 'sla.breach.customer',
      audience: 'customer',
      title: 'Service notice: Demo Agent',
      description: 'We are working on it.',
      link: '/pp/sla',
      to: { roles: ['infrastructure_engineer'] },
      slackChannel: 'platform-health',
      email: true,
      emailAddresses: ['ops@a.example', 'ops@b.example', 'ops@a.example'],
      reference: 'customer:1',
    });
    expect(created.map(d => `${d.channel} ${d.target}`).sort()).toEqual([
      'email ops@a.example',
      'email ops@b.example',
    ]);
    const rows = await flushed(n, 'customer:1');
    expect(rows.every(r => r.status === 'sent')).toBe(true);
    expect(portal.send).not.toHaveBeenCalled();
    expect(slack.received).toHaveLength(0);
    expect(
      smtp.mails
        .map(m => m.to)
        .flat()
        .sort(),
    ).toEqual(['ops@a.example', 'ops@b.example']);
    expect(smtp.mails[0].data).toContain('Subject: Service notice: Demo Agent');
    expect(smtp.mails[0].data).toContain(
      'From: WAOOAW Service <service@waooaw.com>',
    );
    expect(smtp.mails[0].data).not.toMatch(/Platform Portal|\/pp\/sla/);
  });

  it('fans a message out to the portal, Slack and email of the role holders', async () => {
    const ines = await person('ines@waooaw.com', ['infrastructure_engineer']);
    await person('off@waooaw.com', ['infrastructure_engineer'], 'inactive');
    await person('vik@waooaw.com', ['viewer']);
    const n = notifier();
    const created = await n.notify({
      topic: 'health.alert.fired',
      title: 'payment-service is down',
      description: 'No successful check for 2 minutes',
      link: '/pp/health/services/payment-service',
      severity: 'critical',
      to: { roles: ['infrastructure_engineer'] },
      slackChannel: 'platform-health',
      email: true,
      reference: 'alert:1',
    });
    expect(created.map(d => d.channel).sort()).toEqual([
      'email',
      'portal',
      'slack',
    ]);
    const rows = await flushed(n, 'alert:1');
    expect(rows.every(r => r.status === 'sent')).toBe(true);

    expect(portal.send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: [`user:pp/${ines.id}`] },
      payload: expect.objectContaining({
        title: 'payment-service is down',
        severity: 'critical',
        topic: 'health.alert.fired',
        link: '/pp/health/services/payment-service',
      }),
    });
    expect(slack.received).toHaveLength(1);
    expect(slack.received[0].text).toContain('payment-service is down');
    expect(slack.received[0].text).toContain(
      'https://pp.waooaw.com/pp/health/services/payment-service',
    );
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].to).toEqual(['ines@waooaw.com']);
    expect(smtp.mails[0].data).toContain(
      'Subject: [Platform Portal] payment-service is down',
    );
  });

  it('skips channels that are not configured and people with no role', async () => {
    const n = notifier();
    const none = await n.notify({
      topic: 't',
      title: 'x',
      description: 'y',
      to: { roles: ['helpdesk_agent'] },
      slackChannel: 'helpdesk',
    });
    expect(none).toEqual([]);
    expect(await n.listDeliveries()).toEqual([]);
  });

  it('retries a failed delivery with backoff, then records the final failure', async () => {
    slack.fail(500);
    const n = notifier();
    await n.notify({
      topic: 't',
      title: 'Queue backlog',
      description: 'temporal pending 140',
      slackChannel: 'platform-health',
      reference: 'alert:2',
    });
    let [row] = await flushed(n, 'alert:2');
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('Slack answered 500'),
    });
    // Not due yet: nothing happens.
    expect(await n.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    now = new Date(now.getTime() + ppDeliveryBackoffMs(1));
    expect(await n.deliverDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    [row] = await n.listDeliveries({ reference: 'alert:2' });
    expect(new Date(row.next_attempt_at!).getTime() - now.getTime()).toBe(
      ppDeliveryBackoffMs(2),
    );
    // Slack is back: the next due run delivers it, once.
    slack.fail(200);
    now = new Date(now.getTime() + ppDeliveryBackoffMs(2));
    expect(await n.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await n.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(slack.received).toHaveLength(1);
    [row] = await n.listDeliveries({ reference: 'alert:2' });
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 3,
      last_error: null,
    });

    // A channel that keeps failing is given up after the last attempt, and the row stays.
    slack.fail(404);
    await n.notify({
      topic: 't',
      title: 'again',
      description: 'z',
      slackChannel: 'platform-health',
      reference: 'alert:3',
    });
    await flushed(n, 'alert:3');
    for (let attempt = 2; attempt <= PP_DELIVERY_MAX_ATTEMPTS; attempt++) {
      now = new Date(now.getTime() + ppDeliveryBackoffMs(attempt - 1));
      await n.deliverDue();
    }
    [row] = await n.listDeliveries({ reference: 'alert:3' });
    expect(row).toMatchObject({
      status: 'failed',
      attempts: PP_DELIVERY_MAX_ATTEMPTS,
      next_attempt_at: null,
    });
    expect(await n.listDeliveries({ status: 'failed' })).toHaveLength(1);
  });

  it('sends each delivery once when two runners race for it', async () => {
    await person('ines@waooaw.com', ['infrastructure_engineer']);
    portal.send.mockRejectedValueOnce(new Error('notifications backend down'));
    const n = notifier();
    await n.notify({
      topic: 't',
      title: 'x',
      description: 'y',
      to: { roles: ['infrastructure_engineer'] },
      reference: 'alert:4',
    });
    await flushed(n, 'alert:4');
    now = new Date(now.getTime() + ppDeliveryBackoffMs(1));
    const [a, b] = await Promise.all([notifier().deliverDue(), n.deliverDue()]);
    expect(a.sent + b.sent).toBe(1);
    expect(portal.send).toHaveBeenCalledTimes(2);
  });
});

describe('ppDeliveryBackoffMs', () => {
  it('doubles from 30 s up to an hour', () => {
    expect([1, 2, 3, 8, 20].map(ppDeliveryBackoffMs)).toEqual([
      30_000, 60_000, 120_000, 3_600_000, 3_600_000,
    ]);
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import {
  ppTestDatabases,
  startTestSmtpReceiver,
} from '@internal/plugin-pp-node/testUtils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { slaTestApp } from './__testUtils__/slaTestApp';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HttpSlaSources } from './sources';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

/** A local stand-in for the subscriptions plugin's customer contacts read. */
async function fakeSubscriptions(body: object) {
  const calls: Array<{ url?: string; authorization?: string }> = [];
  const server = http.createServer((req, res) => {
    calls.push({ url: req.url, authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/pp-subscriptions`,
    calls,
    close: () => new Promise(r => server.close(r)),
  };
}

/** The plugin's HTTP sources with only a base URL for pp-subscriptions. */
const httpSources = (baseUrl: string) =>
  new HttpSlaSources({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    catalog: catalogServiceMock(),
    timeoutMs: 2000,
  });

const CONTACTS = {
  agent_id: 'mail-agent',
  agent_name: 'Marketing Content Strategist',
  items: [
    {
      subscription_id: 'demo-sub-001',
      customer_name: 'Demo Bakery Ltd',
      contact_email: 'ops@demo-bakery-ltd.example',
    },
    {
      subscription_id: 'demo-sub-004',
      customer_name: 'Demo Fitness Studio',
      contact_email: 'ops@demo-fitness-studio.example',
    },
  ],
};

/*
 * pp.sla.customerEmails: a breach that starts is emailed, through the outbox and in the breach's
 * transaction, to the contacts of the agent's live subscriptions (read over HTTP from the
 * subscriptions plugin); nothing when disabled; without the subscriptions plugin the breach is
 * recorded all the same.
 */
describe.each(databases.eachSupportedId())(
  'SLA breach emails to customers (%s)',
  id => {
    let smtp: Awaited<ReturnType<typeof startTestSmtpReceiver>>;
    beforeEach(async () => {
      smtp = await startTestSmtpReceiver();
    });
    afterEach(async () => {
      await smtp.close();
    });

    async function app(customerEmails: boolean) {
      const t = await slaTestApp(await databases.init(id), {
        now: '2026-11-10T12:00:00Z',
        customerEmails,
        smtpPort: smtp.port,
      });
      const res = await t.post(
        '/sla-definitions',
        {
          agent_id: 'mail-agent',
          service_id: 'svc-mail',
          type: 'standard',
          effective_from: '2026-10-01T00:00:00Z',
        },
        'Ada Admin',
      );
      expect(res.status).toBe(201);
      // an outage today: a breach that starts (still going)
      t.sources.seedHealthy('svc-mail', '2026-11-10', 10);
      t.sources.seedOutage('svc-mail', '2026-11-10T10:00:00Z', 50);
      return t;
    }
    /** A breach that started while its customers' contacts could not be read. */
    async function pendingBreach() {
      const t = await app(true);
      const reader = jest.fn(async () => undefined);
      t.sources.contactsReader = reader;
      await t.jobs.computeAgent('mail-agent', 2);
      return { t, reader };
    }
    const breaches = async (t: Awaited<ReturnType<typeof app>>) =>
      (await t.get('/sla/breaches?agent_id=mail-agent', 'Ian Infra')).body
        .items;

    it('emails each contact once, read over HTTP from the subscriptions plugin, nothing internal', async () => {
      const subscriptions = await fakeSubscriptions(CONTACTS);
      try {
        const t = await app(true);
        const sources = httpSources(subscriptions.baseUrl);
        t.sources.contactsReader = agentId => sources.customerContacts(agentId);
        await t.jobs.computeAgent('mail-agent', 2);
        // computed again: the same breach, no second email
        await t.jobs.computeAgent('mail-agent', 2);
        expect(subscriptions.calls).toEqual([
          {
            url: '/api/pp-subscriptions/subscriptions/agents/mail-agent/customer-contacts',
            authorization: expect.stringMatching(/^Bearer /),
          },
        ]);
        const [breach] = await breaches(t);
        expect(breach).toMatchObject({ metric: 'uptime', ended_at: null });
        // written with the breach, in the outbox
        const notices = await t.messages('sla.breach.customer');
        // one notice per address (the outbox's order is not the contacts' on PostgreSQL)
        expect(notices.map(n => n.emailAddresses).sort()).toEqual([
          ['ops@demo-bakery-ltd.example'],
          ['ops@demo-fitness-studio.example'],
        ]);
        for (const notice of notices) {
          expect(notice).toMatchObject({
            audience: 'customer',
            reference: `sla-breach:${breach.id}`,
          });
        }
        await t.notifier.settled();
        await t.notifier.deliverDue();
        expect(
          smtp.mails
            .map(m => m.to)
            .flat()
            .sort(),
        ).toEqual([
          'ops@demo-bakery-ltd.example',
          'ops@demo-fitness-studio.example',
        ]);
        const bakery = smtp.mails
          .find(m => m.to.includes('ops@demo-bakery-ltd.example'))!
          .data.replace(/=\r?\n/g, '');
        expect(bakery).toContain(
          'Subject: Service notice: Marketing Content Strategist',
        );
        expect(bakery).toContain('Hello Demo Bakery Ltd,');
        expect(bakery).toContain(
          'Since 10 November 2026 at 10:00 UTC, the availability of Marketing Content Strategist has been below the level agreed in your service agreement. Our engineers have been alerted and are working to restore the agreed service level.',
        );
        // nothing internal: no severity, root cause, OLA, portal link or infrastructure words
        expect(bakery).not.toMatch(
          /critical|major|root cause|OLA|\/pp\/|Platform Portal|svc-mail|mail-agent/i,
        );
        // the on-call notice is still there for the engineers
        expect(await t.messages('sla.breach.started')).toHaveLength(1);
      } finally {
        await subscriptions.close();
      }
    });

    it('disabled (the default): no customer email, no contacts read', async () => {
      const t = await app(false);
      const reader = jest.fn(async () => CONTACTS);
      t.sources.contactsReader = reader;
      await t.jobs.computeAgent('mail-agent', 2);
      expect(await breaches(t)).toHaveLength(1);
      expect(reader).not.toHaveBeenCalled();
      expect(await t.messages('sla.breach.customer')).toEqual([]);
      await t.notifier.settled();
      await t.notifier.deliverDue();
      expect(smtp.mails).toEqual([]);
    });

    it('a breach silenced by a maintenance window is not emailed either', async () => {
      const t = await app(true);
      const reader = jest.fn(async () => CONTACTS);
      t.sources.contactsReader = reader;
      const window = {
        agent_id: 'mail-agent',
        starts_at: '2026-11-10T11:30:00Z',
        ends_at: '2026-11-10T13:00:00Z',
        reason: 'Database upgrade',
      };
      expect(
        (await t.post('/sla/maintenance-windows', window, 'Ian Infra')).status,
      ).toBe(201);
      await t.jobs.computeAgent('mail-agent', 2);
      expect(await breaches(t)).toEqual([
        expect.objectContaining({ metric: 'uptime', alerted: 'silenced' }),
      ]);
      expect(reader).not.toHaveBeenCalled();
      expect(await t.messages('sla.breach.customer')).toEqual([]);
    });

    it('contacts that could not be read are read again while the breach runs, and each customer is emailed once', async () => {
      const t = await app(true);
      let answer: typeof CONTACTS | undefined = undefined;
      const reader = jest.fn(async () => answer);
      t.sources.contactsReader = reader;
      await t.jobs.computeAgent('mail-agent', 2);
      expect(await breaches(t)).toEqual([
        expect.objectContaining({ metric: 'uptime', ended_at: null }),
      ]);
      expect(await t.messages('sla.breach.customer')).toEqual([]);
      // the subscriptions plugin still cannot be read: nothing sent, still pending
      t.clock.now = new Date('2026-11-10T12:05:00Z');
      expect(await t.jobs.retryCustomerNotices()).toEqual({
        sent: 0,
        dropped: 0,
      });
      expect(reader).toHaveBeenCalledTimes(2);
      // it answers: the emails are written, once
      answer = CONTACTS;
      t.clock.now = new Date('2026-11-10T12:10:00Z');
      expect(await t.jobs.retryCustomerNotices()).toEqual({
        sent: 1,
        dropped: 0,
      });
      expect(await t.jobs.retryCustomerNotices()).toEqual({
        sent: 0,
        dropped: 0,
      });
      expect(reader).toHaveBeenCalledTimes(3);
      const [breach] = await breaches(t);
      const notices = await t.messages('sla.breach.customer');
      expect(notices.map(n => n.emailAddresses).sort()).toEqual([
        ['ops@demo-bakery-ltd.example'],
        ['ops@demo-fitness-studio.example'],
      ]);
      expect(notices[0]).toMatchObject({
        audience: 'customer',
        reference: `sla-breach:${breach.id}`,
      });
      // computed again: the same breach, no new email
      await t.jobs.computeAgent('mail-agent', 2);
      expect(await t.messages('sla.breach.customer')).toHaveLength(2);
      await t.notifier.settled();
      await t.notifier.deliverDue();
      expect(smtp.mails.map(m => m.to).flat()).toHaveLength(2);
    });

    it('an agent breaching two metrics at once has its contacts read once per run, at the start and on the retry', async () => {
      const t = await app(true);
      // slow as well as down today: the p95 target is missed too
      t.sources.seedHealthy('svc-mail', '2026-11-10', 10, 60_000);
      t.sources.seedOutage('svc-mail', '2026-11-10T10:00:00Z', 50);
      let answer: typeof CONTACTS | undefined = undefined;
      const reader = jest.fn(async () => answer);
      t.sources.contactsReader = reader;
      await t.jobs.computeAgent('mail-agent', 2);
      expect((await breaches(t)).map((b: any) => b.metric).sort()).toEqual([
        'response_time_p95',
        'uptime',
      ]);
      expect(reader).toHaveBeenCalledTimes(1);
      answer = CONTACTS;
      t.clock.now = new Date('2026-11-10T12:05:00Z');
      expect(await t.jobs.retryCustomerNotices()).toEqual({
        sent: 2,
        dropped: 0,
      });
      expect(reader).toHaveBeenCalledTimes(2);
      // two breaches, two addresses each
      expect(await t.messages('sla.breach.customer')).toHaveLength(4);
    });

    it('a pending breach that has ended is given up, with a log line: customers are told of running breaches', async () => {
      const { t } = await pendingBreach();
      const [breach] = await breaches(t);
      await t.store.transaction(uow =>
        uow.updateBreach(breach.id, {
          ended_at: new Date('2026-11-10T12:20:00Z'),
        }),
      );
      t.sources.contactsReader = async () => CONTACTS;
      t.clock.now = new Date('2026-11-10T12:30:00Z');
      expect(await t.jobs.retryCustomerNotices()).toEqual({
        sent: 0,
        dropped: 1,
      });
      expect(t.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'its customers were not emailed, the breach ended before their contacts could be read',
        ),
      );
      expect(await t.messages('sla.breach.customer')).toEqual([]);
    });

    it('a pending breach is given up after 24 hours unread, with a log line', async () => {
      const { t, reader } = await pendingBreach();
      t.clock.now = new Date('2026-11-11T12:00:01Z');
      expect(await t.jobs.retryCustomerNotices()).toEqual({
        sent: 0,
        dropped: 1,
      });
      // not read again once given up
      expect(reader).toHaveBeenCalledTimes(1);
      expect(await t.jobs.retryCustomerNotices()).toEqual({
        sent: 0,
        dropped: 0,
      });
      expect(t.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'its customers were not emailed, their contacts could not be read for 24 hours',
        ),
      );
      expect(await t.messages('sla.breach.customer')).toEqual([]);
    });

    it('without the subscriptions plugin: the breach is recorded and the failure logged', async () => {
      const t = await app(true);
      // nothing listens there: the subscriptions plugin is not installed
      const closed = await fakeSubscriptions({});
      await closed.close();
      const sources = httpSources(closed.baseUrl);
      t.sources.contactsReader = agentId => sources.customerContacts(agentId);
      await t.jobs.computeAgent('mail-agent', 2);
      const [breach] = await breaches(t);
      expect(breach).toMatchObject({ metric: 'uptime', ended_at: null });
      expect(await t.messages('sla.breach.started')).toHaveLength(1);
      expect(await t.messages('sla.breach.customer')).toEqual([]);
      expect(t.logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /its customers are not emailed yet, their contacts could not be read/,
        ),
      );
      // a reader that throws is no different (another agent's breach)
      t.sources.contactsReader = async () => {
        throw new Error('boom');
      };
      expect(
        (
          await t.post(
            '/sla-definitions',
            {
              agent_id: 'other-agent',
              service_id: 'svc-other',
              type: 'standard',
              effective_from: '2026-10-01T00:00:00Z',
            },
            'Ada Admin',
          )
        ).status,
      ).toBe(201);
      t.sources.seedHealthy('svc-other', '2026-11-10', 10);
      t.sources.seedOutage('svc-other', '2026-11-10T11:00:00Z', 30);
      await t.jobs.computeAgent('other-agent', 2);
      const other = (
        await t.get('/sla/breaches?agent_id=other-agent', 'Ian Infra')
      ).body.items;
      expect(other).toEqual([
        expect.objectContaining({ metric: 'uptime', ended_at: null }),
      ]);
      expect(await t.messages('sla.breach.started')).toHaveLength(2);
      expect(await t.messages('sla.breach.customer')).toEqual([]);
      expect(t.logger.warn).toHaveBeenCalledWith(
        'SLA: customer contacts not read: Error: boom',
      );
    });
  },
);

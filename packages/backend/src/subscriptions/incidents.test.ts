import { ppSubscriptionDetailSchema } from '@internal/plugin-pp-common';
import { cpWebhookSignature } from '@internal/plugin-pp-subscriptions-backend';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { ppUntil } from '../__testUtils__/until';

/*
 * Incident auto-creation through the whole production composition: the subscriptions plugin's
 * monitor finds the demo CP's subscription whose last 7 runs failed and opens an incident in the
 * helpdesk over HTTP with its own Backstage service token, which the helpdesk's PP guard
 * authorizes as the registered plugin principal (helpdesk agent role). The ticket and the
 * subscription point at each other.
 */

jest.setTimeout(300_000);

const until = ppUntil({ intervalMs: 250, tries: 240 });

const SECRET = 'test-cp-webhook-secret-0123456789';

describe.each(ppTestEngines())('subscription incidents (%s)', database => {
  let pp: PpTestBackend;

  beforeAll(async () => {
    pp = await startPpTestBackend({
      database,
      config: {
        pp: {
          subscriptions: {
            scoreJob: { initialDelaySeconds: 1 },
            incidents: { initialDelaySeconds: 2 },
          },
          customerPortal: { webhookSecret: SECRET },
        },
      },
    });
  });

  afterAll(async () => {
    await pp?.stop();
  });

  it('opens a helpdesk incident for more than 5 failed runs in a row, linked both ways', async () => {
    const sam = await pp.bearer('sam.subscriptions@waooaw.com');
    const hari = await pp.bearer('hari.helpdesk@waooaw.com');
    const detail = await until(async () => {
      const res = await pp
        .http()
        .get('/pp/v1/subscriptions/demo-sub-007')
        .set('Authorization', sam);
      return res.status === 200 && res.body.incidents.length > 0
        ? ppSubscriptionDetailSchema.parse(res.body)
        : undefined;
    }, 'the incident of demo-sub-007');
    expect(detail.incidents).toEqual([
      expect.objectContaining({
        trigger: 'consecutive_failures',
        open: true,
        ticket_number: expect.stringMatching(/^TKT-\d{6}$/),
        detail:
          'The agent’s last 6 runs for this subscription failed in a row.',
      }),
    ]);

    // the helpdesk has it, reported by the plugin's principal, pointing back at the subscription
    const ticket = await pp
      .http()
      .get(`/pp/v1/tickets/${detail.incidents[0].ticket_id}`)
      .set('Authorization', hari);
    expect(ticket.status).toBe(200);
    expect(ticket.body).toMatchObject({
      key: detail.incidents[0].ticket_number,
      type: 'incident',
      priority: 'high',
      status: 'open',
      labels: expect.arrayContaining([
        'subscription-incident',
        'consecutive-failures',
        'subscription:demo-sub-007',
      ]),
    });
    expect(JSON.stringify(ticket.body)).toContain(
      'Subscription monitor (Platform Portal)',
    );
    expect(ticket.body.description).toContain(
      'http://localhost:3000/pp/subscriptions/demo-sub-007',
    );

    // the plugin principal is a service principal admins see and manage like any other
    const people = await pp
      .http()
      .get('/pp/v1/users?kind=service&limit=200')
      .set('Authorization', pp.admin);
    expect(people.status).toBe(200);
    expect(people.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'plugin:pp-subscriptions',
          name: 'Subscription monitor (Platform Portal)',
          status: 'active',
        }),
      ]),
    );

    // one incident per subscription and trigger: the next runs add none
    const healthy = await pp
      .http()
      .get('/pp/v1/subscriptions/demo-sub-001')
      .set('Authorization', sam);
    expect(healthy.body.incidents).toEqual([]);
  });

  it('opens an incident for a complaint from the Customer Portal’s signed webhook, once', async () => {
    const post = (body: object, headers: Record<string, string> = {}) => {
      const req = pp
        .http()
        .post('/pp/v1/webhooks/customer-portal')
        .set('Content-Type', 'application/json');
      for (const [k, v] of Object.entries(headers)) req.set(k, v);
      return req.send(JSON.stringify(body));
    };
    const signed = (body: object, at = Math.floor(Date.now() / 1000)) => {
      const timestamp = String(at);
      return post(body, {
        'X-PP-Timestamp': timestamp,
        'X-PP-Signature': cpWebhookSignature(
          SECRET,
          timestamp,
          JSON.stringify(body),
        ),
      });
    };
    const complaint = (flagged: boolean, id = 'CP-1001') => ({
      type: 'support_ticket.flagged',
      ticket: {
        id,
        subscription_id: 'demo-sub-003',
        subject: 'The agent keeps sending the wrong invoices',
        complaint: flagged,
      },
    });

    // no signature, a wrong one or an old one: 401, the error envelope
    const unsigned = await post(complaint(true));
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error).toMatchObject({ name: 'AuthenticationError' });
    expect(
      (
        await post(complaint(true), {
          'X-PP-Timestamp': String(Math.floor(Date.now() / 1000)),
          'X-PP-Signature': `sha256=${'0'.repeat(64)}`,
        })
      ).status,
    ).toBe(401);
    const old = await signed(
      complaint(true),
      Math.floor(Date.now() / 1000) - 600,
    );
    expect(old.status).toBe(401);
    expect(old.body.error.message).toMatch(/replays are refused/);
    // a bearer token grants nothing here: the contract's "signed" (everyone else 403)
    expect(
      (await post(complaint(true), { Authorization: pp.admin })).status,
    ).toBe(403);
    // signed but not a support ticket event: 400
    const bad = await signed({ type: 'support_ticket.flagged', ticket: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');

    // a ticket that is not a complaint opens nothing; a complaint opens one incident, once
    expect((await signed(complaint(false, 'CP-1000'))).status).toBe(202);
    expect((await signed(complaint(true))).status).toBe(202);
    const sam = await pp.bearer('sam.subscriptions@waooaw.com');
    const incident = await until(async () => {
      const res = await pp
        .http()
        .get('/pp/v1/subscriptions/demo-sub-003')
        .set('Authorization', sam);
      return res.body.incidents?.find(
        (i: any) => i.trigger === 'customer_complaint',
      );
    }, 'the complaint incident');
    expect(incident.detail).toBe(
      'The customer complained through a Customer Portal support ticket (CP-1001): The agent keeps sending the wrong invoices',
    );
    expect((await signed(complaint(true, 'CP-1002'))).status).toBe(202);
    await new Promise(r => setTimeout(r, 1000));
    const after = await pp
      .http()
      .get('/pp/v1/subscriptions/demo-sub-003')
      .set('Authorization', sam);
    expect(
      after.body.incidents.filter(
        (i: any) => i.trigger === 'customer_complaint',
      ),
    ).toHaveLength(1);
  });
});

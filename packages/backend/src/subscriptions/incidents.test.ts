import { ppSubscriptionDetailSchema } from '@internal/plugin-pp-common';
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
      'http://localhost:3000/subscriptions/demo-sub-007',
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
});

import { mockServices } from '@backstage/backend-test-utils';
import type { PpCreateTicketRequest } from '@internal/plugin-pp-common';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { Knex } from 'knex';
import { DatabaseCustomerPortalStore } from '../database/DatabaseCustomerPortalStore';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { SPEC_INCIDENT_RULES } from '../domain/incidents';
import { createCpTables } from '../seed/demoCustomerPortal';
import type { IncidentDesk } from './IncidentDesk';
import { IncidentMonitor, incidentView } from './IncidentMonitor';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

/** The helpdesk as the monitor sees it, in memory: tickets opened, and their state. */
class FakeDesk implements IncidentDesk {
  tickets = new Map<string, PpCreateTicketRequest & { open: boolean }>();
  down = false;
  async open(ticket: PpCreateTicketRequest) {
    if (this.down)
      throw new Error('The helpdesk refused to open the incident: 503');
    const n = this.tickets.size + 1;
    const id = `t-${n}`;
    this.tickets.set(id, { ...ticket, open: true });
    return { id, number: `TKT-${String(n).padStart(6, '0')}` };
  }
  async isOpen(id: string) {
    return this.tickets.get(id)?.open;
  }
}

let clock = new Date('2026-12-03T12:00:00Z');
const minutesAgo = (m: number) =>
  new Date(clock.getTime() - m * 60_000).toISOString();

async function addRuns(cp: Knex, subscription: string, statuses: string[]) {
  // statuses newest first, one minute apart, ending a minute ago
  const rows = statuses.map((status, i) => ({
    id: `${subscription}-${clock.getTime()}-${i}`,
    subscription_id: subscription,
    agent_id: 'math-tutor',
    status,
    error_message: status === 'failed' ? 'timeout' : null,
    created_at: minutesAgo(i + 1),
  }));
  await cp('agent_runs').insert(rows);
}

describe.each(databases.eachSupportedId())('incident monitor (%s)', id => {
  it('opens one incident per subscription and trigger, links it both ways, and only for new streaks', async () => {
    clock = new Date('2026-12-03T12:00:00Z');
    const cpDb = await databases.init(id);
    await createCpTables(cpDb);
    await cpDb('agents').insert({ id: 'math-tutor', name: 'Math Tutor' });
    await cpDb('subscriptions').insert(
      ['s-fail', 's-flaky', 's-low', 's-down'].map(s => ({
        id: s,
        customer_id: `c-${s}`,
        customer_name: `Customer ${s}`,
        agent_id: 'math-tutor',
        plan: 'pro',
        status: 'active',
      })),
    );
    await addRuns(cpDb, 's-fail', [...Array(7).fill('failed'), 'succeeded']);
    await addRuns(cpDb, 's-flaky', [
      ...Array(5).fill('failed'),
      'succeeded',
      'failed',
    ]);
    const ppDb = await databases.init(id);
    const incidents = await DatabaseIncidentStore.create({
      database: { getClient: async () => ppDb },
    });
    const score = (s: string, day: string, value: number) => ({
      subscription_id: s,
      day,
      score: value,
      band: value < 60 ? 'red' : 'green',
      success_rate: 0.5,
      error_rate: 0.5,
      activity_score: 1,
      expected_runs_per_day: 1,
      runs_total: 10,
      runs_succeeded: 5,
      runs_failed: 5,
      computed_at: clock,
    });
    await ppDb('pp_subscription_scores').insert([
      score('s-low', '2026-12-01', 55),
      score('s-low', '2026-12-02', 41.5),
      score('s-low', '2026-12-03', 38),
      // two low days are not three
      score('s-flaky', '2026-12-02', 50),
      score('s-flaky', '2026-12-03', 50),
    ]);

    const desk = new FakeDesk();
    const monitor = new IncidentMonitor({
      cp: new DatabaseCustomerPortalStore(cpDb),
      incidents,
      desk,
      rules: SPEC_INCIDENT_RULES,
      portalUrl: 'http://portal.test',
      agentEntityRef: async agent =>
        agent === 'math-tutor' ? 'component:default/math-tutor' : undefined,
      logger: mockServices.logger.mock(),
      clock: () => clock,
    });

    expect(await monitor.run()).toEqual({ opened: 2, closed: 0, failed: 0 });
    const [low] = await incidents.listFor('s-low', 10);
    const [fail] = await incidents.listFor('s-fail', 10);
    expect(incidentView(fail)).toEqual({
      trigger: 'consecutive_failures',
      ticket_id: 't-2',
      ticket_number: 'TKT-000002',
      open: true,
      detail: 'The agent’s last 6 runs for this subscription failed in a row.',
      created_at: clock.toISOString(),
    });
    expect(low).toMatchObject({ kind: 'low_score', ticket_id: 't-1' });
    expect(low.detail).toBe(
      'The subscription’s health score has been below 60 for 3 days in a row: 2026-12-01 55.0, 2026-12-02 41.5, 2026-12-03 38.0.',
    );
    // the ticket points back at the subscription and the agent's catalog entity
    expect(desk.tickets.get('t-2')).toMatchObject({
      type: 'incident',
      priority: 'high',
      entity_ref: 'component:default/math-tutor',
      labels: expect.arrayContaining(['subscription:s-fail']),
      description: expect.stringContaining(
        'http://portal.test/pp/subscriptions/s-fail',
      ),
    });
    expect(await incidents.listFor('s-flaky', 10)).toEqual([]);

    // the same situation again: nothing new while the incidents are open
    clock = new Date(clock.getTime() + 10 * 60_000);
    expect(await monitor.run()).toEqual({ opened: 0, closed: 0, failed: 0 });
    // one open slot per subscription and trigger, whoever asks
    expect(
      await monitor.raise('s-fail', 'consecutive_failures', 'again'),
    ).toBeUndefined();

    // the helpdesk closes the failure incident: the slot frees, the old streak does not reopen it
    desk.tickets.get('t-2')!.open = false;
    clock = new Date(clock.getTime() + 10 * 60_000);
    await addRuns(cpDb, 's-fail', ['failed']);
    expect(await monitor.run()).toEqual({ opened: 0, closed: 1, failed: 0 });
    expect((await incidents.listFor('s-fail', 10))[0]).toMatchObject({
      open: false,
    });
    // a new streak after it does
    clock = new Date(clock.getTime() + 10 * 60_000);
    await addRuns(cpDb, 's-fail', Array(6).fill('failed'));
    expect(await monitor.run()).toEqual({ opened: 1, closed: 0, failed: 0 });
    expect(await incidents.listFor('s-fail', 10)).toHaveLength(2);

    // the helpdesk is down: the incident waits (not shown yet) and is opened by the next run
    desk.down = true;
    clock = new Date(clock.getTime() + 10 * 60_000);
    await addRuns(cpDb, 's-down', Array(6).fill('failed'));
    expect(await monitor.run()).toEqual({ opened: 0, closed: 0, failed: 1 });
    const [waiting] = await incidents.listFor('s-down', 10);
    expect(waiting).toMatchObject({
      ticket_id: null,
      open: true,
      last_error: 'The helpdesk refused to open the incident: 503',
    });
    expect(incidentView(waiting)).toBeUndefined();
    desk.down = false;
    clock = new Date(clock.getTime() + 10 * 60_000);
    expect(await monitor.run()).toEqual({ opened: 1, closed: 0, failed: 0 });
    expect((await incidents.listFor('s-down', 10))[0]).toMatchObject({
      ticket_number: 'TKT-000004',
      last_error: null,
    });
    expect(desk.tickets.size).toBe(4);
  });

  it('keeps one open incident per subscription and trigger when two raise it at once', async () => {
    const ppDb = await databases.init(id);
    const incidents = await DatabaseIncidentStore.create({
      database: { getClient: async () => ppDb },
    });
    const claims = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        incidents.claim({
          id: `i-${i}`,
          subscription_id: 's',
          kind: 'customer_complaint',
          detail: 'd',
          now: new Date(),
        }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    // another trigger has its own slot
    expect(
      await incidents.claim({
        id: 'i-x',
        subscription_id: 's',
        kind: 'low_score',
        detail: 'd',
        now: new Date(),
      }),
    ).toBeDefined();
  });
});

import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { slaTestApp } from './__testUtils__/slaTestApp';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

/** A local stand-in for PagerDuty's Events API v2: records every event, answers `status`. */
async function fakePagerDuty() {
  const events: any[] = [];
  const state = { status: 202 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => {
      body += c;
    });
    req.on('end', () => {
      events.push({
        path: req.url,
        type: req.headers['content-type'],
        body: JSON.parse(body),
      });
      res.writeHead(state.status, { 'content-type': 'application/json' });
      res.end(
        state.status === 202
          ? JSON.stringify({
              status: 'success',
              message: 'Event processed',
              dedup_key: 'x',
            })
          : JSON.stringify({
              status: 'invalid event',
              message: 'Event object is invalid',
            }),
      );
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2/enqueue`,
    events,
    state,
    close: () => new Promise(r => server.close(r)),
  };
}

describe.each(databases.eachSupportedId())(
  'PagerDuty breach alerts (%s)',
  id => {
    it('a breach start triggers one PagerDuty incident; its end resolves it; a refusal falls back to the portal', async () => {
      const pd = await fakePagerDuty();
      try {
        const t = await slaTestApp(await databases.init(id), {
          now: '2026-11-10T12:00:00Z',
          pagerDutyUrl: pd.url,
        });
        const define = (agent_id: string, service_id: string) =>
          t.post(
            '/sla-definitions',
            {
              agent_id,
              service_id,
              type: 'standard',
              effective_from: '2026-10-01T00:00:00Z',
            },
            'Ada Admin',
          );
        // named by its catalog title where the catalog knows it, else its id in words
        t.sources.agentTitles.set('paged-agent', 'Paged Assistant');
        expect((await define('paged-agent', 'svc-paged')).status).toBe(201);
        t.sources.seedHealthy('svc-paged', '2026-11-10', 10);
        t.sources.seedOutage('svc-paged', '2026-11-10T10:00:00Z', 50);
        await t.jobs.computeAgent('paged-agent', 2);
        await t.jobs.computeAgent('paged-agent', 2);
        expect(pd.events).toHaveLength(1);
        const [trigger] = pd.events;
        expect(trigger.path).toBe('/v2/enqueue');
        expect(trigger.type).toMatch(/application\/json/);
        expect(trigger.body).toMatchObject({
          routing_key: 'test-routing-key',
          event_action: 'trigger',
          payload: {
            summary: 'Uptime of Paged Assistant missed its target',
            source: 'paged-agent',
            severity: 'critical',
            custom_details: { metric: 'uptime', target: 99.9 },
          },
        });
        const [breach] = (await t.get('/sla/breaches', 'Ian Infra')).body.items;
        expect(breach).toMatchObject({ alerted: 'pagerduty', ended_at: null });
        expect(trigger.body.dedup_key).toBe(breach.id);

        // the next day is fine: the breach ends and PagerDuty's incident is resolved
        t.sources.seedHealthy('svc-paged', '2026-11-11', 11);
        t.sources.seedOutage('svc-paged', '2026-11-10T10:00:00Z', 50);
        t.clock.now = new Date('2026-11-11T12:00:00Z');
        await t.jobs.computeAgent('paged-agent', 2);
        expect(pd.events[1].body).toEqual({
          routing_key: 'test-routing-key',
          event_action: 'resolve',
          dedup_key: breach.id,
        });

        // PagerDuty refuses: the on-call engineers are told in the portal instead
        pd.state.status = 400;
        expect((await define('refused-agent', 'svc-refused')).status).toBe(201);
        t.sources.seedHealthy('svc-refused', '2026-11-11', 10);
        t.sources.seedOutage('svc-refused', '2026-11-11T09:00:00Z', 30);
        await t.jobs.computeAgent('refused-agent', 2);
        expect(pd.events).toHaveLength(3);
        const notices = await t.messages('sla.breach.started');
        expect(notices).toEqual([
          expect.objectContaining({
            title: 'Uptime of Refused agent missed its target',
            to: { roles: ['infrastructure_engineer'] },
          }),
        ]);
      } finally {
        await pd.close();
      }
    });

    it('without a routing key a breach is a portal notice in the same transaction', async () => {
      const t = await slaTestApp(await databases.init(id), {
        now: '2026-11-10T12:00:00Z',
      });
      await t.post(
        '/sla-definitions',
        {
          agent_id: 'portal-agent',
          service_id: 'svc-portal',
          type: 'standard',
          effective_from: '2026-10-01T00:00:00Z',
        },
        'Ada Admin',
      );
      t.sources.seedHealthy('svc-portal', '2026-11-10', 10);
      t.sources.seedOutage('svc-portal', '2026-11-10T10:00:00Z', 20);
      await t.jobs.computeAgent('portal-agent', 2);
      const [breach] = (await t.get('/sla/breaches', 'Ian Infra')).body.items;
      expect(breach.alerted).toBe('portal');
      expect(await t.messages('sla.breach.started')).toHaveLength(1);
    });
  },
);

import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { slaTestApp } from './__testUtils__/slaTestApp';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

/*
 * Breach titles name agents by their catalog titles, read once for a whole daily run (not once per
 * breach: at 500 agents the first run records thousands of breaches); an agent the catalog does
 * not know is named from its id in words.
 */
describe.each(databases.eachSupportedId())('SLA breach titles (%s)', id => {
  it('reads the catalog once per run and names every breach', async () => {
    const t = await slaTestApp(await databases.init(id), {
      now: '2026-11-10T12:00:00Z',
    });
    for (const [agent, service] of [
      ['titled-agent', 'svc-titled'],
      ['plain-agent', 'svc-plain'],
    ]) {
      const res = await t.post(
        '/sla-definitions',
        {
          agent_id: agent,
          service_id: service,
          type: 'standard',
          effective_from: '2026-10-01T00:00:00Z',
        },
        'Ada Admin',
      );
      expect(res.status).toBe(201);
      t.sources.seedHealthy(service, '2026-11-10', 12);
      // an outage on each of the last three days: breaches of uptime, several days running
      for (const day of ['2026-11-08', '2026-11-09', '2026-11-10']) {
        t.sources.seedOutage(service, `${day}T02:00:00Z`, 60);
      }
    }
    t.sources.agentTitles.set('titled-agent', 'Titled Assistant');
    t.sources.agentNameReads = 0;

    await t.jobs.runDaily({ days: 5 });

    expect(t.sources.agentNameReads).toBe(1);
    const titles = (await t.get('/sla/breaches', 'Ian Infra')).body.items
      .map((b: { title: string }) => b.title)
      .sort();
    expect(titles).toEqual([
      'Uptime of Plain agent missed its target',
      'Uptime of Titled Assistant missed its target',
    ]);
  });
});

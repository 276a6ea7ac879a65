import path from 'node:path';
import {
  PpMicroservice,
  PpMicroserviceDetail,
} from '@internal/plugin-pp-common';
import {
  readRegisteredEntities,
  repoRoot,
} from '../__testUtils__/catalogFiles';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { ppUntil } from '../__testUtils__/until';

/*
 * The embedded default (pp.demo.enabled): the real catalog's services get labelled demo heartbeats
 * instead of active checks (their *.waooaw.internal URLs do not resolve on a laptop), with 24 h of
 * backfilled history and a flapping notification-service.
 */

jest.setTimeout(300_000);

const catalogServiceIds = readRegisteredEntities()
  .map(({ entity }) => entity)
  .filter(
    e =>
      e.kind === 'Component' &&
      (e.spec as { type?: string } | undefined)?.type === 'service',
  )
  .map(
    e =>
      e.metadata.annotations?.['pp.waooaw.com/service-id'] ?? e.metadata.name,
  )
  .sort();

const until = ppUntil({ intervalMs: 200, tries: 600 });

// The demo runs in the embedded default (SQLite) but must work on PostgreSQL too; its 24 h backfill
// (~2 700 heartbeat transactions) takes ~40 s on either.
const engines = ppTestEngines();

describe.each(engines)('health demo data (%s)', database => {
  let pp: PpTestBackend;
  let ines: string;

  beforeAll(async () => {
    pp = await startPpTestBackend({
      database,
      config: {
        pp: { health: { checkIntervalSeconds: 2 } },
        catalog: {
          rules: [{ allow: ['Component', 'System', 'Group', 'Location'] }],
          locations: [
            { type: 'file', target: path.join(repoRoot, 'catalog-info.yaml') },
          ],
        },
      },
    });
    ines = await pp.bearer('ines.infra@waooaw.com');
  });

  afterAll(async () => {
    await pp?.stop();
  });

  const detail = async (id: string) => {
    const res = await pp
      .http()
      .get(`/pp/v1/health/microservices/${id}?window=24h`)
      .set('Authorization', ines);
    expect(res.status).toBe(200);
    return res.body as PpMicroserviceDetail;
  };

  it('monitors every catalog service with demo heartbeats and 24 h of history', async () => {
    expect(catalogServiceIds.length).toBeGreaterThanOrEqual(10);
    const items = await until(async () => {
      const res = await pp
        .http()
        .get('/pp/v1/health/microservices?sort=service_id')
        .set('Authorization', ines);
      const list: PpMicroservice[] = res.body.items ?? [];
      return list.length === catalogServiceIds.length &&
        list.every(i => i.status !== 'unknown')
        ? list
        : undefined;
    }, 'demo heartbeats for every catalog service');
    expect(items.map(i => i.service_id)).toEqual(catalogServiceIds);

    const payment = await until(async () => {
      const d = await detail('payment-service');
      return d.series.filter(p => p.checks > 0).length >= 40 ? d : undefined;
    }, 'the backfilled history');
    expect(payment.uptime_24h_percent).toEqual(expect.any(Number));
    expect(payment.p95_response_ms).toEqual(expect.any(Number));
    expect(payment.cpu_percent).toEqual(expect.any(Number));
    // the demo replaces active checks: only heartbeats are recorded
    expect(payment.recent_checks.length).toBeGreaterThan(0);
    expect(new Set(payment.recent_checks.map(c => c.source))).toEqual(
      new Set(['heartbeat']),
    );

    // notification-service flaps: some of its history is not up
    const flapping = await detail('notification-service');
    expect(
      flapping.series.some(
        p => p.uptime_percent !== null && p.uptime_percent < 100,
      ) || flapping.uptime_24h_percent! < 100,
    ).toBe(true);
    const steady = await detail('analytics-service');
    expect(steady.uptime_24h_percent).toBeGreaterThan(
      flapping.uptime_24h_percent ?? 100,
    );
  });
});

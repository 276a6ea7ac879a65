import fs from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  PpAlert,
  PpAlertThreshold,
  PpHealthOverview,
  PpMicroservice,
  PpMicroserviceDetail,
} from '@internal/plugin-pp-common';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { serviceComponentYaml } from '../__testUtils__/catalogFiles';
import { ppUntil } from '../__testUtils__/until';

/*
 * Health monitoring through the whole production composition (the /pp/v1 mount, real sign-in, the
 * PP permission policy, the catalog, the pp-health plugin with its scheduled checks and alert rules,
 * the PP notifier with a local Slack webhook), on SQLite and PostgreSQL.
 *
 * The catalog here is a throwaway file with three services whose health URLs point at a local
 * HTTP server: svc-fast answers 200, svc-broken answers 500, svc-quiet has no URL (heartbeats only).
 */

jest.setTimeout(300_000);

/** The services' health endpoints, and a Slack incoming webhook that keeps what it got. */
async function localServer() {
  const slack: Array<{ text: string }> = [];
  const hits: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    hits[req.url ?? ''] = (hits[req.url ?? ''] ?? 0) + 1;
    if (req.url === '/ok') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
      return;
    }
    if (req.url === '/fail') {
      res.writeHead(500).end('boom');
      return;
    }
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      slack.push(JSON.parse(body || '{}'));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    slack,
    hits,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}

const component = (name: string, url?: string) =>
  serviceComponentYaml(name, { title: `${name} title`, healthCheckUrl: url });

function catalogFile(base: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-health-catalog-'));
  const file = path.join(dir, 'services.yaml');
  fs.writeFileSync(
    file,
    [
      component('svc-fast', `${base}/ok`),
      component('svc-broken', `${base}/fail`),
      component('svc-quiet'),
      // not a service: never monitored
      `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: some-website
  annotations:
    pp.waooaw.com/service-id: some-website
spec:
  type: website
  lifecycle: production
  owner: group:default/platform
`,
    ].join(''),
  );
  return { dir, file };
}

const until = ppUntil({ intervalMs: 200, tries: 300 });

describe.each(ppTestEngines())('health full stack (%s)', database => {
  let pp: PpTestBackend;
  let local: Awaited<ReturnType<typeof localServer>>;
  let catalog: ReturnType<typeof catalogFile>;
  let ines: string; // infrastructure_engineer
  let vik: string; // viewer
  let sam: string; // subscription_manager
  let founder: string; // admin
  let quietToken: string; // service principal of svc-quiet
  let fastToken: string; // service principal of svc-fast

  beforeAll(async () => {
    local = await localServer();
    catalog = catalogFile(local.base);
    pp = await startPpTestBackend({
      database,
      config: {
        pp: {
          notifications: {
            slack: { webhooks: { 'platform-health': `${local.base}/hook` } },
          },
          health: {
            // fast schedules so the test sees checks and evaluations within seconds
            checkIntervalSeconds: 2,
            alertIntervalSeconds: 2,
            checkTimeoutMs: 2000,
            // real checks against the local server, no demo heartbeats
            demo: { enabled: false },
          },
        },
        catalog: {
          rules: [{ allow: ['Component', 'Location'] }],
          locations: [{ type: 'file', target: catalog.file }],
          // re-read the file quickly: the last test edits it
          processingInterval: { seconds: 1 },
        },
      },
    });
    ines = await pp.bearer('ines.infra@waooaw.com');
    vik = await pp.bearer('vik.viewer@waooaw.com');
    sam = await pp.bearer('sam.subscriptions@waooaw.com');
    founder = await pp.bearer('founder@waooaw.com');

    const serviceToken = async (entity: string) => {
      const user = await pp
        .http()
        .post('/pp/v1/users')
        .set('Authorization', pp.admin)
        .send({
          kind: 'service',
          name: `${entity} reporter`,
          entity_ref: `component:default/${entity}`,
        });
      expect(user.status).toBe(201);
      const token = await pp
        .http()
        .post(`/pp/v1/users/${user.body.id}/api-tokens`)
        .set('Authorization', pp.admin)
        .send({ name: 'heartbeats' });
      expect(token.status).toBe(201);
      return `Bearer ${token.body.token}`;
    };
    quietToken = await serviceToken('svc-quiet');
    fastToken = await serviceToken('svc-fast');

    // the catalog is read at every check run: wait until the three services are monitored
    await until(async () => {
      const res = await pp
        .http()
        .get('/pp/v1/health/microservices')
        .set('Authorization', ines);
      return res.status === 200 && res.body.items.length === 3;
    }, 'the catalog services');
  });

  afterAll(async () => {
    await pp?.stop();
    await local?.close();
    if (catalog) fs.rmSync(catalog.dir, { recursive: true, force: true });
  });

  const get = (who: string | undefined, url: string) => {
    const req = pp.http().get(url);
    if (who) req.set('Authorization', who);
    return req;
  };

  it('lists the catalog services with the status from their active checks', async () => {
    const list = await until(async () => {
      const res = await get(
        ines,
        '/pp/v1/health/microservices?sort=service_id',
      );
      const items: PpMicroservice[] = res.body.items;
      const status = Object.fromEntries(
        items.map(i => [i.service_id, i.status]),
      );
      return status['svc-fast'] === 'up' && status['svc-broken'] === 'down'
        ? items
        : undefined;
    }, 'the first checks');
    expect(list.map(i => i.service_id)).toEqual([
      'svc-broken',
      'svc-fast',
      'svc-quiet',
    ]);
    // no URL and no heartbeat yet: unknown (or down once it has been silent too long)
    expect(list.find(i => i.service_id === 'svc-quiet')).toMatchObject({
      status: expect.stringMatching(/^(unknown|down)$/),
      last_ok_at: null,
      health_check_url: null,
      entity_ref: 'component:default/svc-quiet',
      title: 'svc-quiet title',
    });
    expect(list.find(i => i.service_id === 'svc-fast')).toMatchObject({
      entity_ref: 'component:default/svc-fast',
      health_check_url: `${local.base}/ok`,
      last_ok_at: expect.any(String),
      p50_response_ms: expect.any(Number),
      uptime_24h_percent: 100,
    });
    expect(local.hits['/ok']).toBeGreaterThan(0);
    expect(local.hits['/fail']).toBeGreaterThan(0);

    const down = await get(vik, '/pp/v1/health/microservices?status=down');
    expect(down.status).toBe(200);
    expect(down.body.items.map((i: PpMicroservice) => i.service_id)).toEqual([
      'svc-broken',
    ]);
    const bad = await get(vik, '/pp/v1/health/microservices?status=sideways');
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');

    const detail = await get(
      ines,
      '/pp/v1/health/microservices/svc-broken?window=1h',
    );
    expect(detail.status).toBe(200);
    const d: PpMicroserviceDetail = detail.body;
    expect(d).toMatchObject({ service_id: 'svc-broken', window: '1h' });
    expect(d.series.length).toBeGreaterThan(0);
    expect(d.recent_checks[0]).toMatchObject({
      source: 'check',
      status: 'down',
      http_status: 500,
    });
    expect((await get(ines, '/pp/v1/health/microservices/nope')).status).toBe(
      404,
    );
    expect(
      (await get(ines, '/pp/v1/health/microservices/svc-fast?window=2y'))
        .status,
    ).toBe(400);
  });

  it('answers the overview to infrastructure engineers, admins and viewers only', async () => {
    for (const who of [ines, founder, vik]) {
      const res = await get(who, '/pp/v1/health/overview');
      expect(res.status).toBe(200);
      const o: PpHealthOverview = res.body;
      expect(o.service_count).toBe(3);
      expect(o.up + o.degraded + o.down + o.unknown).toBe(3);
      expect(o.check_interval_seconds).toBe(2);
      expect(res.header['cache-control']).toContain('max-age=2');
    }
    const denied = await get(sam, '/pp/v1/health/overview');
    expect(denied.status).toBe(403);
    expect(denied.body.error.name).toBe('NotAllowedError');
    expect((await get(undefined, '/pp/v1/health/overview')).status).toBe(401);
  });

  it('answers 304 to a GET whose ETag still matches', async () => {
    const first = await get(vik, '/pp/v1/health/alert-thresholds');
    expect(first.status).toBe(200);
    expect(first.header.etag).toBeTruthy();
    const again = await get(vik, '/pp/v1/health/alert-thresholds').set(
      'If-None-Match',
      first.header.etag,
    );
    expect(again.status).toBe(304);
    const types = (first.body.items as PpAlertThreshold[]).map(
      t => t.alert_type,
    );
    expect(types.sort()).toEqual([
      'high_cpu_memory',
      'high_error_rate',
      // reported by the knowledge plugin (POST /health/reported-conditions)
      'ingestion_failing',
      'queue_backlog',
      'service_down',
    ]);
  });

  it('takes heartbeats from a service principal for its own service only', async () => {
    const send = (who: string | undefined, body: object) => {
      const req = pp.http().post('/pp/v1/health/heartbeats');
      if (who) req.set('Authorization', who);
      return req.send(body);
    };
    const ok = await send(quietToken, {
      status: 'up',
      response_time_ms: 42,
      error_rate: 0,
      cpu_percent: 31.5,
      memory_percent: 64,
      disk_percent: 12,
    });
    expect(ok.status).toBe(202);
    expect(ok.body).toMatchObject({ service_id: 'svc-quiet' });

    const explicit = await send(quietToken, {
      service_id: 'svc-quiet',
      status: 'degraded',
    });
    expect(explicit.status).toBe(202);

    const other = await send(quietToken, {
      service_id: 'svc-fast',
      status: 'up',
    });
    expect(other.status).toBe(403);
    expect(other.body.error.name).toBe('NotAllowedError');

    const unknown = await send(fastToken, {
      service_id: 'no-such-service',
      status: 'up',
    });
    expect(unknown.status).toBe(404);

    const invalid = await send(quietToken, {
      status: 'up',
      cpu_percent: 140,
      error_rate: 5,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('cpu_percent');
    expect(invalid.body.error.message).toContain('error_rate');
    const future = await send(quietToken, {
      status: 'up',
      timestamp: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(400);

    // people (even admins) cannot send heartbeats; nobody without a token either
    expect((await send(ines, { status: 'up' })).status).toBe(403);
    expect((await send(founder, { status: 'up' })).status).toBe(403);
    expect((await send(undefined, { status: 'up' })).status).toBe(401);

    const detail = await get(vik, '/pp/v1/health/microservices/svc-quiet');
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      status: 'degraded',
      cpu_percent: 31.5,
      memory_percent: 64,
      disk_percent: 12,
      last_ok_at: expect.any(String),
    });
    expect(
      (detail.body as PpMicroserviceDetail).recent_checks.map(c => c.source),
    ).toEqual(['heartbeat', 'heartbeat']);
  });

  it('answers an unchanged overview with 304 from its change mark; a heartbeat changes it', async () => {
    // This backend checks every 2 s (each check is a write) and the overview is versioned per
    // check interval: a revalidation right after a read is a 304 unless a check fell in between.
    let etag = '';
    await until(async () => {
      const read = await get(vik, '/pp/v1/health/overview');
      etag = read.header.etag;
      const again = await get(vik, '/pp/v1/health/overview').set(
        'If-None-Match',
        etag,
      );
      return again.status === 304;
    }, 'a 304 for an unchanged overview');
    // the tag is the viewer's: another reader gets the overview
    expect(
      (await get(ines, '/pp/v1/health/overview').set('If-None-Match', etag))
        .status,
    ).toBe(200);
    // a write to what the overview reads (a heartbeat) changes it
    const beat = await pp
      .http()
      .post('/pp/v1/health/heartbeats')
      .set('Authorization', quietToken)
      .send({ status: 'up', response_time_ms: 40, error_rate: 0 });
    expect(beat.status).toBeLessThan(300);
    const after = await get(vik, '/pp/v1/health/overview').set(
      'If-None-Match',
      etag,
    );
    expect(after.status).toBe(200);
    expect(after.header.etag).not.toBe(etag);
    expect(after.header['cache-control']).toBe('private, max-age=2');
  });

  it('fires an alert after a threshold edit, tells #platform-health, resolves it when the rule is off', async () => {
    // the default high_error_rate rule needs 5 minutes: make it immediate (effective next run)
    const viewerEdit = await pp
      .http()
      .put('/pp/v1/health/alert-thresholds/high_error_rate')
      .set('Authorization', vik)
      .send({ duration_seconds: 0 });
    expect(viewerEdit.status).toBe(403);
    const invalid = await pp
      .http()
      .put('/pp/v1/health/alert-thresholds/high_error_rate')
      .set('Authorization', ines)
      .send({ threshold_value: 250 });
    expect(invalid.status).toBe(400);
    const unknownType = await pp
      .http()
      .put('/pp/v1/health/alert-thresholds/disk_full')
      .set('Authorization', ines)
      .send({ threshold_value: 5 });
    expect(unknownType.status).toBe(400);

    const edit = await pp
      .http()
      .put('/pp/v1/health/alert-thresholds/high_error_rate')
      .set('Authorization', ines)
      .send({ duration_seconds: 0 });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({
      alert_type: 'high_error_rate',
      duration_seconds: 0,
      threshold_value: 5,
      updated_by: 'ines.infra@waooaw.com',
    });

    const alert = await until(async () => {
      const res = await get(
        vik,
        '/pp/v1/health/alerts?status=firing&alert_type=high_error_rate',
      );
      return (res.body.items as PpAlert[]).find(
        a => a.service_id === 'svc-broken',
      );
    }, 'the high error rate alert');
    expect(alert).toMatchObject({
      severity: 'warning',
      status: 'firing',
      resolved_at: null,
      threshold: 5,
    });
    // exactly one open alert for the rule and service, however many evaluations ran
    await new Promise(r => setTimeout(r, 4500));
    const open = await get(
      ines,
      '/pp/v1/health/alerts?status=firing&alert_type=high_error_rate&service_id=svc-broken',
    );
    expect(open.body.total_count).toBe(1);
    await until(
      async () =>
        local.slack.some(
          m => m.text?.includes('svc-broken') && /error rate/i.test(m.text),
        ),
      'the Slack message',
    );
    const overview = await get(ines, '/pp/v1/health/overview');
    expect(overview.body.open_alerts.warning).toBeGreaterThanOrEqual(1);

    const off = await pp
      .http()
      .put('/pp/v1/health/alert-thresholds/high_error_rate')
      .set('Authorization', founder)
      .send({ enabled: false });
    expect(off.status).toBe(200);
    const resolved = await until(async () => {
      const res = await get(
        vik,
        '/pp/v1/health/alerts?status=resolved&alert_type=high_error_rate',
      );
      return (res.body.items as PpAlert[]).find(a => a.id === alert.id);
    }, 'the resolved alert');
    expect(resolved.resolved_at).toEqual(expect.any(String));
  });

  it('takes a service its own logs and lets infrastructure engineers search them, not viewers', async () => {
    const sent = await pp
      .http()
      .post('/pp/v1/health/logs')
      .set('Authorization', fastToken)
      .send({
        entries: [
          { level: 'error', message: 'upstream timeout calling svc-broken' },
          { level: 'info', message: 'request served' },
        ],
      });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ accepted: 2 });
    const foreign = await pp
      .http()
      .post('/pp/v1/health/logs')
      .set('Authorization', fastToken)
      .send({
        entries: [{ service_id: 'svc-quiet', level: 'info', message: 'x' }],
      });
    expect(foreign.status).toBe(403);

    const viewer = await pp
      .http()
      .post('/pp/v1/health/logs/query')
      .set('Authorization', vik)
      .send({});
    expect(viewer.status).toBe(403);
    const infra = await pp
      .http()
      .post('/pp/v1/health/logs/query')
      .set('Authorization', ines)
      .send({ service: 'svc-fast', text: 'timeout' });
    expect(infra.status).toBe(200);
    expect(infra.body.items).toEqual([
      expect.objectContaining({
        service_id: 'svc-fast',
        level: 'error',
        message: 'upstream timeout calling svc-broken',
      }),
    ]);
  });

  it('offers health actions to AI agents under the read permission', async () => {
    const invoke = (who: string, action: string, body: object) =>
      pp
        .http()
        .post(
          `/api/pp-health/.backstage/actions/v1/actions/pp-health:${action}/invoke`,
        )
        .set('Authorization', who)
        .send(body);
    const listed = await pp
      .http()
      .get('/api/pp-health/.backstage/actions/v1/actions')
      .set('Authorization', ines);
    expect(listed.status).toBe(200);
    expect(listed.body.actions.map((a: any) => a.id)).toEqual(
      expect.arrayContaining([
        'pp-health:pp-health-overview',
        'pp-health:pp-health-services-list',
        'pp-health:pp-health-alerts-list',
        'pp-health:pp-health-logs-query',
      ]),
    );
    const logs = await invoke(ines, 'pp-health-logs-query', {
      service: 'svc-fast',
      levels: ['error'],
    });
    expect(logs.status).toBe(200);
    expect(logs.body.output.items[0].message).toBe(
      'upstream timeout calling svc-broken',
    );
    expect((await invoke(vik, 'pp-health-logs-query', {})).status).toBe(403);
    const status = await invoke(vik, 'pp-health-services-list', {
      service_id: 'svc-fast',
    });
    expect(status.status).toBe(200);
    expect(JSON.stringify(status.body.output)).toContain('svc-fast');
    const overview = await invoke(ines, 'pp-health-overview', {});
    expect(overview.status).toBe(200);
    expect(JSON.stringify(overview.body.output)).toContain('service_count');
    const denied = await invoke(sam, 'pp-health-alerts-list', {});
    expect(denied.status).toBe(403);
    // the registry checks each output against the action's typed schema
    const detail = await invoke(vik, 'pp-health-services-get', {
      service_id: 'svc-broken',
      window: '1h',
    });
    expect(detail.status).toBe(200);
    expect(detail.body.output.service).toMatchObject({
      service_id: 'svc-broken',
      status: 'down',
      window: '1h',
    });
    expect(detail.body.output.service.recent_checks[0]).toMatchObject({
      source: 'check',
      http_status: 500,
    });
    const alerts = await invoke(vik, 'pp-health-alerts-list', {
      status: 'firing',
      service_id: 'svc-broken',
    });
    expect(alerts.status).toBe(200);
    expect(
      alerts.body.output.items.every(
        (a: any) => a.status === 'firing' && a.service_id === 'svc-broken',
      ),
    ).toBe(true);
    const resolved = await invoke(vik, 'pp-health-alerts-list', {
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);
    expect(
      resolved.body.output.items.every((a: any) => a.status === 'resolved'),
    ).toBe(true);
    const queues = await invoke(vik, 'pp-health-queues-list', {});
    expect(queues.status).toBe(200);
    expect(Array.isArray(queues.body.output.systems)).toBe(true);
  });
  // Last: it changes the catalog the other tests rely on.
  it('follows the catalog: a service added is monitored, a service removed disappears', async () => {
    fs.writeFileSync(
      catalog.file,
      [
        component('svc-fast', `${local.base}/ok`),
        component('svc-broken', `${local.base}/fail`),
        component('svc-new', `${local.base}/ok`),
      ].join(''),
    );
    const ids = await until(async () => {
      const res = await get(
        ines,
        '/pp/v1/health/microservices?sort=service_id',
      );
      const got = (res.body.items as PpMicroservice[]).map(i => i.service_id);
      return got.includes('svc-new') && !got.includes('svc-quiet')
        ? got
        : undefined;
    }, 'the catalog change');
    expect(ids).toEqual(['svc-broken', 'svc-fast', 'svc-new']);
    expect(
      (await get(ines, '/pp/v1/health/microservices/svc-quiet')).status,
    ).toBe(404);
    const overview = await get(ines, '/pp/v1/health/overview');
    expect(overview.body.service_count).toBe(3);
    // a removed service can no longer report
    const beat = await pp
      .http()
      .post('/pp/v1/health/heartbeats')
      .set('Authorization', quietToken)
      .send({ status: 'up' });
    expect([403, 404]).toContain(beat.status);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { PpAuditRecord } from '@internal/plugin-pp-common';
import {
  PP_ANONYMOUS_PRINCIPAL,
  PpIdentityService,
  ppIdentityServiceRef,
} from '@internal/plugin-pp-node';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { serviceComponentYaml } from '../__testUtils__/catalogFiles';
import { ppUntil } from '../__testUtils__/until';

/*
 * The audit hardening of issue 10 through the whole production composition, on SQLite and
 * PostgreSQL: a 5,000-character URL is a 401/403 (never a 500) and is audited with a bounded
 * resource; anonymous denials are counted, not chained; 403s a route throws for a service
 * principal, and every 409/412, are in the chain with the principal; verify reports checkpoints.
 */

jest.setTimeout(300_000);

const until = ppUntil({ intervalMs: 100, tries: 300 });

describe.each(ppTestEngines())('audit hardening full stack (%s)', database => {
  let pp: PpTestBackend;
  let identity: PpIdentityService;
  let catalogDir: string;
  let hari: string; // helpdesk_agent
  let vik: string; // viewer
  let alphaToken: string; // service principal of svc-alpha
  const run = `r${Date.now().toString(36)}`;

  beforeAll(async () => {
    catalogDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-audit-catalog-'));
    const file = path.join(catalogDir, 'services.yaml');
    fs.writeFileSync(
      file,
      serviceComponentYaml('svc-alpha') + serviceComponentYaml('svc-beta'),
    );
    pp = await startPpTestBackend({
      database,
      config: {
        pp: { health: { checkIntervalSeconds: 2, demo: { enabled: false } } },
        catalog: {
          rules: [{ allow: ['Component', 'Location'] }],
          locations: [{ type: 'file', target: file }],
        },
      },
      features: [
        createBackendPlugin({
          pluginId: 'pp-audit-probe',
          register(env) {
            env.registerInit({
              deps: { ppIdentity: ppIdentityServiceRef },
              async init({ ppIdentity }) {
                identity = ppIdentity;
              },
            });
          },
        }),
      ],
    });
    hari = await pp.bearer('hari.helpdesk@waooaw.com');
    vik = await pp.bearer('vik.viewer@waooaw.com');
    const user = await pp
      .http()
      .post('/pp/v1/users')
      .set('Authorization', pp.admin)
      .send({
        kind: 'service',
        name: 'svc-alpha reporter',
        entity_ref: 'component:default/svc-alpha',
      });
    if (user.status !== 201) throw new Error(`service user: ${user.status}`);
    const token = await pp
      .http()
      .post(`/pp/v1/users/${user.body.id}/api-tokens`)
      .set('Authorization', pp.admin)
      .send({ name: 'heartbeats' });
    if (token.status !== 201) throw new Error(`token: ${token.status}`);
    alphaToken = `Bearer ${token.body.token}`;
  });

  afterAll(async () => {
    await pp?.stop();
    if (catalogDir) fs.rmSync(catalogDir, { recursive: true, force: true });
  });

  async function auditRows(): Promise<PpAuditRecord[]> {
    const res = await pp
      .http()
      .get('/pp/v1/audit?limit=100')
      .set('Authorization', pp.admin);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('answers a 5,000-character URL with 401/403 JSON, never 500, and audits it bounded', async () => {
    const longPath = `/pp/v1/users/${'x'.repeat(5000)}`;
    const anonymous = await pp.http().put(longPath).send({ name: 'n' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.name).toBe('AuthenticationError');
    const counters = await identity.audit.anonymousDenials();
    expect(
      counters.find(
        c =>
          c.path_prefix.startsWith('/api/pp-users/users') ||
          c.path_prefix.startsWith('/pp/v1/users'),
      ),
    ).toMatchObject({ count: expect.any(Number) });

    const viewer = await pp
      .http()
      .put(longPath)
      .set('Authorization', vik)
      .send({ name: 'n' });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.name).toBe('NotAllowedError');
    const row = (await auditRows()).find(
      r => r.outcome === 'denied' && r.resource?.includes('xxxxxxxx'),
    );
    expect(row).toBeDefined();
    expect(row!.principal).toMatch(/^user:pp\//);
    expect(row!.resource!.length).toBeLessThanOrEqual(512);
    expect(row!.resource).toMatch(/…\[truncated\]$/);
  });

  it('counts a flood of anonymous denials in a bounded number of rows', async () => {
    const before = await identity.audit.list({ limit: 1 });
    const counted = async () =>
      (await identity.audit.anonymousDenials({ limit: 1000 }))
        .filter(c => c.path_prefix.endsWith('/tickets'))
        .reduce((sum, c) => sum + c.count, 0);
    const countedBefore = await counted();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        pp.http().get('/pp/v1/tickets').set('Authorization', 'Bearer nope'),
      ),
    );
    expect(new Set(answers.map(a => a.status))).toEqual(new Set([401]));
    expect(await counted()).toBe(countedBefore + 200);
    const rows = (
      await identity.audit.anonymousDenials({ limit: 1000 })
    ).filter(c => c.path_prefix.endsWith('/tickets'));
    expect(rows.length).toBeLessThanOrEqual(4);
    // Not one chained row for them (the portal's own jobs may chain rows of theirs meanwhile).
    const since = (await identity.audit.list({ limit: 500 })).filter(
      r => r.id > (before[0]?.id ?? 0),
    );
    expect(since.filter(r => r.principal === PP_ANONYMOUS_PRINCIPAL)).toEqual(
      [],
    );
  });

  it('audits a 409 (illegal transition) and a 412 (stale If-Match) with the principal', async () => {
    const created = await pp
      .http()
      .post('/pp/v1/tickets')
      .set('Authorization', hari)
      .send({
        type: 'support',
        priority: 'medium',
        title: `${run} audit`,
        description: 'For the audit test.',
      });
    expect(created.status).toBe(201);
    const t = created.body;
    const illegal = await pp
      .http()
      .post(`/pp/v1/tickets/${t.id}/transition`)
      .set('Authorization', hari)
      .send({ status: 'resolved', version: t.version });
    expect(illegal.status).toBe(409);

    const get = await pp
      .http()
      .get(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', hari);
    const etag = get.headers.etag;
    const first = await pp
      .http()
      .put(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', hari)
      .set('If-Match', etag)
      .send({ title: `${run} audit edited` });
    expect(first.status).toBe(200);
    const stale = await pp
      .http()
      .put(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', hari)
      .set('If-Match', etag)
      .send({ title: `${run} lost edit` });
    expect(stale.status).toBe(412);

    const rows = await auditRows();
    const conflict = rows.find(
      r => r.details?.status === 409 && r.resource?.includes(t.id),
    );
    expect(conflict).toMatchObject({
      outcome: 'failure',
      reason: illegal.body.error.message,
      details: { status: 409, error: 'ConflictError' },
    });
    expect(conflict!.principal).toMatch(/^user:pp\//);
    expect(conflict!.action).toMatch(/^POST .*transition$/);
    const precondition = rows.find(
      r => r.details?.status === 412 && r.resource?.includes(t.id),
    );
    expect(precondition).toMatchObject({
      outcome: 'failure',
      principal: conflict!.principal,
      details: { status: 412, error: 'PreconditionFailedError' },
    });
  });

  it("audits a service principal's 403 on another service's heartbeat", async () => {
    await until(async () => {
      const res = await pp
        .http()
        .post('/pp/v1/health/heartbeats')
        .set('Authorization', alphaToken)
        .send({ status: 'up' });
      return res.status === 202;
    }, 'svc-alpha to be monitored');
    const other = await until(async () => {
      const res = await pp
        .http()
        .post('/pp/v1/health/heartbeats')
        .set('Authorization', alphaToken)
        .send({ service_id: 'svc-beta', status: 'up' });
      return res.status === 403 && res;
    }, 'svc-beta to be monitored');
    expect(other.body.error.name).toBe('NotAllowedError');
    const row = (await auditRows()).find(
      r => r.outcome === 'denied' && r.details?.status === 403,
    );
    expect(row).toMatchObject({
      reason: other.body.error.message,
      principal: expect.stringMatching(/^user:pp\//),
      action: expect.stringMatching(/^POST .*heartbeats$/),
    });
  });

  it('verifies the chain with its checkpoints over /pp/v1/audit/verify', async () => {
    await identity.audit.checkpoint();
    const res = await pp
      .http()
      .get('/pp/v1/audit/verify')
      .set('Authorization', pp.admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      first_broken_id: null,
      missing_tail: null,
      checkpoints: { latest: { head_id: expect.any(Number) } },
    });
  });
});

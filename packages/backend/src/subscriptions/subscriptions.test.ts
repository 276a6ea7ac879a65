import {
  PpAuditRecord,
  PpSubscriptionDetail,
  PpSubscriptionPage,
  ppAgentRunPageSchema,
  ppSubscriptionDetailSchema,
  ppSubscriptionPageSchema,
} from '@internal/plugin-pp-common';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { ppUntil } from '../__testUtils__/until';

/*
 * Subscriptions through the whole production composition (the /pp/v1 mount, real sign-in, the PP
 * permission policy, the pp-subscriptions plugin with the demo CP and its score job), on SQLite
 * and PostgreSQL. The demo CP holds customer core data (industry_data, strategic_plans, "DEMO
 * SECRET ...") like the real one: none of it may leave.
 */

jest.setTimeout(300_000);

const until = ppUntil({ intervalMs: 200, tries: 150 });

describe.each(ppTestEngines())('subscriptions full stack (%s)', database => {
  let pp: PpTestBackend;
  let sam: string; // subscription_manager
  let vik: string; // viewer
  let hari: string; // helpdesk_agent

  beforeAll(async () => {
    pp = await startPpTestBackend({
      database,
      config: {
        pp: { subscriptions: { scoreJob: { initialDelaySeconds: 1 } } },
      },
    });
    sam = await pp.bearer('sam.subscriptions@waooaw.com');
    vik = await pp.bearer('vik.viewer@waooaw.com');
    hari = await pp.bearer('hari.helpdesk@waooaw.com');
    // the score job runs once shortly after start
    await until(async () => {
      const res = await pp
        .http()
        .get('/pp/v1/subscriptions')
        .set('Authorization', sam);
      return res.status === 200 && res.body.items.length === 10;
    }, 'the first score job run');
  });

  afterAll(async () => {
    await pp?.stop();
  });

  const get = (path: string, who?: string) => {
    const req = pp.http().get(path);
    if (who) req.set('Authorization', who);
    return req;
  };

  it('lists subscriptions with scores, band counts, filters and paging (manager, viewer, admin)', async () => {
    for (const who of [sam, vik, pp.admin]) {
      const res = await get('/pp/v1/subscriptions', who);
      expect(res.status).toBe(200);
      const page = ppSubscriptionPageSchema.parse(
        res.body,
      ) as PpSubscriptionPage;
      expect(page.items).toHaveLength(10);
      const { green, amber, red, unscored } = page.band_counts;
      expect(green + amber + red + unscored).toBe(10);
      expect(unscored).toBe(0);
    }
    const red = await get('/pp/v1/subscriptions?score_lt=60', sam);
    expect(red.body.items.length).toBeGreaterThan(0);
    for (const item of red.body.items) expect(item.score).toBeLessThan(60);
    const bandRed = await get('/pp/v1/subscriptions?band=red', sam);
    expect(bandRed.body.items.map((i: any) => i.id).sort()).toEqual(
      red.body.items.map((i: any) => i.id).sort(),
    );
    const churned = await get('/pp/v1/subscriptions?status=churned', sam);
    expect(churned.body.items.map((i: any) => i.id)).toEqual(['demo-sub-005']);
    const errors = await get(
      '/pp/v1/subscriptions?errors_gt=5&sort=-errors',
      sam,
    );
    expect(errors.body.items.length).toBeGreaterThan(0);
    for (const item of errors.body.items) {
      expect(item.runs_failed_30d).toBeGreaterThan(5);
    }
    const first = await get('/pp/v1/subscriptions?limit=4&sort=customer', sam);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await get(
      `/pp/v1/subscriptions?limit=4&sort=customer&cursor=${first.body.next_cursor}`,
      sam,
    );
    expect(
      second.body.items[0].customer_name > first.body.items[3].customer_name,
    ).toBe(true);
    expect((await get('/pp/v1/subscriptions?cursor=junk', sam)).status).toBe(
      400,
    );
    expect((await get('/pp/v1/subscriptions?band=purple', sam)).status).toBe(
      400,
    );
    // input PostgreSQL cannot compare or hold is a 400, not a 500
    const cursorOf = (v: unknown) =>
      Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const path of [
      `/pp/v1/subscriptions?sort=score&cursor=${cursorOf(['abc', 'x'])}`,
      `/pp/v1/subscriptions?sort=-errors&cursor=${cursorOf([1e300, 'x'])}`,
      `/pp/v1/subscriptions?sort=customer&cursor=${cursorOf(['a', 'x\u0000'])}`,
      '/pp/v1/subscriptions?customer=%00',
      '/pp/v1/subscriptions/%00',
      '/pp/v1/subscriptions/demo-sub-001/agent-runs?reason=why%00not',
      `/pp/v1/subscriptions/demo-sub-001/agent-runs?reason=audit%20check&cursor=${cursorOf(
        ['2026-02-30T00:00:00Z', 'r1'],
      )}`,
    ]) {
      expect([path, (await get(path, sam)).status]).toEqual([path, 400]);
    }
  });

  it('shows a subscription’s detail with its score inputs, history, runs per day and errors', async () => {
    const res = await get('/pp/v1/subscriptions/demo-sub-003', vik);
    expect(res.status).toBe(200);
    const detail = ppSubscriptionDetailSchema.parse(
      res.body,
    ) as PpSubscriptionDetail;
    expect(detail).toMatchObject({
      id: 'demo-sub-003',
      customer_name: 'Demo Realty Group',
      industry: 'sales',
      score: {
        band: 'red',
        success_rate: expect.any(Number),
        error_rate: expect.any(Number),
        activity_score: expect.any(Number),
      },
    });
    expect(detail.score_history.length).toBeGreaterThanOrEqual(1);
    expect(detail.runs_per_day).toHaveLength(30);
    expect(detail.recent_errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/SECRET|4242/);
    expect((await get('/pp/v1/subscriptions/nope', sam)).status).toBe(404);
  });

  it('refuses callers the contract does not name: helpdesk agent, anonymous; viewer on runs', async () => {
    expect((await get('/pp/v1/subscriptions', hari)).status).toBe(403);
    expect((await get('/pp/v1/subscriptions/demo-sub-001', hari)).status).toBe(
      403,
    );
    expect((await get('/pp/v1/subscriptions')).status).toBe(401);
    const viewerRuns = await get(
      '/pp/v1/subscriptions/demo-sub-001/agent-runs?reason=just%20curious',
      vik,
    );
    expect(viewerRuns.status).toBe(403);
    expect(viewerRuns.body.error.name).toBe('NotAllowedError');
  });

  it('requires a reason for forensic reads (400 without it)', async () => {
    const res = await get('/pp/v1/subscriptions/demo-sub-001/agent-runs', sam);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/reason/);
  });

  it('returns allow-listed run fields only, and audits who read which subscription and why', async () => {
    const reason = `customer complaint ${Date.now()}`;
    const res = await get(
      `/pp/v1/subscriptions/demo-sub-007/agent-runs?reason=${encodeURIComponent(
        reason,
      )}&limit=5`,
      sam,
    );
    expect(res.status).toBe(200);
    const page = ppAgentRunPageSchema.parse(res.body);
    expect(page.items).toHaveLength(5);
    for (const run of res.body.items) {
      expect(Object.keys(run).sort()).toEqual(
        [
          'actions',
          'agent_id',
          'created_at',
          'error_message',
          'finished_at',
          'id',
          'inputs',
          'outputs',
          'started_at',
          'status',
        ].sort(),
      );
    }
    // the demo's last 7 runs of demo-sub-007 failed in a row
    expect(res.body.items.every((r: any) => r.status === 'failed')).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(
      /SECRET|industry_data|strategic_plan/,
    );
    const next = await get(
      `/pp/v1/subscriptions/demo-sub-007/agent-runs?reason=${encodeURIComponent(
        reason,
      )}&limit=5&cursor=${res.body.next_cursor}`,
      pp.admin,
    );
    expect(next.status).toBe(200);
    expect(next.body.items[0].created_at <= res.body.items[4].created_at).toBe(
      true,
    );

    const audit = await get('/pp/v1/audit?limit=100', pp.admin);
    const rows = (audit.body.items as PpAuditRecord[]).filter(
      r =>
        r.action === 'pp.subscriptions.agent-runs.read' && r.reason === reason,
    );
    expect(rows).toHaveLength(2);
    const samId = (await get('/pp/v1/users/me', sam)).body.user.id;
    expect(rows.map(r => r.principal).sort()).toEqual(
      ['pp-admin-token', `user:pp/${samId}`].sort(),
    );
    const samRow = rows.find(r => r.principal === `user:pp/${samId}`);
    expect(samRow).toMatchObject({
      resource: 'subscription:demo-sub-007',
      outcome: 'success',
      details: expect.objectContaining({
        subscription_id: 'demo-sub-007',
        run_ids: res.body.items.map((r: any) => r.id),
        via: 'http',
      }),
    });
  });
});

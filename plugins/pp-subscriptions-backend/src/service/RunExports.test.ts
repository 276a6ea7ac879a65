import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ppRunExportResponseSchema } from '@internal/plugin-pp-common';
import {
  createTestPpGuard,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import zlib from 'node:zlib';
import { createProductionLikeCp } from '../database/__testUtils__/productionLikeCp';
import { DatabaseCustomerPortalStore } from '../database/DatabaseCustomerPortalStore';
import { DatabaseExportStore } from '../database/DatabaseExportStore';
import { DatabaseSubscriptionStore } from '../database/DatabaseSubscriptionStore';
import { EXPORT_LEASE_MS } from '../domain/exports';
import { EXPORT_CSV_COLUMNS } from './exportCsv';
import { createRouter } from './router';
import { RunExports } from './RunExports';
import { subscriptionApi } from './subscriptionApi';
import { SubscriptionQueries } from './SubscriptionQueries';
import { ConfigReader } from '@backstage/config';
import { subscriptionSettingsFromConfig } from './config';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import type { SubscriptionCommands } from './SubscriptionCommands';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const RUNS = 2500;
const SECRETS =
  /SECRET|industry_data|strategic_plans|some_column_cp_added_later/;
const START = new Date('2026-12-03T10:00:00.000Z');

/** A CSV line split into cells (quoted cells with "" escapes, as csv-stringify writes them). */
function cells(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = '';
      i += 1;
      for (;;) {
        const q = line.indexOf('"', i);
        cell += line.slice(i, q);
        if (line[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 2;
          break;
        }
      }
      out.push(cell);
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/** The text lines of a PDF pdfkit wrote (its standard fonts write text as hex strings in TJ). */
function pdfLines(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const body = pdf.subarray(start, raw.indexOf('endstream', start));
    let content: string;
    try {
      content = zlib.inflateSync(body).toString('latin1');
    } catch {
      content = body.toString('latin1');
    }
    for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      lines.push(
        [...tj[1].matchAll(/<([0-9a-f]+)>/g)]
          .map(h => Buffer.from(h[1], 'hex').toString('latin1'))
          .join(''),
      );
    }
  }
  return lines;
}

describe.each(databases.eachSupportedId())('run exports (%s)', id => {
  let app: express.Express;
  let knex: Knex;
  let cpDb: Knex;
  let tokens: Record<string, string>;
  let refs: Record<string, string>;
  let exports: RunExports;
  let store: DatabaseExportStore;
  let directory: string;
  let now: Date;
  const progress: Array<{ rows_written: number; rows_total?: number }> = [];

  beforeAll(async () => {
    now = START;
    knex = await databases.init(id);
    cpDb = await databases.init(id);
    await createProductionLikeCp(cpDb);
    const pg = cpDb.client.config.client === 'pg';
    const t = (ms: number) => {
      const d = new Date(Date.parse('2026-11-01T00:00:00Z') + ms);
      return pg ? d : d.toISOString();
    };
    await cpDb('agents').insert({
      id: 'ag1',
      name: 'Tutor',
      industry: 'education',
      system_prompt: 'SECRET-PROMPT',
    });
    await cpDb('subscriptions').insert(
      ['s1', 's2'].map(sid => ({
        id: sid,
        customer_id: `c-${sid}`,
        customer_name: sid === 's1' ? 'Acme Café GmbH' : 'Beta Ltd',
        agent_id: 'ag1',
        plan: 'pro',
        status: 'active',
        industry_data: 'SECRET-INDUSTRY-DATA',
        strategic_plans: 'SECRET-STRATEGIC-PLAN',
        some_column_cp_added_later: 'SECRET-NEW-COLUMN',
      })),
    );
    const runs = Array.from({ length: RUNS }, (_, i) => ({
      id: `run-${String(i).padStart(5, '0')}`,
      subscription_id: 's1',
      agent_id: 'ag1',
      status: i % 10 === 0 ? 'failed' : 'succeeded',
      inputs: JSON.stringify({ prompt: `task "${i}", with a comma` }),
      outputs: JSON.stringify({ ok: i % 10 !== 0 }),
      actions: JSON.stringify([{ type: 'email', to: 'x@example.com' }]),
      error_message: i % 10 === 0 ? `boom ${i}` : null,
      created_at: t(i * 60_000),
      started_at: t(i * 60_000 + 1000),
      finished_at: t(i * 60_000 + 31_000),
      industry_data: 'SECRET-INDUSTRY-DATA',
      strategic_plans: 'SECRET-STRATEGIC-PLAN',
      some_column_cp_added_later: 'SECRET-NEW-COLUMN',
    }));
    for (let i = 0; i < runs.length; i += 200) {
      await cpDb('agent_runs').insert(runs.slice(i, i + 200));
    }

    const test = await createTestPpGuard(knex, [
      { name: 'sam', kind: 'agent', roles: ['subscription_manager'] },
      { name: 'sue', kind: 'agent', roles: ['subscription_manager'] },
      { name: 'admin', kind: 'agent', roles: ['admin'] },
      { name: 'viewer', kind: 'agent', roles: ['viewer'] },
      { name: 'helpdesk', kind: 'agent', roles: ['helpdesk_agent'] },
    ]);
    tokens = test.tokens;
    refs = Object.fromEntries(
      Object.entries(test.userIds).map(([k, v]) => [k, `user:pp/${v}`]),
    );
    const subscriptions = await DatabaseSubscriptionStore.create({
      database: { getClient: async () => knex },
    });
    const score = (day: string, value: number, band: string) => ({
      subscription_id: 's1',
      day,
      score: value,
      band: band as any,
      success_rate: 0.9,
      error_rate: 0.1,
      activity_score: 1,
      expected_runs_per_day: 1,
      runs_total: 30,
      runs_succeeded: 27,
      runs_failed: 3,
    });
    await subscriptions.saveScores(
      [
        score('2026-11-20', 55, 'red'),
        score('2026-11-27', 72, 'amber'),
        score('2026-12-03', 88, 'green'),
      ],
      [],
      START,
    );
    store = await DatabaseExportStore.create({
      database: { getClient: async () => knex },
    });
    const recording = Object.create(store) as DatabaseExportStore;
    recording.reportProgress = async (...args) => {
      progress.push(args[2]);
      return store.reportProgress(...args);
    };
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-export-test-'));
    const cp = new DatabaseCustomerPortalStore(cpDb);
    const settings = {
      ...subscriptionSettingsFromConfig(new ConfigReader({})),
      exports: {
        directory,
        expiryHours: 24,
        pdfMaxRuns: 100,
        maxConcurrent: 2,
      },
    };
    const clock = () => now;
    const queries = new SubscriptionQueries(
      cp,
      subscriptions,
      settings,
      await DatabaseIncidentStore.create({
        database: { getClient: async () => knex },
        skipMigrations: true,
      }),
      clock,
    );
    exports = new RunExports({
      cp,
      exports: recording,
      queries,
      settings: settings.exports,
      logger: mockServices.logger.mock(),
      clock,
    });
    const routes = await createRouter({
      // force-cancel is not what these tests call
      api: subscriptionApi(queries, {} as SubscriptionCommands, exports),
      guard: test.guard,
    });
    app = express()
      .use(routes.router)
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );
  });

  afterAll(async () => {
    await exports.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const as = (who: string | undefined, r: request.Test) =>
    who ? r.set('authorization', `Bearer ${tokens[who]}`) : r;
  const post = (who: string | undefined, body: object, sub = 's1') =>
    as(who, request(app).post(`/subscriptions/${sub}/export-runs`)).send(body);
  const get = (who: string | undefined, p: string) =>
    as(who, request(app).get(p));
  const download = (who: string | undefined, p: string) =>
    as(who, request(app).get(p))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const audits = async (action: string) =>
    (await knex('pp_audit_logs').where({ action }).orderBy('id')).map(
      (r: any) => ({ ...r, details: JSON.parse(r.details ?? 'null') }),
    );

  it('refuses who may not export, a missing reason and an unknown subscription', async () => {
    const body = { format: 'csv', reason: 'Customer disputes an invoice' };
    expect((await post(undefined, body)).status).toBe(401);
    for (const who of ['viewer', 'helpdesk']) {
      const res = await post(who, body);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        permission: 'pp.subscriptions.export',
      });
    }
    const noReason = await post('sam', { format: 'csv' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.name).toBe('InputError');
    expect(noReason.body.error.message).toMatch(/reason/);
    expect((await post('sam', { format: 'csv', reason: 'why' })).status).toBe(
      400,
    );
    expect(
      (await post('sam', { format: 'xls', reason: 'A good reason' })).status,
    ).toBe(400);
    const backwards = await post('sam', {
      ...body,
      from: '2026-11-02T00:00:00Z',
      to: '2026-11-01T00:00:00Z',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/must be before/);
    const unknown = await post('sam', body, 'nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ name: 'NotFoundError' });
    expect(await knex('pp_subscription_exports').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    expect(
      Number((await knex('pp_subscription_exports').count({ n: '*' }))[0].n),
    ).toBe(0);
  });

  it('exports every run as CSV with exactly the allow-listed columns, with progress, and audits it', async () => {
    progress.length = 0;
    const res = await post('sam', {
      format: 'csv',
      reason: 'Customer disputes an invoice',
    });
    expect(res.status).toBe(202);
    ppRunExportResponseSchema.parse(res.body);
    expect(res.body.export).toMatchObject({
      subscription_id: 's1',
      format: 'csv',
      status: 'queued',
      progress: 0,
      download_url: null,
      requested_by: refs.sam,
      requested_by_name: 'sam',
    });
    const exportId = res.body.export.id;
    await exports.idle();

    // progress: counted first, then every 1 000 rows, up to the total
    expect(progress).toEqual([
      { rows_written: 0, rows_total: RUNS },
      { rows_written: 1000 },
      { rows_written: 2000 },
      { rows_written: RUNS },
    ]);
    const status = await get('sam', `/subscriptions/s1/exports/${exportId}`);
    expect(status.status).toBe(200);
    ppRunExportResponseSchema.parse(status.body);
    expect(status.body.export).toMatchObject({
      status: 'succeeded',
      progress: 1,
      rows_total: RUNS,
      rows_written: RUNS,
      download_url: `/pp/v1/subscriptions/s1/exports/${exportId}/download`,
      expires_at: new Date(START.getTime() + 24 * 3_600_000).toISOString(),
    });

    const file = await download(
      'sam',
      `/subscriptions/s1/exports/${exportId}/download`,
    );
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toContain(
      'attachment; filename="subscription-acme-cafe-gmbh-runs-2026-12-03.csv"',
    );
    const text = (file.body as Buffer).toString('utf8');
    expect(status.body.export.size_bytes).toBe(Buffer.byteLength(text));
    expect(text).not.toMatch(SECRETS);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(RUNS + 1);
    expect(cells(lines[0])).toEqual([
      'id',
      'agent_id',
      'status',
      'created_at',
      'started_at',
      'finished_at',
      'error_message',
      'inputs',
      'outputs',
      'actions',
    ]);
    expect(EXPORT_CSV_COLUMNS).toEqual(cells(lines[0]));
    // oldest first; JSON as text, quotes and commas intact
    expect(cells(lines[1])).toEqual([
      'run-00000',
      'ag1',
      'failed',
      '2026-11-01T00:00:00.000Z',
      '2026-11-01T00:00:01.000Z',
      '2026-11-01T00:00:31.000Z',
      'boom 0',
      JSON.stringify({ prompt: 'task "0", with a comma' }),
      JSON.stringify({ ok: false }),
      JSON.stringify([{ type: 'email', to: 'x@example.com' }]),
    ]);
    expect(cells(lines[RUNS])[0]).toBe(`run-0${RUNS - 1}`);
    expect(cells(lines[2])[6]).toBe('');

    const [requested] = await audits('pp.subscriptions.agent-runs.export');
    expect(requested).toMatchObject({
      principal: refs.sam,
      resource: 'subscription:s1',
      outcome: 'success',
      reason: 'Customer disputes an invoice',
    });
    expect(requested.details).toMatchObject({
      subscription_id: 's1',
      export_id: exportId,
      format: 'csv',
      filters: { status: null, from: null, to: null },
    });
    const downloads = await audits(
      'pp.subscriptions.agent-runs.export.download',
    );
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatchObject({
      principal: refs.sam,
      resource: 'subscription:s1',
    });
    expect(downloads[0].details).toMatchObject({
      export_id: exportId,
      format: 'csv',
      size_bytes: Buffer.byteLength(text),
    });

    // the caller's recent exports
    const mine = await get('sam', '/subscriptions/s1/exports');
    expect(mine.body.items.map((e: any) => e.id)).toEqual([exportId]);
  });

  it('filters by status and time', async () => {
    const res = await post('sam', {
      format: 'csv',
      reason: 'Failed runs of the first day',
      status: ['failed'],
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-02T00:00:00+00:00',
    });
    expect(res.status).toBe(202);
    await exports.idle();
    const status = await get(
      'sam',
      `/subscriptions/s1/exports/${res.body.export.id}`,
    );
    // 1 440 runs on the first day, every tenth failed
    expect(status.body.export).toMatchObject({
      status: 'succeeded',
      rows_total: 144,
      rows_written: 144,
    });
    const [, filtered] = await audits('pp.subscriptions.agent-runs.export');
    expect(filtered.details.filters).toEqual({
      status: ['failed'],
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-02T00:00:00+00:00',
    });
  });

  it('writes a PDF report, capped, that only its requester or an admin sees', async () => {
    const res = await post('admin', {
      format: 'pdf',
      reason: 'Quarterly review with the customer',
    });
    expect(res.status).toBe(202);
    await exports.idle();
    const exportId = res.body.export.id;
    const status = await get('admin', `/subscriptions/s1/exports/${exportId}`);
    expect(status.body.export).toMatchObject({
      status: 'succeeded',
      rows_total: 100,
      rows_written: 100,
      progress: 1,
    });
    const file = await download(
      'admin',
      `/subscriptions/s1/exports/${exportId}/download`,
    );
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(
      'filename="subscription-acme-cafe-gmbh-runs-2026-12-03.pdf"',
    );
    const pdf = file.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    const shown = pdfLines(pdf);
    expect(shown).toEqual(
      expect.arrayContaining([
        'Agent runs of Acme Café GmbH',
        'Customer: Acme Café GmbH',
        'Agent: Tutor (education)',
        'Score, last 90 days',
        '2026-11-20', // the chart's first day
        'The first 100 of 2500 runs, oldest first; export CSV for all.',
        'boom 0',
      ]),
    );
    expect(shown.join('\n')).toMatch(
      /Health score: 88 \(green\) on 2026-12-03: success rate 90 %/,
    );
    expect(shown.join('\n')).not.toMatch(SECRETS);
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    // several pages: 100 runs do not fit on the first
    expect(
      (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length,
    ).toBeGreaterThan(1);

    // sam's CSV from before: sue (also a subscription manager) does not see it, the admin does
    const [samsExport] = (await get('sam', '/subscriptions/s1/exports')).body
      .items;
    for (const p of [
      `/subscriptions/s1/exports/${samsExport.id}`,
      `/subscriptions/s1/exports/${samsExport.id}/download`,
      `/subscriptions/s1/exports/${exportId}`,
    ]) {
      const other = await get('sue', p);
      expect(other.status).toBe(404);
      expect(other.body.error.name).toBe('NotFoundError');
    }
    expect((await get('sue', '/subscriptions/s1/exports')).body.items).toEqual(
      [],
    );
    expect(
      (await get('admin', `/subscriptions/s1/exports/${samsExport.id}`)).status,
    ).toBe(200);
    // the export of another subscription's path is not there either
    expect(
      (await get('sam', `/subscriptions/s2/exports/${samsExport.id}`)).status,
    ).toBe(404);
    expect(
      (await get('viewer', `/subscriptions/s1/exports/${samsExport.id}`))
        .status,
    ).toBe(403);
    expect(
      (await get(undefined, `/subscriptions/s1/exports/${samsExport.id}`))
        .status,
    ).toBe(401);
  });

  it('answers 409 for a download before the export is done', async () => {
    const row = await store.createExport({
      id: '00000000-0000-4000-8000-000000000001',
      subscription_id: 's1',
      format: 'csv',
      filters: {},
      reason: 'Waiting for it',
      requested_by: refs.sam,
      requested_by_name: 'sam',
      created_at: now,
    });
    const res = await download(
      'sam',
      `/subscriptions/s1/exports/${row.id}/download`,
    );
    expect(res.status).toBe(409);
    expect(JSON.parse((res.body as Buffer).toString()).error).toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/not ready yet/),
    });
  });

  it('takes over an export whose worker died (its lease ran out)', async () => {
    const id2 = '00000000-0000-4000-8000-000000000002';
    await store.createExport({
      id: id2,
      subscription_id: 's2',
      format: 'csv',
      filters: {},
      reason: 'Crash test',
      requested_by: refs.sue,
      requested_by_name: 'sue',
      created_at: now,
    });
    // the queued export of the test above is made by this job run; this one a dead worker holds
    const dead = await store.claimExport({
      id: id2,
      owner: 'dead-worker',
      now,
      leaseUntil: new Date(now.getTime() + EXPORT_LEASE_MS),
    });
    expect(dead).toMatchObject({ status: 'running', attempts: 1 });
    expect(await exports.runJob()).toEqual({ expired: 0, started: 1 });
    await exports.idle();
    expect((await store.getExport(id2))!.status).toBe('running');
    // the dead worker's writes are refused once the lease is someone else's
    now = new Date(now.getTime() + EXPORT_LEASE_MS + 1000);
    expect(await exports.runJob()).toEqual({ expired: 0, started: 1 });
    await exports.idle();
    expect(
      await store.reportProgress(id2, 'dead-worker', { rows_written: 5 }, now),
    ).toBe(false);
    const taken = await get('sue', `/subscriptions/s2/exports/${id2}`);
    expect(taken.body.export).toMatchObject({
      status: 'succeeded',
      rows_total: 0,
      rows_written: 0,
    });
    expect((await store.getExport(id2))!).toMatchObject({
      attempts: 2,
      lease_owner: null,
    });
    const file = await download(
      'sue',
      `/subscriptions/s2/exports/${id2}/download`,
    );
    expect((file.body as Buffer).toString()).toBe(
      `${EXPORT_CSV_COLUMNS.join(',')}\n`,
    );
  });

  it('queues a running export again at shutdown, and of two workers claiming one export one wins', async () => {
    const stopping = new RunExports({
      cp: new DatabaseCustomerPortalStore(cpDb),
      exports: store,
      queries: new SubscriptionQueries(
        new DatabaseCustomerPortalStore(cpDb),
        await DatabaseSubscriptionStore.create({
          database: { getClient: async () => knex },
          skipMigrations: true,
        }),
        {
          ...subscriptionSettingsFromConfig(new ConfigReader({})),
          exports: {
            directory,
            expiryHours: 24,
            pdfMaxRuns: 100,
            maxConcurrent: 1,
          },
        },
        await DatabaseIncidentStore.create({
          database: { getClient: async () => knex },
          skipMigrations: true,
        }),
        () => now,
      ),
      settings: {
        directory,
        expiryHours: 24,
        pdfMaxRuns: 100,
        maxConcurrent: 1,
      },
      logger: mockServices.logger.mock(),
      clock: () => now,
      owner: 'instance-going-down',
    });
    const requested = await stopping.request(
      { ref: refs.sam, name: 'sam', roles: ['subscription_manager'] },
      's1',
      { format: 'csv', reason: 'Exported while the instance stops' },
    );
    await stopping.stop();
    expect(await store.getExport(requested.id)).toMatchObject({
      status: 'queued',
      lease_owner: null,
      attempts: 1,
    });
    expect(
      fs.readdirSync(directory).filter(f => f.startsWith(requested.id)),
    ).toEqual([]);
    // a stopped instance starts nothing more
    expect(await stopping.runJob()).toEqual({ expired: 0, started: 0 });

    const claims = await Promise.all(
      ['w1', 'w2', 'w3'].map(owner =>
        store.claimExport({
          id: requested.id,
          owner,
          now,
          leaseUntil: new Date(now.getTime() + EXPORT_LEASE_MS),
        }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    // its lease runs out: this instance's job makes it
    now = new Date(now.getTime() + EXPORT_LEASE_MS + 1000);
    expect(await exports.runJob()).toEqual({ expired: 0, started: 1 });
    await exports.idle();
    expect(await store.getExport(requested.id)).toMatchObject({
      status: 'succeeded',
      rows_written: RUNS,
      attempts: 3,
    });
  });

  it('deletes expired files: the status says expired, a download is 410', async () => {
    const [csv] = (
      await get('sam', '/subscriptions/s1/exports')
    ).body.items.filter(
      (e: any) => e.status === 'succeeded' && e.rows_total === RUNS,
    );
    const files = () => fs.readdirSync(directory).sort();
    expect(files()).toContain(`${csv.id}.csv`);
    now = new Date(START.getTime() + 25 * 3_600_000);
    // past its expiry it is expired even before the job ran
    expect(
      (await get('sam', `/subscriptions/s1/exports/${csv.id}`)).body.export,
    ).toMatchObject({
      status: 'expired',
      download_url: null,
    });
    const gone = await download(
      'sam',
      `/subscriptions/s1/exports/${csv.id}/download`,
    );
    expect(gone.status).toBe(410);
    expect(JSON.parse((gone.body as Buffer).toString()).error).toMatchObject({
      name: 'GoneError',
      message: expect.stringMatching(/expired/),
    });
    const run = await exports.runJob();
    expect(run.expired).toBeGreaterThanOrEqual(3);
    expect(files().filter(f => !f.endsWith('.part'))).toEqual([]);
    expect(files()).toEqual([]);
    expect(await store.getExport(csv.id)).toMatchObject({
      status: 'expired',
      storage_key: null,
    });
    expect((await exports.runJob()).expired).toBe(0);
  });
});

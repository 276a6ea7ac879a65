import {
  ppKnowledgeDiffSchema,
  ppKnowledgeRunSchema,
  ppKnowledgeSearchResultSchema,
  ppKnowledgeSourcePageSchema,
} from '@internal/plugin-pp-common';
import { ppSignedHeaders } from '@internal/plugin-pp-node';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import request from 'supertest';
import { knowledgeTestApp } from './__testUtils__/knowledgeTestApp';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const rec = (id: string, content: string) => ({
  external_id: id,
  title: `Record ${id}`,
  content,
  url: `https://example.com/${id}`,
  published_at: null,
});

/*
 * The knowledge routes on both engines: access per route (allowed and denied), ingestion runs and
 * their versions, the diff's figures on a controlled corpus, search, the third failure's notice,
 * the signed webhook and uploads, the scheduler tick.
 */
describe.each(databases.eachSupportedId())('knowledge (%s)', id => {
  let t: Awaited<ReturnType<typeof knowledgeTestApp>>;

  beforeAll(async () => {
    t = await knowledgeTestApp(await databases.init(id));
  });

  const create = async (body: object, who = 'Ina Industry') => {
    const res = await t.post('/industry-knowledge/sources', body, who);
    expect(res.status).toBe(201);
    return res.body;
  };

  it('sources: contract roles, validation, no credential in answers, versioned list', async () => {
    const body = {
      industry: 'marketing',
      name: 'Ads API',
      type: 'api',
      connection: {
        url: 'https://ads.example.com/items',
        auth_type: 'bearer',
      },
      credential: 'tok-123456',
    };
    expect(
      (await t.post('/industry-knowledge/sources', body, null)).status,
    ).toBe(401);
    for (const who of ['Vik Viewer', 'Olu Orchestrator']) {
      expect(
        (await t.post('/industry-knowledge/sources', body, who)).status,
      ).toBe(403);
    }
    const noUrl = await t.post(
      '/industry-knowledge/sources',
      { ...body, connection: { auth_type: 'none' } },
      'Ina Industry',
    );
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.error.message).toMatch(/needs connection.url/);
    const noCredential = await t.post(
      '/industry-knowledge/sources',
      { ...body, credential: undefined },
      'Ina Industry',
    );
    expect(noCredential.status).toBe(400);
    const created = await create(body);
    expect(created.webhook).toBeNull();
    expect(created.source).toMatchObject({
      industry: 'marketing',
      has_credential: true,
      status: 'active',
      time: '02:00',
      time_zone: 'Asia/Kolkata',
      // 02:00 IST is 20:30 UTC the day before
      next_run_at: '2026-12-04T20:30:00.000Z',
    });
    expect(JSON.stringify(created)).not.toContain('tok-123456');
    const stored = await t
      .knex('pp_knowledge_sources')
      .where({ id: created.source.id })
      .first();
    expect(stored.credential_sealed).not.toContain('tok-123456');
    expect(
      (await t.post('/industry-knowledge/sources', body, 'Ada Admin')).status,
    ).toBe(409);

    const list = await t.get(
      '/industry-knowledge/sources?industry=marketing',
      'Vik Viewer',
    );
    expect(list.status).toBe(200);
    const page = ppKnowledgeSourcePageSchema.parse(list.body);
    expect(page.items.map(s => s.name)).toContain('Ads API');
    const again = await t
      .get('/industry-knowledge/sources?industry=marketing', 'Vik Viewer')
      .set('if-none-match', list.headers.etag);
    expect(again.status).toBe(304);
    expect(
      (await t.get('/industry-knowledge/sources', 'Olu Orchestrator')).status,
    ).toBe(403);

    const path = `/industry-knowledge/sources/${created.source.id}`;
    expect((await t.get(path, 'Vik Viewer')).status).toBe(200);
    expect((await t.put(path, { paused: true }, 'Vik Viewer')).status).toBe(
      403,
    );
    const paused = await t.put(path, { paused: true }, 'Ina Industry');
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'paused', next_run_at: null });
    const resumed = await t.put(path, { paused: false }, 'Ada Admin');
    expect(resumed.body).toMatchObject({
      status: 'active',
      has_credential: true,
    });
    expect(
      (await t.get('/industry-knowledge/sources/nope', 'Vik Viewer')).status,
    ).toBe(404);
  });

  it('runs, versions and the diff on a controlled corpus; search finds the chunk', async () => {
    const url = 'https://edu.example.com/feed.json';
    const { source } = await create({
      industry: 'education',
      name: 'Syllabus API',
      type: 'api',
      connection: { url },
    });
    t.feeds.set(url, [
      rec(
        'a',
        'Quadratic equations and the discriminant explained for JEE aspirants.',
      ),
      rec(
        'b',
        'Organic chemistry reaction mechanisms: nucleophilic substitution basics.',
      ),
      rec(
        'c',
        'Thermodynamics: the first law, internal energy and enthalpy changes.',
      ),
    ]);
    const runPath = `/industry-knowledge/sources/${source.id}/run`;
    expect((await t.post(runPath, {}, 'Vik Viewer')).status).toBe(403);
    const first = await t.post(runPath, {}, 'Ina Industry');
    expect(first.status).toBe(200);
    const run1 = ppKnowledgeRunSchema.parse(first.body);
    expect(run1).toMatchObject({
      status: 'succeeded',
      trigger: 'manual',
      records_fetched: 3,
      records_added: 3,
      version: 'v2026-12-04',
    });
    expect(run1.log.map(l => l.message).join(' | ')).toMatch(
      /Stored version v2026-12-04/,
    );

    // the same fetch again changes nothing: no version
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const same = await t.post(runPath, {}, 'Ina Industry');
    expect(same.body).toMatchObject({
      status: 'succeeded',
      version: null,
      records_added: 0,
    });

    t.feeds.set(url, [
      rec(
        'a',
        'Quadratic equations and the discriminant explained for JEE aspirants.',
      ),
      rec(
        'b',
        'Organic chemistry: electrophilic addition to alkenes, Markovnikov rule.',
      ),
      rec('d', 'Rotational mechanics: moment of inertia and torque problems.'),
    ]);
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const second = ppKnowledgeRunSchema.parse(
      (await t.post(runPath, {}, 'Ada Admin')).body,
    );
    expect(second).toMatchObject({
      records_added: 1,
      records_changed: 1,
      records_removed: 1,
      version: 'v2026-12-04-2',
    });

    const versions = await t.get(
      '/industry-knowledge/education/versions',
      'Vik Viewer',
    );
    expect(versions.status).toBe(200);
    expect(
      versions.body.items.map((v: any) => [
        v.label,
        v.chunks,
        v.added,
        v.modified,
        v.removed,
      ]),
    ).toEqual([
      ['v2026-12-04-2', 3, 1, 1, 1],
      ['v2026-12-04', 3, 3, 0, 0],
    ]);

    const diff = ppKnowledgeDiffSchema.parse(
      (await t.get('/industry-knowledge/education/diff', 'Vik Viewer')).body,
    );
    expect(diff).toMatchObject({
      embeddings_added: 1,
      embeddings_modified: 1,
      embeddings_removed: 1,
      embeddings_total_from: 3,
      embeddings_total_to: 3,
      change_percent: 100,
      top_sources: [
        {
          source_id: source.id,
          source_name: 'Syllabus API',
          added: 1,
          modified: 1,
          removed: 1,
        },
      ],
    });
    expect(diff.from?.label).toBe('v2026-12-04');
    expect(
      (
        await t.get(
          '/industry-knowledge/education/diff?from=nothing-such',
          'Vik Viewer',
        )
      ).status,
    ).toBe(404);

    const searchPath = '/industry-knowledge/education/search';
    expect(
      (await t.post(searchPath, { query: 'torque' }, 'Vik Viewer')).status,
    ).toBe(403);
    const found = ppKnowledgeSearchResultSchema.parse(
      (
        await t.post(
          searchPath,
          { query: 'moment of inertia torque' },
          'Ina Industry',
        )
      ).body,
    );
    expect(found.version).toBe('v2026-12-04-2');
    expect(found.results[0]).toMatchObject({
      title: 'Record d',
      url: 'https://example.com/d',
      source_name: 'Syllabus API',
    });
    expect(found.results[0].snippet).toMatch(/torque/);
    // the older version still has the thermodynamics record, the newest does not
    const old = ppKnowledgeSearchResultSchema.parse(
      (
        await t.post(
          searchPath,
          {
            query: 'thermodynamics enthalpy',
            version: 'v2026-12-04',
            mode: 'keyword',
          },
          'Ada Admin',
        )
      ).body,
    );
    expect(old.results[0]?.title).toBe('Record c');
    const now = ppKnowledgeSearchResultSchema.parse(
      (
        await t.post(
          searchPath,
          { query: 'thermodynamics enthalpy', mode: 'keyword' },
          'Ada Admin',
        )
      ).body,
    );
    expect(now.results.map(r => r.title)).not.toContain('Record c');

    const runs = await t.get(
      `/industry-knowledge/sources/${source.id}/runs`,
      'Vik Viewer',
    );
    expect(runs.body.items.map((r: any) => r.version)).toEqual([
      'v2026-12-04-2',
      null,
      'v2026-12-04',
    ]);
  });

  it('three failures in a row: the source is failing and one notice goes to industry managers and admins', async () => {
    const url = 'https://sales.example.com/down';
    const { source } = await create({
      industry: 'sales',
      name: 'Down feed',
      type: 'rss',
      connection: { url },
    });
    t.feeds.set(url, new Error('The server answered 503 Service Unavailable'));
    const runPath = `/industry-knowledge/sources/${source.id}/run`;
    for (let i = 0; i < 4; i++) {
      const res = await t.post(runPath, {}, 'Ina Industry');
      expect(res.body).toMatchObject({
        status: 'failed',
        error: 'The server answered 503 Service Unavailable',
      });
    }
    const after = (
      await t.get(`/industry-knowledge/sources/${source.id}`, 'Vik Viewer')
    ).body;
    expect(after).toMatchObject({
      status: 'failing',
      consecutive_failures: 4,
      last_error: 'The server answered 503 Service Unavailable',
    });
    const notices = await t.messages('knowledge.source.failing');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      to: { roles: ['industry_manager', 'admin'] },
      reference: `knowledge-source:${source.id}`,
    });
    // the health plugin's alert list is told the streak after every run
    expect(
      t.reported
        .filter(r => r.sourceId === source.id)
        .map(r => r.consecutiveFailures),
    ).toEqual([1, 2, 3, 4]);
    // a success ends the streak
    t.feeds.set(url, [
      rec('x', 'Pipeline forecasting for enterprise sales teams.'),
    ]);
    await t.post(runPath, {}, 'Ina Industry');
    expect(
      (await t.get(`/industry-knowledge/sources/${source.id}`, 'Vik Viewer'))
        .body,
    ).toMatchObject({
      status: 'active',
      consecutive_failures: 0,
      record_count: 1,
    });
    expect(
      t.reported.filter(r => r.sourceId === source.id).pop(),
    ).toMatchObject({
      consecutiveFailures: 0,
    });
  });

  it('webhook sources: signed posts only, the secret shown once', async () => {
    const created = await create({
      industry: 'sales',
      name: 'CRM pushes',
      type: 'webhook',
    });
    expect(created.source.next_run_at).toBeNull();
    expect(created.webhook.url).toBe(
      `/pp/v1/industry-knowledge/webhooks/${created.source.id}`,
    );
    const secret = created.webhook.secret as string;
    const path = `/industry-knowledge/webhooks/${created.source.id}`;
    const body = JSON.stringify({
      records: [
        {
          id: 'w1',
          title: 'Objection handling',
          content: 'Handling price objections in renewals.',
        },
      ],
    });
    const post = (headers: Record<string, string>, target = path) =>
      request(t.app)
        .post(target)
        .set('content-type', 'application/json')
        .set(headers)
        .send(body);
    expect((await post({})).status).toBe(401);
    expect((await post(ppSignedHeaders('wrong', body))).status).toBe(401);
    expect(
      (
        await post(
          ppSignedHeaders(secret, body),
          '/industry-knowledge/webhooks/unknown-source',
        )
      ).status,
    ).toBe(401);
    const ok = await post(ppSignedHeaders(secret, body));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'succeeded',
      trigger: 'webhook',
      records_added: 1,
    });
    expect(
      JSON.stringify(
        await t
          .get(`/industry-knowledge/sources/${created.source.id}`, 'Ada Admin')
          .then(r => r.body),
      ),
    ).not.toContain(secret);
  });

  it('upload sources: a file is ingested; the same name again replaces it', async () => {
    const { source } = await create({
      industry: 'marketing',
      name: 'Brand guide',
      type: 'upload',
    });
    const path = `/industry-knowledge/sources/${source.id}/upload`;
    const file = (text: string) => ({
      file_name: 'guide.md',
      content_base64: Buffer.from(text).toString('base64'),
    });
    expect(
      (await t.post(path, file('Tone of voice: warm.'), 'Vik Viewer')).status,
    ).toBe(403);
    const first = await t.post(
      path,
      file('Tone of voice: warm and direct.'),
      'Ina Industry',
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'succeeded',
      trigger: 'upload',
      records_added: 1,
    });
    const second = await t.post(
      path,
      file('Tone of voice: playful.'),
      'Ina Industry',
    );
    expect(second.body).toMatchObject({ records_added: 0, records_changed: 1 });
    const wrongType = await t.post(
      `/industry-knowledge/sources/${source.id}/run`,
      {},
      'Ina Industry',
    );
    expect(wrongType.status).toBe(400);
  });

  it('the scheduler tick runs the sources that are due, each isolated', async () => {
    const url = 'https://marketing.example.com/trends.json';
    const { source } = await create({
      industry: 'marketing',
      name: 'Trends',
      type: 'api',
      connection: { url },
      frequency: 'hourly',
      time: '00:15',
      time_zone: 'UTC',
    });
    expect(source.next_run_at).toBe('2026-12-04T06:15:00.000Z');
    t.feeds.set(url, [
      rec('t1', 'Short-form video keeps growing in B2C campaigns.'),
    ]);
    expect(await t.core.jobs.tick()).toMatchObject({ ran: 0 });
    t.clock.now = new Date('2026-12-04T06:16:00Z');
    const tick = await t.core.jobs.tick();
    expect(tick.ran).toBeGreaterThanOrEqual(1);
    const after = (
      await t.get(`/industry-knowledge/sources/${source.id}`, 'Vik Viewer')
    ).body;
    expect(after).toMatchObject({
      record_count: 1,
      next_run_at: '2026-12-04T07:15:00.000Z',
    });
    const runs = await t.get(
      `/industry-knowledge/sources/${source.id}/runs`,
      'Vik Viewer',
    );
    expect(runs.body.items[0]).toMatchObject({
      trigger: 'schedule',
      status: 'succeeded',
    });
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { Client } from '@elastic/elasticsearch';
import { PP_LOG_TOTAL_COUNT_CAP } from '@internal/plugin-pp-common';
import {
  FakeElasticsearch,
  FakeEsRequest,
  startFakeElasticsearch,
} from './__testUtils__/fakeElasticsearch';
import { decodeLogCursor, encodeLogCursor } from './cursor';
import { ElasticsearchLogStore } from './ElasticsearchLogStore';
import { LogLine } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function searchResponse(
  hits: Array<Record<string, unknown>>,
  total: { value: number; relation: 'eq' | 'gte' } = {
    value: hits.length,
    relation: 'eq',
  },
) {
  return {
    body: {
      took: 3,
      timed_out: false,
      _shards: { total: 2, successful: 2, skipped: 0, failed: 0 },
      hits: { total, max_score: null, hits },
    },
  };
}

/** A hit of a document this store wrote. */
function ourHit(
  id: string,
  time: string,
  fields: Record<string, unknown> = {},
) {
  return {
    _index: `pp-logs-${time.slice(0, 4)}.${time.slice(5, 7)}`,
    _id: `auto-${id}`,
    _score: null,
    _source: {
      '@timestamp': time,
      event: { id },
      service: { name: 'payment-service' },
      log: { level: 'info' },
      message: `line ${id}`,
      ...fields,
    },
    sort: [Date.parse(time), id],
  };
}

const requestsTo = (fake: FakeElasticsearch, path: RegExp) =>
  fake.requests.filter(r => path.test(r.path));

describe('ElasticsearchLogStore (fake Elasticsearch over HTTP)', () => {
  let fake: FakeElasticsearch;
  let client: Client;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let store: ElasticsearchLogStore;

  beforeEach(async () => {
    fake = await startFakeElasticsearch();
    client = new Client({ node: fake.url });
    logger = mockServices.logger.mock();
    store = new ElasticsearchLogStore({ client, logger });
  });
  afterEach(async () => {
    await client.close();
    await fake.close();
  });

  describe('query', () => {
    it('sends the filters and the text as query DSL', async () => {
      fake.on('POST', /\/_search$/, () => searchResponse([]));

      const result = await store.query({
        service: 'payment-service',
        levels: ['warn', 'error'],
        from: '2025-03-01T00:00:00+02:00',
        to: '2025-03-02T00:00:00Z',
        trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
        text: 'timeout "Connection reset" or refused -healthcheck',
        limit: 20,
      });

      expect(fake.requests).toHaveLength(1);
      const [req] = fake.requests;
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/pp-logs-*/_search');
      expect(req.query).toEqual({
        ignore_unavailable: 'true',
        allow_no_indices: 'true',
      });
      expect(req.body).toEqual({
        query: {
          bool: {
            filter: [
              { term: { 'service.name': 'payment-service' } },
              { terms: { 'log.level': ['warn', 'error'] } },
              {
                range: {
                  '@timestamp': {
                    gte: '2025-02-28T22:00:00.000Z',
                    lt: '2025-03-02T00:00:00.000Z',
                    format: 'strict_date_optional_time',
                  },
                },
              },
              { term: { 'trace.id': '4bf92f3577b34da6a3ce929d0e0e4736' } },
            ],
            must: [
              {
                simple_query_string: {
                  query:
                    '"timeout" ("Connection reset" | "refused") -"healthcheck"',
                  fields: ['message'],
                  default_operator: 'and',
                },
              },
            ],
          },
        },
        sort: [
          { '@timestamp': { order: 'desc' } },
          { 'event.id': { order: 'desc', unmapped_type: 'keyword' } },
        ],
        size: 21,
        track_total_hits: PP_LOG_TOTAL_COUNT_CAP,
        _source: [
          '@timestamp',
          'event.id',
          'service.name',
          'log.level',
          'message',
          'trace.id',
          'pp.attributes',
          'pp.data_source',
        ],
      });
      expect(result).toEqual({
        items: [],
        next_cursor: null,
        total_estimate: 0,
        total_is_lower_bound: false,
        limit: 20,
        backend: 'elasticsearch',
      });
    });

    it('sends only the filters given, and the default and clamped limits', async () => {
      fake.on('POST', /\/_search$/, () => searchResponse([]));

      await store.query({ levels: [], text: '   ' });
      await store.query({ to: '2025-03-02T00:00:00Z', limit: 100_000 });
      await store.query({ limit: 0 });

      const bodies = fake.requests.map(r => r.body as Record<string, any>);
      expect(bodies[0].query).toEqual({ bool: { filter: [] } });
      expect(bodies[0].size).toBe(101);
      expect(bodies[1].query).toEqual({
        bool: {
          filter: [
            {
              range: {
                '@timestamp': {
                  lt: '2025-03-02T00:00:00.000Z',
                  format: 'strict_date_optional_time',
                },
              },
            },
          ],
        },
      });
      expect(bodies[1].size).toBe(501);
      expect(bodies[2].size).toBe(2);
    });

    it('maps hits into entries, with highlights of the text', async () => {
      fake.on('POST', /\/_search$/, () =>
        searchResponse([
          ourHit(
            '0d7c8a4e-6f59-4f4e-9a41-3f7b2c1d9e10',
            '2025-03-01T10:00:00.123Z',
            {
              log: { level: 'error' },
              message:
                'Upstream timeouts: connection-reset by peer (timeout=30s)',
              trace: { id: 'trace-1' },
              pp: {
                attributes: { host: 'pay-1', attempt: 3, nested: { a: 1 } },
                data_source: 'demo',
              },
            },
          ),
          {
            // written by another shipper: dotted keys, no event.id, its own level names
            _index: 'pp-logs-filebeat',
            _id: 'Xq3b8JQBr1kZm0a9c2sT',
            _score: null,
            _source: {
              '@timestamp': '2025-03-01T09:59:59',
              'service.name': 'payment-service',
              'log.level': 'WARNING',
              message: 'Connection reset; retrying',
            },
            sort: [Date.parse('2025-03-01T09:59:59Z'), null],
          },
          {
            _index: 'pp-logs-2025.03',
            _id: 'other',
            _score: null,
            _source: {
              '@timestamp': '2025-03-01T09:00:00+01:00',
              event: { id: 'e-3' },
              service: { name: 'orders' },
              log: { level: 'verbose' },
              message: 'nothing to see',
            },
            sort: [Date.parse('2025-03-01T08:00:00Z'), 'e-3'],
          },
        ]),
      );

      const result = await store.query({
        text: 'timeout "connection reset"',
      });

      expect(result.items).toEqual([
        {
          id: '0d7c8a4e-6f59-4f4e-9a41-3f7b2c1d9e10',
          service_id: 'payment-service',
          level: 'error',
          message: 'Upstream timeouts: connection-reset by peer (timeout=30s)',
          timestamp: '2025-03-01T10:00:00.123Z',
          trace_id: 'trace-1',
          attributes: { host: 'pay-1', attempt: 3, nested: { a: 1 } },
          data_source: 'demo',
          // whole words: not `timeouts`, but the phrase across the dash
          highlights: [
            { start: 19, end: 35 },
            { start: 45, end: 52 },
          ],
        },
        {
          id: 'Xq3b8JQBr1kZm0a9c2sT',
          service_id: 'payment-service',
          level: 'warn',
          message: 'Connection reset; retrying',
          timestamp: '2025-03-01T09:59:59.000Z',
          trace_id: null,
          attributes: {},
          highlights: [{ start: 0, end: 16 }],
        },
        {
          id: 'e-3',
          service_id: 'orders',
          level: 'info',
          message: 'nothing to see',
          timestamp: '2025-03-01T08:00:00.000Z',
          trace_id: null,
          attributes: {},
          highlights: [],
        },
      ]);
      expect(result.total_estimate).toBe(3);
      expect(result.next_cursor).toBeNull();
    });

    it('leaves highlights out without text', async () => {
      fake.on('POST', /\/_search$/, () =>
        searchResponse([ourHit('a', '2025-03-01T10:00:00.000Z')]),
      );
      const result = await store.query({ service: 'payment-service' });
      expect(result.items[0]).not.toHaveProperty('highlights');
      expect(
        (fake.requests[0].body as Record<string, any>).query.bool,
      ).not.toHaveProperty('must');
    });

    it('pages with search_after and counts on the first page only', async () => {
      const hits = [
        ourHit('c', '2025-03-01T10:00:02.000Z'),
        ourHit('b', '2025-03-01T10:00:01.500Z'),
        ourHit('a', '2025-03-01T10:00:01.500Z'),
      ];
      fake.on('POST', /\/_search$/, () =>
        searchResponse(hits, { value: 10_000, relation: 'gte' }),
      );

      const first = await store.query({ service: 'payment-service', limit: 2 });

      expect(first.items.map(i => i.id)).toEqual(['c', 'b']);
      expect(first.total_estimate).toBe(10_000);
      expect(first.total_is_lower_bound).toBe(true);
      expect(first.limit).toBe(2);
      expect(first.next_cursor).not.toBeNull();
      expect(decodeLogCursor(first.next_cursor!, /.*/)).toEqual({
        t: '2025-03-01T10:00:01.500Z',
        i: 'b',
      });
      const firstBody = fake.requests[0].body as Record<string, any>;
      expect(firstBody.size).toBe(3);
      expect(firstBody.track_total_hits).toBe(PP_LOG_TOTAL_COUNT_CAP);
      expect(firstBody).not.toHaveProperty('search_after');

      fake.on('POST', /\/_search$/, () =>
        searchResponse([hits[2]], { value: 1, relation: 'eq' }),
      );
      const second = await store.query({
        service: 'payment-service',
        limit: 2,
        cursor: first.next_cursor!,
      });

      const secondBody = fake.requests[1].body as Record<string, any>;
      expect(secondBody.search_after).toEqual([
        Date.parse('2025-03-01T10:00:01.500Z'),
        'b',
      ]);
      expect(secondBody.track_total_hits).toBe(false);
      expect(secondBody.size).toBe(3);
      expect(secondBody.query).toEqual(firstBody.query);
      expect(second).toEqual({
        items: [expect.objectContaining({ id: 'a' })],
        next_cursor: null,
        total_estimate: null,
        total_is_lower_bound: false,
        limit: 2,
        backend: 'elasticsearch',
      });
    });

    it('rejects a cursor that is not one of ours, and text without words', async () => {
      fake.on('POST', /\/_search$/, () => searchResponse([]));
      const bad = [
        'not-a-cursor',
        encodeLogCursor({ t: 'yesterday', i: 'abc' }),
        encodeLogCursor({ t: '2025-03-01T10:00:00.000Z', i: 'has space' }),
        encodeLogCursor({ t: '2025-03-01T10:00:00.000Z', i: '' }),
        Buffer.from('{"t":"2025-03-01T10:00:00Z","i":5}').toString('base64url'),
      ];
      for (const cursor of bad) {
        await expect(store.query({ cursor })).rejects.toThrow(InputError);
      }
      await expect(store.query({ text: '-- "" !!' })).rejects.toThrow(
        InputError,
      );
      expect(fake.requests).toHaveLength(0);

      // ids of other shippers (`_id`) are accepted
      await store.query({
        cursor: encodeLogCursor({
          t: '2025-03-01T10:00:00Z',
          i: 'Xq3b8JQBr1kZm0a9c2sT',
        }),
      });
      expect(
        (fake.requests[0].body as Record<string, any>).search_after,
      ).toEqual([Date.parse('2025-03-01T10:00:00Z'), 'Xq3b8JQBr1kZm0a9c2sT']);
    });

    it('surfaces an Elasticsearch error', async () => {
      fake.on('POST', /\/_search$/, () => ({
        status: 400,
        body: {
          error: {
            type: 'search_phase_execution_exception',
            reason: 'all shards failed',
          },
          status: 400,
        },
      }));
      await expect(store.query({})).rejects.toThrow(
        /search_phase_execution_exception/,
      );
    });
  });

  describe('ingest', () => {
    const line = (overrides: Partial<LogLine>): LogLine => ({
      service_id: 'payment-service',
      level: 'info',
      message: 'hello',
      timestamp: new Date('2025-03-01T10:00:00.000Z'),
      trace_id: null,
      attributes: {},
      ...overrides,
    });

    function acceptBulk() {
      fake.on('PUT', /^\/_index_template\//, () => ({
        body: { acknowledged: true },
      }));
      fake.on('POST', /^\/_bulk$/, () => ({ body: { errors: false } }));
    }

    it('writes create actions into monthly indices, putting the template once', async () => {
      acceptBulk();
      const before = Date.now();

      await expect(
        store.ingest([
          line({
            // 00:30 on 1 February in UTC
            timestamp: new Date('2025-01-31T23:30:00.000-01:00'),
            level: 'error',
            message: 'Payment failed',
            trace_id: 'trace-9',
            attributes: { order: 'o-1', amount: 12.5, tags: ['a'] },
          }),
          line({ timestamp: new Date('2025-01-31T23:59:59.999Z') }),
        ]),
      ).resolves.toBe(2);
      await expect(
        store.ingest([line({ timestamp: new Date('2024-12-15T00:00:00Z') })]),
      ).resolves.toBe(1);

      expect(fake.requests.map(r => `${r.method} ${r.path}`)).toEqual([
        'PUT /_index_template/pp-logs',
        'POST /_bulk',
        'POST /_bulk',
      ]);
      const template = fake.requests[0].body as Record<string, any>;
      expect(template.index_patterns).toEqual(['pp-logs-*']);
      expect(template.template.mappings.properties).toEqual({
        '@timestamp': { type: 'date' },
        event: {
          properties: {
            id: { type: 'keyword' },
            ingested: { type: 'date' },
          },
        },
        service: { properties: { name: { type: 'keyword' } } },
        log: { properties: { level: { type: 'keyword' } } },
        message: { type: 'text' },
        trace: { properties: { id: { type: 'keyword' } } },
        pp: {
          properties: {
            attributes: { type: 'object', enabled: false },
            data_source: { type: 'keyword' },
          },
        },
      });

      const bulk = fake.requests[1];
      expect(bulk.headers['content-type']).toContain('ndjson');
      expect(bulk.query).toEqual({ filter_path: 'errors,items.*.error' });
      expect(bulk.query).not.toHaveProperty('refresh');
      const ndjson = bulk.body as Array<Record<string, any>>;
      expect(ndjson).toHaveLength(4);
      expect(ndjson[0]).toEqual({ create: { _index: 'pp-logs-2025.02' } });
      expect(ndjson[1]).toEqual({
        '@timestamp': '2025-02-01T00:30:00.000Z',
        event: {
          id: expect.stringMatching(UUID),
          ingested: expect.any(String),
        },
        service: { name: 'payment-service' },
        log: { level: 'error' },
        message: 'Payment failed',
        trace: { id: 'trace-9' },
        pp: {
          attributes: { order: 'o-1', amount: 12.5, tags: ['a'] },
          data_source: 'live',
        },
      });
      expect(Date.parse(ndjson[1].event.ingested)).toBeGreaterThanOrEqual(
        before - 1,
      );
      expect(ndjson[2]).toEqual({ create: { _index: 'pp-logs-2025.01' } });
      expect(ndjson[3]).not.toHaveProperty('trace');
      expect(ndjson[3]['@timestamp']).toBe('2025-01-31T23:59:59.999Z');
      expect(ndjson[3].pp).toEqual({ attributes: {}, data_source: 'live' });
      expect(ndjson[3].event.id).not.toBe(ndjson[1].event.id);

      const second = fake.requests[2].body as Array<Record<string, any>>;
      expect(second[0]).toEqual({ create: { _index: 'pp-logs-2024.12' } });
    });

    it('sends nothing for no lines', async () => {
      await expect(store.ingest([])).resolves.toBe(0);
      expect(fake.requests).toHaveLength(0);
    });

    it('rejects when Elasticsearch did not store every line', async () => {
      acceptBulk();
      fake.on('POST', /^\/_bulk$/, () => ({
        body: {
          errors: true,
          items: [
            { create: { status: 201 } },
            {
              create: {
                status: 400,
                error: {
                  type: 'document_parsing_exception',
                  reason: 'failed to parse field [@timestamp]',
                },
              },
            },
            {
              create: {
                status: 429,
                error: {
                  type: 'es_rejected_execution_exception',
                  reason: 'rejected execution',
                },
              },
            },
          ],
        },
      }));

      await expect(
        store.ingest([line({}), line({}), line({})]),
      ).rejects.toThrow(
        'Elasticsearch did not store 2 of 3 log lines: document_parsing_exception: failed to parse field [@timestamp]',
      );
    });

    it('logs a failed template put, goes on, and retries it on the next ingest', async () => {
      acceptBulk();
      let templateCalls = 0;
      fake.on('PUT', /^\/_index_template\//, () =>
        ++templateCalls === 1
          ? {
              status: 403,
              body: {
                error: {
                  type: 'security_exception',
                  reason:
                    'action [indices:admin/index_template/put] is unauthorized',
                },
                status: 403,
              },
            }
          : { body: { acknowledged: true } },
      );

      await expect(store.ingest([line({})])).resolves.toBe(1);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn.mock.calls[0][0]).toContain('index template pp-logs');
      await store.ingest([line({})]);
      await store.ingest([line({})]);

      expect(fake.requests.map(r => `${r.method} ${r.path}`)).toEqual([
        'PUT /_index_template/pp-logs',
        'POST /_bulk',
        'PUT /_index_template/pp-logs',
        'POST /_bulk',
        'POST /_bulk',
      ]);
      expect(logger.warn).toHaveBeenCalledTimes(1);
    });
  });

  describe('prune', () => {
    it('drops whole months past retention, then deletes older lines by query', async () => {
      fake.on('GET', /^\/_cat\/indices\//, () => ({
        body: [
          { index: 'pp-logs-2024.09', 'docs.count': '120' },
          { index: 'pp-logs-2024.10', 'docs.count': '80' },
          { index: 'pp-logs-2024.11', 'docs.count': '5' },
          { index: 'pp-logs-archive', 'docs.count': '9' },
        ],
      }));
      fake.on('DELETE', /^\/pp-logs-/, () => ({
        body: { acknowledged: true },
      }));
      fake.on('POST', /\/_delete_by_query$/, () => ({
        body: { took: 12, deleted: 7, version_conflicts: 0, failures: [] },
      }));

      await expect(
        store.prune(new Date('2024-11-01T00:00:00.000Z')),
      ).resolves.toBe(207);

      const [cat, drop, byQuery] = fake.requests;
      expect(cat.path).toBe('/_cat/indices/pp-logs-*');
      expect(cat.query).toMatchObject({
        format: 'json',
        h: 'index,docs.count',
      });
      expect(drop.method).toBe('DELETE');
      expect(drop.path).toBe('/pp-logs-2024.09,pp-logs-2024.10');
      expect(byQuery.method).toBe('POST');
      expect(byQuery.path).toBe('/pp-logs-*/_delete_by_query');
      expect(byQuery.query).toEqual({
        conflicts: 'proceed',
        ignore_unavailable: 'true',
        allow_no_indices: 'true',
        refresh: 'true',
      });
      expect(byQuery.body).toEqual({
        query: {
          range: {
            '@timestamp': {
              lt: '2024-11-01T00:00:00.000Z',
              format: 'strict_date_optional_time',
            },
          },
        },
      });
      expect(fake.requests).toHaveLength(3);
    });

    it('deletes by query alone when the indices cannot be listed', async () => {
      fake.on('GET', /^\/_cat\/indices\//, () => ({
        status: 403,
        body: { error: { type: 'security_exception', reason: 'no' } },
      }));
      fake.on('POST', /\/_delete_by_query$/, () => ({ body: { took: 1 } }));

      await expect(store.prune(new Date('2024-11-01T00:00:00Z'))).resolves.toBe(
        0,
      );
      expect(fake.requests.map(r => r.method)).toEqual(['GET', 'POST']);
      expect(logger.warn).toHaveBeenCalledTimes(1);
    });
  });

  describe('fromConfig', () => {
    const stores: ElasticsearchLogStore[] = [];
    afterEach(async () => {
      await Promise.all(stores.splice(0).map(s => s.close()));
    });

    function fromConfig(elasticsearch: JsonObject) {
      const s = ElasticsearchLogStore.fromConfig(
        new ConfigReader({
          pp: { health: { logs: { backend: 'elasticsearch', elasticsearch } } },
        }),
        logger,
      );
      stores.push(s);
      return s;
    }

    const lastRequest = (): FakeEsRequest =>
      fake.requests[fake.requests.length - 1];

    it('uses the node, indices and API key of the config', async () => {
      fake.on('POST', /\/_search$/, () => searchResponse([]));
      fake.on('PUT', /^\/_index_template\//, () => ({
        body: { acknowledged: true },
      }));
      fake.on('POST', /^\/_bulk$/, () => ({ body: { errors: false } }));
      const s = fromConfig({
        node: fake.url,
        indexPattern: 'acme-logs-*,filebeat-*',
        indexPrefix: 'acme-logs',
        requestTimeoutMs: 5000,
        auth: { apiKey: 'c2VjcmV0LWtleQ==' },
      });

      await s.query({});
      expect(lastRequest().path).toBe('/acme-logs-*,filebeat-*/_search');
      expect(lastRequest().headers.authorization).toBe(
        'ApiKey c2VjcmV0LWtleQ==',
      );

      await s.ingest([
        {
          service_id: 'orders',
          level: 'info',
          message: 'm',
          timestamp: new Date('2025-06-30T12:00:00Z'),
          trace_id: null,
          attributes: {},
        },
      ]);
      expect(requestsTo(fake, /^\/_index_template\//)[0].path).toBe(
        '/_index_template/acme-logs',
      );
      expect(
        (requestsTo(fake, /^\/_index_template\//)[0].body as any)
          .index_patterns,
      ).toEqual(['acme-logs-*']);
      expect((lastRequest().body as any[])[0]).toEqual({
        create: { _index: 'acme-logs-2025.06' },
      });
      expect(
        requestsTo(fake, /./).every(
          r => r.headers.authorization === 'ApiKey c2VjcmV0LWtleQ==',
        ),
      ).toBe(true);
    });

    it('uses basic authentication with a username', async () => {
      fake.on('POST', /\/_search$/, () => searchResponse([]));
      const s = fromConfig({
        node: fake.url,
        auth: { username: 'pp', password: 's3cret' },
      });
      await s.query({});
      expect(lastRequest().path).toBe('/pp-logs-*/_search');
      expect(lastRequest().headers.authorization).toBe(
        `Basic ${Buffer.from('pp:s3cret').toString('base64')}`,
      );
    });

    it('sends no credentials without auth, and requires the node', async () => {
      fake.on('POST', /\/_search$/, () => searchResponse([]));
      await fromConfig({ node: fake.url }).query({});
      expect(lastRequest().headers).not.toHaveProperty('authorization');
      expect(() => fromConfig({ indexPrefix: 'x' })).toThrow(/node/);
    });
  });
});

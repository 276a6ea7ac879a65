import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Client, ClientOptions, estypes } from '@elastic/elasticsearch';
import {
  PP_LOG_LEVELS,
  PP_LOG_TOTAL_COUNT_CAP,
  PpLogEntry,
  PpLogLevel,
  PpLogQuery,
  PpLogQueryResult,
} from '@internal/plugin-pp-common';
import { logPage, prepareLogQuery } from './page';
import { ParsedLogText, logHighlights, toSimpleQueryString } from './textQuery';
import { LogLine, LogStore } from './types';

const DEFAULT_INDEX_PATTERN = 'pp-logs-*';
const DEFAULT_INDEX_PREFIX = 'pp-logs';

/**
 * Ids a cursor may carry: our `event.id`s are UUIDs, documents other shippers wrote fall back to
 * their `_id` (printable ASCII, at most 512 bytes in Elasticsearch).
 */
export const ELASTICSEARCH_LOG_ID_PATTERN = /^[\x21-\x7e]{1,512}$/;

/** Date strings in queries are ISO whatever format an index maps `@timestamp` with. */
const ISO_FORMAT = 'strict_date_optional_time';

const SOURCE_FIELDS = [
  '@timestamp',
  'event.id',
  'service.name',
  'log.level',
  'message',
  'trace.id',
  'pp.attributes',
  'pp.data_source',
];

const SORT: estypes.Sort = [
  { '@timestamp': { order: 'desc' } },
  { 'event.id': { order: 'desc', unmapped_type: 'keyword' } },
];

/** Levels other shippers write, as ours. */
const LEVEL_ALIASES: Record<string, PpLogLevel> = {
  trace: 'debug',
  notice: 'info',
  information: 'info',
  informational: 'info',
  warning: 'warn',
  err: 'error',
  critical: 'fatal',
  crit: 'fatal',
  alert: 'fatal',
  emerg: 'fatal',
  emergency: 'fatal',
  panic: 'fatal',
};

/** The mappings of the indices we write (ECS field names). */
export const ELASTICSEARCH_LOG_MAPPINGS: estypes.MappingTypeMapping = {
  properties: {
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
    // arbitrary keys: kept in _source, never mapped
    pp: {
      properties: {
        attributes: { type: 'object', enabled: false },
        data_source: { type: 'keyword' },
      },
    },
  },
};

/** A field of a document, under nested objects (`{service: {name}}`) or a dotted key. */
function sourceField(source: Record<string, unknown>, path: string): unknown {
  if (path in source) return source[path];
  let current: unknown = source;
  for (const part of path.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function firstString(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function toLevel(value: unknown): PpLogLevel {
  const level = firstString(value)?.trim().toLocaleLowerCase('en-US') ?? '';
  if ((PP_LOG_LEVELS as readonly string[]).includes(level)) {
    return level as PpLogLevel;
  }
  return LEVEL_ALIASES[level] ?? 'info';
}

/** `@timestamp` as ISO; a time without a zone is UTC (as Elasticsearch reads it). */
function toIsoTime(value: unknown, sortValue: unknown): string {
  let date: Date | undefined;
  if (typeof value === 'string') {
    const zoneless = /^\d{4}-\d{2}-\d{2}[T ][\d:.]+$/.test(value);
    date = new Date(zoneless ? `${value.replace(' ', 'T')}Z` : value);
  } else if (typeof value === 'number') {
    date = new Date(value);
  }
  if (
    (!date || Number.isNaN(date.getTime())) &&
    typeof sortValue === 'number'
  ) {
    date = new Date(sortValue);
  }
  return date && !Number.isNaN(date.getTime())
    ? date.toISOString()
    : new Date(0).toISOString();
}

function toAttributes(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Centralised logs in Elasticsearch (the ELK stack): monthly indices `<indexPrefix>-YYYY.MM`
 * written with ECS field names, searched through `indexPattern` (which may also cover indices
 * other shippers such as Filebeat or Logstash write with the same fields).
 *
 * Paging is keyset (`search_after` on `@timestamp` then `event.id`), the text search is a
 * `simple_query_string` on `message`, and the first page counts matches up to
 * PP_LOG_TOTAL_COUNT_CAP. Retention deletes whole monthly indices when all their lines are older
 * than the cut-off and the rest by query.
 */
export class ElasticsearchLogStore implements LogStore {
  readonly backend = 'elasticsearch' as const;
  private readonly client: Client;
  private readonly indexPattern: string;
  private readonly indexPrefix: string;
  private readonly logger: LoggerService;
  /** The index template put (or being put); reset after a failure so the next ingest retries. */
  private template: Promise<void> | undefined;

  constructor(opts: {
    client: Client;
    indexPattern?: string;
    indexPrefix?: string;
    logger: LoggerService;
  }) {
    this.client = opts.client;
    this.indexPattern = opts.indexPattern ?? DEFAULT_INDEX_PATTERN;
    this.indexPrefix = opts.indexPrefix ?? DEFAULT_INDEX_PREFIX;
    this.logger = opts.logger;
  }

  /** Reads `pp.health.logs.elasticsearch` of the app config. */
  static fromConfig(
    config: Config,
    logger: LoggerService,
  ): ElasticsearchLogStore {
    const es = config.getConfig('pp.health.logs.elasticsearch');
    const apiKey = es.getOptionalString('auth.apiKey');
    const username = es.getOptionalString('auth.username');
    const requestTimeout = es.getOptionalNumber('requestTimeoutMs');
    const options: ClientOptions = { node: es.getString('node') };
    if (apiKey) {
      options.auth = { apiKey };
    } else if (username) {
      options.auth = {
        username,
        password: es.getOptionalString('auth.password') ?? '',
      };
    }
    // only when set: an undefined option would replace the client's default
    if (requestTimeout !== undefined) options.requestTimeout = requestTimeout;
    return new ElasticsearchLogStore({
      client: new Client(options),
      indexPattern: es.getOptionalString('indexPattern'),
      indexPrefix: es.getOptionalString('indexPrefix'),
      logger,
    });
  }

  async ingest(lines: LogLine[]): Promise<number> {
    if (lines.length === 0) return 0;
    await this.ensureTemplate();
    const ingested = new Date().toISOString();
    const operations: estypes.BulkRequest['operations'] = [];
    for (const line of lines) {
      operations.push(
        { create: { _index: this.indexFor(line.timestamp) } },
        this.toDocument(line, ingested),
      );
    }
    const response = await this.client.bulk({
      operations,
      // only the failures come back
      filter_path: 'errors,items.*.error',
    });
    if (response.errors) {
      const errors = (response.items ?? []).flatMap(item =>
        Object.values(item).flatMap(result =>
          result?.error ? [result.error] : [],
        ),
      );
      const first = errors[0];
      throw new Error(
        `Elasticsearch did not store ${errors.length || 'some'} of ${
          lines.length
        } log lines: ${
          first ? `${first.type}: ${first.reason ?? 'no reason'}` : 'no reason'
        }`,
      );
    }
    return lines.length;
  }

  async query(query: PpLogQuery): Promise<PpLogQueryResult> {
    const { limit, cursor, parsed } = prepareLogQuery(
      query,
      ELASTICSEARCH_LOG_ID_PATTERN,
    );

    const filter: estypes.QueryDslQueryContainer[] = [];
    if (query.service) {
      filter.push({ term: { 'service.name': query.service } });
    }
    if (query.levels?.length) {
      filter.push({ terms: { 'log.level': query.levels } });
    }
    if (query.from || query.to) {
      filter.push({
        range: {
          '@timestamp': {
            ...(query.from && { gte: new Date(query.from).toISOString() }),
            ...(query.to && { lt: new Date(query.to).toISOString() }),
            format: ISO_FORMAT,
          },
        },
      });
    }
    if (query.trace_id) {
      filter.push({ term: { 'trace.id': query.trace_id } });
    }
    const bool: estypes.QueryDslBoolQuery = { filter };
    if (parsed) {
      bool.must = [
        {
          simple_query_string: {
            query: toSimpleQueryString(parsed),
            fields: ['message'],
            default_operator: 'and',
          },
        },
      ];
    }

    const response = await this.client.search<Record<string, unknown>>({
      index: this.indexPattern,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: { bool },
      sort: SORT,
      size: limit + 1,
      track_total_hits: cursor ? false : PP_LOG_TOTAL_COUNT_CAP,
      _source: SOURCE_FIELDS,
      ...(cursor && { search_after: [Date.parse(cursor.t), cursor.i] }),
    });

    const hits = response.hits.hits;
    let total: number | null = null;
    let lowerBound = false;
    if (!cursor) {
      const t = response.hits.total;
      total = typeof t === 'number' ? t : t?.value ?? hits.length;
      lowerBound = typeof t === 'object' && t.relation === 'gte';
    }
    return logPage({
      fetched: hits.map(hit => this.toEntry(hit, parsed)),
      limit,
      total,
      lowerBound,
      backend: this.backend,
    });
  }

  async prune(before: Date): Promise<number> {
    const dropped = await this.dropMonthsBefore(before);
    const response = await this.client.deleteByQuery({
      index: this.indexPattern,
      query: {
        range: {
          '@timestamp': { lt: before.toISOString(), format: ISO_FORMAT },
        },
      },
      conflicts: 'proceed',
      ignore_unavailable: true,
      allow_no_indices: true,
      refresh: true,
    });
    return dropped + (response.deleted ?? 0);
  }

  /** Closes the client's connections (plugin shutdown). */
  async close(): Promise<void> {
    await this.client.close();
  }

  // ----- helpers ----------------------------------------------------------------------------------

  /** `<indexPrefix>-YYYY.MM` by the UTC month of the time. */
  private indexFor(time: Date): string {
    const month = String(time.getUTCMonth() + 1).padStart(2, '0');
    return `${this.indexPrefix}-${time.getUTCFullYear()}.${month}`;
  }

  private toDocument(line: LogLine, ingested: string): Record<string, unknown> {
    return {
      '@timestamp': line.timestamp.toISOString(),
      event: { id: randomUUID(), ingested },
      service: { name: line.service_id },
      log: { level: line.level },
      message: line.message,
      ...(line.trace_id ? { trace: { id: line.trace_id } } : {}),
      pp: {
        attributes: line.attributes ?? {},
        data_source: line.data_source ?? 'live',
      },
    };
  }

  private toEntry(
    hit: estypes.SearchHit<Record<string, unknown>>,
    parsed: ParsedLogText | undefined,
  ): PpLogEntry {
    const source = hit._source ?? {};
    const message = firstString(sourceField(source, 'message')) ?? '';
    const entry: PpLogEntry = {
      id: firstString(sourceField(source, 'event.id')) ?? hit._id ?? '',
      service_id: firstString(sourceField(source, 'service.name')) ?? '',
      level: toLevel(sourceField(source, 'log.level')),
      message,
      timestamp: toIsoTime(sourceField(source, '@timestamp'), hit.sort?.[0]),
      trace_id: firstString(sourceField(source, 'trace.id')) ?? null,
      attributes: toAttributes(sourceField(source, 'pp.attributes')),
    };
    // documents of other shippers have no data source: they are live
    const dataSource = sourceField(source, 'pp.data_source');
    if (dataSource === 'demo' || dataSource === 'live') {
      entry.data_source = dataSource;
    }
    if (parsed) entry.highlights = logHighlights(message, parsed, 'words');
    return entry;
  }

  /** Puts the index template once; a failure is logged and retried by the next ingest. */
  private ensureTemplate(): Promise<void> {
    if (!this.template) {
      this.template = this.client.indices
        .putIndexTemplate({
          name: this.indexPrefix,
          index_patterns: [`${this.indexPrefix}-*`],
          priority: 100,
          template: { mappings: ELASTICSEARCH_LOG_MAPPINGS },
          _meta: { description: 'pp-health centralised logs' },
        })
        .then(
          () => undefined,
          error => {
            this.template = undefined;
            this.logger.warn(
              `Could not put the Elasticsearch index template ${this.indexPrefix}; retrying on the next ingest`,
              error,
            );
          },
        );
    }
    return this.template;
  }

  /**
   * Deletes our monthly indices whose month ended by `before` (cheaper than deleting their
   * documents); returns how many lines they held. A failure is logged: the delete by query that
   * follows removes the lines anyway.
   */
  private async dropMonthsBefore(before: Date): Promise<number> {
    const name = new RegExp(
      `^${this.indexPrefix.replace(
        /[.*+?^${}()|[\]\\]/g,
        '\\$&',
      )}-(\\d{4})\\.(\\d{2})$`,
    );
    try {
      const indices = await this.client.cat.indices({
        index: `${this.indexPrefix}-*`,
        h: ['index', 'docs.count'],
        format: 'json',
        expand_wildcards: 'open',
      });
      const old = (indices as estypes.CatIndicesIndicesRecord[]).filter(r => {
        const m = r.index ? name.exec(r.index) : null;
        return m && Date.UTC(Number(m[1]), Number(m[2]), 1) <= before.getTime();
      });
      if (old.length === 0) return 0;
      await this.client.indices.delete({
        index: old.map(r => r.index!),
        ignore_unavailable: true,
      });
      const lines = old.reduce(
        (sum, r) => sum + (Number(r['docs.count']) || 0),
        0,
      );
      this.logger.info(
        `Deleted Elasticsearch log indices past retention: ${old
          .map(r => r.index)
          .join(', ')} (${lines} lines)`,
      );
      return lines;
    } catch (error) {
      this.logger.warn(
        `Could not delete Elasticsearch log indices past retention; deleting their lines by query`,
        error as Error,
      );
      return 0;
    }
  }
}

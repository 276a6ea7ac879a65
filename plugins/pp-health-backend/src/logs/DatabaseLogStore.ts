import {
  PP_LOG_LEVELS,
  PP_LOG_TOTAL_COUNT_CAP,
  PpLogEntry,
  PpLogLevel,
  PpLogQuery,
  PpLogQueryResult,
} from '@internal/plugin-pp-common';
import { isPostgres, likePattern, toIso } from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { LogCursor } from './cursor';
import { logPage, prepareLogQuery } from './page';
import { ParsedLogText, logHighlights } from './textQuery';
import { LogLine, LogStore } from './types';

const COLUMNS = [
  'id',
  'service_id',
  'level',
  'message',
  'ts',
  'trace_id',
  'attributes',
  'data_source',
];

interface LogRow {
  id: string | number;
  service_id: string;
  level: string;
  message: string;
  ts: unknown;
  trace_id: string | null;
  attributes: string | null;
  data_source: string | null;
}

/** How a text query on PostgreSQL is answered; tests and the bench can shrink the sizes. */
export interface DatabaseLogStoreOptions {
  /** Newest lines (passing the other filters) tested against the text first. Default 20 000. */
  probeSize?: number;
  /** Matches are counted up to this many. Default PP_LOG_TOTAL_COUNT_CAP. */
  countCap?: number;
  /** Rows deleted per statement by `prune`. Default 10 000. */
  pruneBatch?: number;
  now?: () => Date;
}

/**
 * The levels a PostgreSQL text query reads, one partial GIN index each (migration
 * 20261202120000): those asked for, or all. Taken from PP_LOG_LEVELS, never from the request text.
 */
function levelArms(query: PpLogQuery): string[] {
  return PP_LOG_LEVELS.filter(
    l => !query.levels?.length || query.levels.includes(l),
  );
}

const PG_TEXT_MATCH = `search @@ websearch_to_tsquery('simple', ?)`;

function parseAttributes(value: string | null): Record<string, unknown> {
  if (!value) return {};
  try {
    const parsed = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? parsed
      : {};
  } catch {
    return {};
  }
}

/**
 * Centralised logs in the plugin's database (`pp_logs`), the default store.
 *
 * PostgreSQL searches the generated `search` tsvector (a partial GIN index per level) with `websearch_to_tsquery`
 * ('simple' configuration: whole words, no stemming). The planner cannot estimate word
 * combinations, so a text query first tests the newest `probeSize` lines that pass the other
 * filters, in index order: that settles common text (the count is then "at least N"). Otherwise it
 * counts the matches through the GIN index and, when there are at most `countCap`, collects and
 * sorts them with bitmap scans. SQLite (the embedded default) matches case-insensitive substrings.
 */
export class DatabaseLogStore implements LogStore {
  readonly backend: 'postgres' | 'sqlite';
  private readonly probeSize: number;
  private readonly countCap: number;
  private readonly pruneBatch: number;
  private readonly now: () => Date;

  constructor(private readonly db: Knex, opts: DatabaseLogStoreOptions = {}) {
    this.backend = isPostgres(db) ? 'postgres' : 'sqlite';
    this.probeSize = opts.probeSize ?? 20_000;
    this.countCap = opts.countCap ?? PP_LOG_TOTAL_COUNT_CAP;
    this.pruneBatch = opts.pruneBatch ?? 10_000;
    this.now = opts.now ?? (() => new Date());
  }

  async ingest(lines: LogLine[]): Promise<number> {
    if (!lines.length) return 0;
    const receivedAt = this.now();
    const rows = lines.map(l => ({
      service_id: l.service_id,
      level: l.level,
      message: l.message,
      ts: l.timestamp,
      trace_id: l.trace_id,
      attributes: JSON.stringify(l.attributes ?? {}),
      data_source: l.data_source ?? 'live',
      received_at: receivedAt,
    }));
    // 9 bound values a row: within SQLite's and PostgreSQL's parameter limits
    const chunk = this.backend === 'postgres' ? 1000 : 100;
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += chunk) {
        await tx('pp_logs').insert(rows.slice(i, i + chunk));
      }
    });
    return rows.length;
  }

  async query(query: PpLogQuery): Promise<PpLogQueryResult> {
    const { limit, cursor, parsed } = prepareLogQuery(query);

    let rows: LogRow[];
    let total: number | null = null;
    let lowerBound = false;
    if (parsed && this.backend === 'postgres') {
      ({ rows, total, lowerBound } = await this.pgTextQuery(
        query,
        query.text!,
        limit,
        cursor,
      ));
    } else {
      const page = this.filtered(query, parsed, cursor)
        .select(COLUMNS)
        .orderBy([
          { column: 'ts', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit + 1);
      const [pageRows, counted] = await Promise.all([
        page,
        cursor ? undefined : this.count(this.db, query, parsed),
      ]);
      rows = pageRows;
      if (counted !== undefined) {
        total = Math.min(counted, this.countCap);
        lowerBound = counted > this.countCap;
      }
    }

    return logPage({
      fetched: rows.map(r => this.toEntry(r, parsed)),
      limit,
      total,
      lowerBound,
      backend: this.backend,
    });
  }

  async prune(before: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.db('pp_logs')
        .whereIn(
          'id',
          this.db('pp_logs')
            .select('id')
            .where('ts', '<', before)
            .limit(this.pruneBatch),
        )
        .delete();
      deleted += n;
      if (n < this.pruneBatch) return deleted;
    }
  }

  // ----- helpers ----------------------------------------------------------------------------------

  /** Every filter but the PostgreSQL text search (SQLite's text filter is included). */
  private filtered(
    query: PpLogQuery,
    parsed: ParsedLogText | undefined,
    cursor: LogCursor | undefined,
    db: Knex | Knex.Transaction = this.db,
  ): Knex.QueryBuilder {
    const qb = db('pp_logs');
    if (query.service) qb.where('service_id', query.service);
    if (query.levels?.length) qb.whereIn('level', query.levels);
    if (query.from) qb.where('ts', '>=', new Date(query.from));
    if (query.to) qb.where('ts', '<', new Date(query.to));
    if (query.trace_id) qb.where('trace_id', query.trace_id);
    if (parsed && this.backend === 'sqlite') {
      for (const group of parsed.groups) {
        qb.where(inner => {
          for (const t of group) {
            inner.orWhereRaw(`lower(message) like ? escape '\\'`, [
              likePattern(t.raw),
            ]);
          }
        });
      }
      for (const t of parsed.excluded) {
        qb.whereRaw(`lower(message) not like ? escape '\\'`, [
          likePattern(t.raw),
        ]);
      }
    }
    if (cursor) {
      qb.whereRaw('(ts, id) < (?, ?)', [new Date(cursor.t), Number(cursor.i)]);
    }
    return qb;
  }

  /** Matching lines, counted up to countCap + 1 (so "more than the cap" is visible). */
  private async count(
    db: Knex | Knex.Transaction,
    query: PpLogQuery,
    parsed: ParsedLogText | undefined,
  ): Promise<number> {
    const inner = this.filtered(query, parsed, undefined, db)
      .select(db.raw('1'))
      .limit(this.countCap + 1);
    const [row] = await db.from(inner.as('capped')).count({ n: '*' });
    return Number(row.n);
  }

  /**
   * The PostgreSQL text matches as `(arm) union all (arm) …`, one arm per level with a literal
   * `level = '…'`, so each arm reads its level's partial GIN index: a word common overall but
   * absent at the levels asked for costs an empty posting list, not a table visit per occurrence.
   * (Written as one OR, PostgreSQL factors the shared text condition out and loses the indexes.)
   */
  private pgTextArms(
    db: Knex.Transaction,
    query: PpLogQuery,
    cursor: LogCursor | undefined,
    text: string,
    select: (qb: Knex.QueryBuilder) => Knex.QueryBuilder,
  ): { sql: string; bindings: readonly Knex.Value[] } {
    const arms = levelArms(query).map(level =>
      // the arm's level stands in for the query's level filter
      select(this.filtered({ ...query, levels: [] }, undefined, cursor, db))
        .whereRaw(`level = '${level}'`)
        .whereRaw(PG_TEXT_MATCH, [text])
        .toSQL(),
    );
    return {
      sql: arms.map(a => `(${a.sql})`).join(' union all '),
      bindings: arms.flatMap(a => a.bindings),
    };
  }

  private async pgTextQuery(
    query: PpLogQuery,
    text: string,
    limit: number,
    cursor: LogCursor | undefined,
  ): Promise<{ rows: LogRow[]; total: number | null; lowerBound: boolean }> {
    // 1. the newest candidates in index order, tested against the text (one statement)
    const candidates = this.filtered(query, undefined, cursor)
      .select([...COLUMNS, 'search'])
      .orderBy([
        { column: 'ts', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(this.probeSize);
    const c = candidates.toSQL();
    const probe = await this.db.raw(
      `with c as materialized (${c.sql})
       select k.n as probe_candidates, m.* from (select count(*) as n from c) k
       left join lateral (
         select ${COLUMNS.join(', ')}, count(*) over () as probe_matches from c
         where search @@ websearch_to_tsquery('simple', ?)
         order by ts desc, id desc limit ?
       ) m on true`,
      [...c.bindings, text, limit + 1],
    );
    const probeRows: Array<
      LogRow & { probe_candidates: string; probe_matches: string | null }
    > = probe.rows;
    const scanned = Number(probeRows[0]?.probe_candidates ?? 0);
    const matched = probeRows.filter(r => r.id !== null);
    const matches = Number(matched[0]?.probe_matches ?? 0);
    if (scanned < this.probeSize) {
      // every remaining line was tested: the page and the count are exact
      return {
        rows: matched,
        total: cursor ? null : Math.min(matches, this.countCap),
        lowerBound: !cursor && matches > this.countCap,
      };
    }
    if (matched.length > limit) {
      // common text: a full page among the newest lines; at least this many match
      return {
        rows: matched,
        total: cursor ? null : Math.min(matches, this.countCap),
        lowerBound: !cursor,
      };
    }

    // 2. rare text: count through the per-level GIN indexes, then collect and sort the matches
    return this.db.transaction(async tx => {
      await tx.raw('set local enable_seqscan = off');
      await tx.raw('set local enable_indexscan = off');
      await tx.raw(`set local work_mem = '32MB'`);
      const cap = this.countCap + 1;
      const ones = this.pgTextArms(tx, query, cursor, text, qb =>
        qb.select(tx.raw('1')).limit(cap),
      );
      const [{ n }] = (
        await tx.raw(
          `select count(*) as n from (select 1 from (${ones.sql}) u limit ?) capped`,
          [...ones.bindings, cap],
        )
      ).rows;
      const counted = Number(n);
      const total = cursor ? null : Math.min(counted, this.countCap);
      const lowerBound = !cursor && counted > this.countCap;
      if (counted === 0) return { rows: [], total, lowerBound };
      const matching = this.pgTextArms(tx, query, cursor, text, qb =>
        qb.select(COLUMNS),
      );
      // at most countCap matches: collect them all, then sort; more: let the planner pick
      const sql =
        counted <= this.countCap
          ? `with m as materialized (${matching.sql}) select * from m order by ts desc, id desc limit ?`
          : `select * from (${matching.sql}) m order by ts desc, id desc limit ?`;
      const sorted = await tx.raw(sql, [...matching.bindings, limit + 1]);
      return { rows: sorted.rows, total, lowerBound };
    });
  }

  private toEntry(row: LogRow, parsed: ParsedLogText | undefined): PpLogEntry {
    const entry: PpLogEntry = {
      id: String(row.id),
      service_id: row.service_id,
      level: row.level as PpLogLevel,
      message: row.message,
      timestamp: toIso(row.ts)!,
      trace_id: row.trace_id ?? null,
      data_source: row.data_source === 'demo' ? 'demo' : 'live',
      attributes: parseAttributes(row.attributes),
    };
    if (parsed) {
      entry.highlights = logHighlights(
        row.message,
        parsed,
        this.backend === 'postgres' ? 'words' : 'substring',
      );
    }
    return entry;
  }
}

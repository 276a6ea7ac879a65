import {
  PpHealthDataSource,
  PpLogLevel,
  PpLogQuery,
  PpLogQueryResult,
} from '@internal/plugin-pp-common';

/** One line as the stores write it: the service is resolved, the time is set. */
export interface LogLine {
  service_id: string;
  level: PpLogLevel;
  message: string;
  timestamp: Date;
  trace_id: string | null;
  attributes: Record<string, unknown>;
  /** `demo` for lines of the demo generator; default `live`. */
  data_source?: PpHealthDataSource;
}

/**
 * Where centralised logs live: the plugin's database (`DatabaseLogStore`, PostgreSQL full-text
 * search or SQLite substrings) or Elasticsearch (`ElasticsearchLogStore`, the ELK stack).
 */
export interface LogStore {
  readonly backend: PpLogQueryResult['backend'];
  /** Stores the lines; returns how many were stored. */
  ingest(lines: LogLine[]): Promise<number>;
  /** Newest first, keyset-paged; the cursor is checked (400 when it is not one of ours). */
  query(query: PpLogQuery): Promise<PpLogQueryResult>;
  /** Deletes lines older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
  /** Releases connections of its own (the database store has none). */
  close?(): Promise<void>;
}

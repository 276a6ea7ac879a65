import type {
  PpKnowledgeRun,
  PpKnowledgeSource,
  PpKnowledgeVersion,
} from '@internal/plugin-pp-common';
import type { RunRow, SourceRow, VersionRow } from '../database/KnowledgeStore';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A source as the API shows it: never its credential or webhook secret. */
export function toApiSource(s: SourceRow): PpKnowledgeSource {
  return {
    id: s.id,
    industry: s.industry,
    name: s.name,
    type: s.type,
    connection: {
      ...s.connection,
      auth_type: s.connection.auth_type ?? 'none',
    },
    has_credential: s.credential_sealed !== null,
    frequency: s.frequency,
    time: s.time,
    time_zone: s.time_zone,
    weekday: s.weekday,
    status: s.status,
    consecutive_failures: s.consecutive_failures,
    record_count: s.record_count,
    last_run_at: iso(s.last_run_at),
    last_success_at: iso(s.last_success_at),
    next_run_at: iso(s.next_run_at),
    last_error: s.last_error,
    demo: s.demo,
    created_by: s.created_by,
    created_by_name: s.created_by_name,
    created_at: s.created_at.toISOString(),
    updated_at: s.updated_at.toISOString(),
  };
}

export function toApiRun(r: RunRow): PpKnowledgeRun {
  return {
    id: r.id,
    source_id: r.source_id,
    source_name: r.source_name,
    industry: r.industry,
    trigger: r.trigger,
    status: r.status,
    started_at: r.started_at.toISOString(),
    finished_at: iso(r.finished_at),
    duration_ms: r.duration_ms,
    records_fetched: r.records_fetched,
    records_added: r.records_added,
    records_changed: r.records_changed,
    records_removed: r.records_removed,
    error: r.error,
    version: r.version_label,
    log: r.log,
  };
}

export function toApiVersion(v: VersionRow): PpKnowledgeVersion {
  return {
    id: v.id,
    industry: v.industry,
    label: v.label,
    created_at: v.created_at.toISOString(),
    source_id: v.source_id,
    source_name: v.source_name,
    chunks: v.chunks,
    added: v.added,
    modified: v.modified,
    removed: v.removed,
    embedding_model: v.embedding_model,
  };
}

import {
  PpAlert,
  PpAlertSeverity,
  PpAlertStatus,
  PpAlertThreshold,
  PpAlertType,
  PpReportedAlertType,
  PpHealthDataSource,
  PpHealthOverview,
  PpHealthSparklines,
  PpHealthWindow,
  PpMicroservice,
  PpMicroserviceDetail,
  PpServiceStatus,
  PpSilence,
} from '@internal/plugin-pp-common';
import { PpPrincipal } from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { OpenAlert } from '../domain/alertRules';
import { PlannedSilence } from '../domain/silences';
import type { Measurement } from '../service/conditions';

/** A monitored service as the catalog describes it. */
export interface CatalogService {
  service_id: string;
  entity_ref: string;
  title: string;
  description: string | null;
  owner: string | null;
  health_check_url: string | null;
}

/** A row of pp_service_status: the service and its latest recorded state. */
export interface MonitoredService extends CatalogService {
  active: boolean;
  /** The last check's or heartbeat's own word. */
  status: PpServiceStatus;
  data_source: PpHealthDataSource;
  monitored_since: Date | string;
  last_seen_at: Date | string | null;
  last_ok_at: Date | string | null;
  last_response_ms: number | null;
  cpu_percent: number | null;
  memory_percent: number | null;
  disk_percent: number | null;
  metrics_at: Date | string | null;
}

/** One check or heartbeat to record. */
export interface HealthRecord {
  service_id: string;
  source: 'check' | 'heartbeat';
  /** `demo` for what the demo generator sends; default `live`. */
  data_source?: PpHealthDataSource;
  status: 'up' | 'degraded' | 'down';
  response_time_ms?: number | null;
  http_status?: number | null;
  /** 0..1 */
  error_rate?: number | null;
  error?: string | null;
  cpu_percent?: number | null;
  memory_percent?: number | null;
  disk_percent?: number | null;
  at: Date;
}

export interface AlertFilter {
  status?: PpAlertStatus;
  service_id?: string;
  severity?: PpAlertSeverity;
  alert_type?: PpAlertType;
  limit?: number;
  offset?: number;
}

export interface MicroserviceFilter {
  service_id?: string;
  status?: PpServiceStatus;
  q?: string;
  sort?: 'service_id' | 'status' | 'p95_response_ms' | 'error_rate' | 'title';
  order?: 'asc' | 'desc';
}

export interface ThresholdPatch {
  threshold_value?: number;
  duration_seconds?: number;
  severity?: PpAlertSeverity;
  enabled?: boolean;
}

/** A stored silence with its rows' dates (PpSilence without `state`). */
export type SilenceRecord = Omit<
  PpSilence,
  'starts_at' | 'ends_at' | 'created_at' | 'state'
> & { starts_at: Date; ends_at: Date; created_at: Date };

/** The writes of one alert change, in one transaction with its notice. */
export interface HealthAlertTransaction {
  /** For the outbox: the notice commits with the change. */
  readonly tx: Knex.Transaction;
  /** Opens an alert; undefined when another evaluator opened it first (unique open key). */
  open(alert: {
    measurement: Measurement;
    threshold: PpAlertThreshold;
    since: Date;
    silenceId: string | null;
    notified: boolean;
    now: Date;
  }): Promise<PpAlert | undefined>;
  /** Resolves a firing alert; `changed` is false when it was resolved already. */
  resolve(id: string, now: Date): Promise<{ alert: PpAlert; changed: boolean }>;
  /**
   * Records who acknowledged a firing alert. `missing`: no such alert; `resolved` / `acknowledged`:
   * it is over, or somebody acknowledged it first (nothing written); `done`: written.
   */
  acknowledge(
    id: string,
    ack: {
      by: { id: string; name: string; email?: string | null };
      note: string | null;
      now: Date;
    },
  ): Promise<
    | { outcome: 'missing' }
    | { outcome: 'resolved' | 'acknowledged' | 'done'; alert: PpAlert }
  >;
  /** Marks an alert told (its "fired" notice written); false when it was already. */
  markNotified(id: string, now: Date): Promise<PpAlert | undefined>;
}

/**
 * Health checks, heartbeats, rollups, latest state, thresholds, alerts and silences. Reads for the
 * overview and lists use pp_service_status and pp_health_rollups only, never raw checks.
 */
export interface HealthStore {
  // services
  /** Makes the monitored services match the catalog: new ones start unknown, removed ones go inactive. */
  syncServices(services: CatalogService[], now: Date): Promise<void>;
  activeServices(): Promise<MonitoredService[]>;
  /** The overview's change mark: raised by every write to a table it reads (readPpChangeMark). */
  changeMark(): Promise<string>;
  getService(serviceId: string): Promise<MonitoredService | undefined>;
  /** service id → catalog entity ref of the active services. */
  serviceRefs(): Promise<Map<string, string>>;

  // recording
  /** Stores one check or heartbeat: raw row, rollup bucket, latest state and server metrics. */
  record(rec: HealthRecord): Promise<void>;
  /** The newest recorded check or heartbeat (of one data source). */
  latestCheckAt(filter?: {
    data_source?: PpHealthDataSource;
  }): Promise<Date | null>;
  /** Deletes raw checks and server metrics older than `before` (rollups stay). */
  prune(before: Date): Promise<{ checks: number; metrics: number }>;

  // reads
  listMicroservices(
    now: Date,
    filter?: MicroserviceFilter,
  ): Promise<PpMicroservice[]>;
  overview(now: Date, checkIntervalSeconds: number): Promise<PpHealthOverview>;
  detail(
    serviceId: string,
    window: PpHealthWindow,
    now: Date,
  ): Promise<PpMicroserviceDetail>;
  /** Error rate and p95 per bucket of the window for every active service, in one read. */
  sparklines(
    window: '1h' | '6h' | '24h',
    now: Date,
  ): Promise<PpHealthSparklines>;
  listAlerts(filter: AlertFilter): Promise<{
    items: PpAlert[];
    total_count: number;
    limit: number;
    offset: number;
  }>;

  // thresholds
  thresholds(): Promise<PpAlertThreshold[]>;
  updateThreshold(
    type: PpAlertType,
    patch: ThresholdPatch,
    by: string,
    now: Date,
  ): Promise<{ before: PpAlertThreshold; after: PpAlertThreshold }>;

  // alert evaluation
  /** The per-service conditions of the alert rules measured at `now` (conditions.ts). */
  measure(
    now: Date,
    thresholds: Map<PpAlertType, PpAlertThreshold>,
    sampleSeconds?: number,
  ): Promise<Measurement[]>;
  /**
   * Records another PP plugin's figure for one of the reported rules (PP_REPORTED_ALERT_TYPES): the
   * latest per rule, plugin and subject; `measure` judges it at every evaluation.
   */
  reportCondition(report: {
    alert_type: PpReportedAlertType;
    service_id: string;
    subject: string;
    value: number;
    message: string;
    now: Date;
  }): Promise<void>;
  /** Since when each breached condition has held. */
  conditions(): Promise<Map<string, Date>>;
  startConditions(
    conditions: Array<{ key: string; since: Date }>,
  ): Promise<void>;
  clearConditions(keys: string[]): Promise<void>;
  /** Firing alerts by open key. */
  openAlerts(): Promise<Map<string, OpenAlert>>;
  updateAlertValue(id: string, value: number | null, now: Date): Promise<void>;
  alertTransaction<T>(
    work: (uow: HealthAlertTransaction) => Promise<T>,
  ): Promise<T>;

  // silences
  /** Silences ending after `endingAfter` (default: all), soonest start first. */
  listSilences(filter?: {
    endingAfter?: Date;
    service_id?: string;
  }): Promise<SilenceRecord[]>;
  getSilence(id: string): Promise<SilenceRecord | undefined>;
  createSilence(
    silence: PlannedSilence,
    by: PpPrincipal,
    now: Date,
  ): Promise<SilenceRecord>;
  /** Sets `ends_at` and who ended it. */
  endSilence(id: string, endsAt: Date, by: PpPrincipal): Promise<SilenceRecord>;
}

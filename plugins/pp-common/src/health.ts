/*
 * Health monitoring (Stage 2): the JSON shapes of the overview, the microservices, their checks,
 * alerts and alert thresholds, and of service heartbeats. Times are ISO 8601 strings, field names
 * snake_case. Queue and log shapes are in healthData.ts.
 */

/** up: healthy; degraded: answering but slow or erroring; down: not answering; unknown: no data yet. @public */
export const PP_SERVICE_STATUSES = [
  'up',
  'degraded',
  'down',
  'unknown',
] as const;
/** @public */
export type PpServiceStatus = (typeof PP_SERVICE_STATUSES)[number];

/** Windows of the detail view's time series. @public */
export const PP_HEALTH_WINDOWS = ['1h', '6h', '24h', '7d', '30d'] as const;
/** @public */
export type PpHealthWindow = (typeof PP_HEALTH_WINDOWS)[number];

/** The spec's alert types ("Alert Types"), one rule each. @public */
export const PP_ALERT_TYPES = [
  'service_down',
  'high_error_rate',
  'queue_backlog',
  'high_cpu_memory',
] as const;
/** @public */
export type PpAlertType = (typeof PP_ALERT_TYPES)[number];

/** @public */
export const PP_ALERT_SEVERITIES = ['critical', 'warning'] as const;
/** @public */
export type PpAlertSeverity = (typeof PP_ALERT_SEVERITIES)[number];
/** @public */
export type PpAlertStatus = 'firing' | 'resolved';

/**
 * Where recorded figures come from: `live` (active checks, heartbeats and log lines the services
 * send) or `demo` (the demo generator of the embedded default, for the seeded demo services only).
 *
 * @public
 */
export const PP_HEALTH_DATA_SOURCES = ['live', 'demo'] as const;
/** @public */
export type PpHealthDataSource = (typeof PP_HEALTH_DATA_SOURCES)[number];

/** Uptime over the overview's windows, as percentages 0..100; null without data. @public */
export interface PpUptime {
  '24h': number | null;
  '7d': number | null;
  '30d': number | null;
}

/** Body of `GET /pp/v1/health/overview`. @public */
export interface PpHealthOverview {
  service_count: number;
  up: number;
  degraded: number;
  down: number;
  unknown: number;
  uptime_percent: PpUptime;
  open_alerts: { critical: number; warning: number; total: number };
  /** The newest alerts (firing first), at most 5. */
  recent_alerts: PpAlert[];
  /** The check interval in seconds (also the `Cache-Control: max-age` of health GETs). */
  check_interval_seconds: number;
  /** Services whose latest figures come from the demo generator (`data_source: 'demo'`). */
  demo_services: number;
  /** Silences and maintenance windows in force now or starting within 7 days, soonest first. */
  silences: PpSilence[];
  generated_at: string;
}

/** One monitored service in `GET /pp/v1/health/microservices`. @public */
export interface PpMicroservice {
  /** `pp.waooaw.com/service-id` of the catalog entity. */
  service_id: string;
  /** Catalog entity ref, e.g. `component:default/payment-service`. */
  entity_ref: string;
  title: string;
  owner: string | null;
  health_check_url: string | null;
  status: PpServiceStatus;
  /**
   * Why the service has this status, as a sentence: which rule of the status table applied and the
   * figure behind it (e.g. "Notification Service error rate is 30.0 % (threshold 5 %).").
   */
  status_reason: string;
  /** The last check or heartbeat. */
  last_seen_at: string | null;
  /** Last successful check or heartbeat. */
  last_ok_at: string | null;
  /** Over the last 24 h. */
  p50_response_ms: number | null;
  p95_response_ms: number | null;
  /** Fraction of failed checks / reported error rate over the last hour, 0..1. */
  error_rate: number | null;
  uptime_24h_percent: number | null;
  cpu_percent: number | null;
  memory_percent: number | null;
  disk_percent: number | null;
  open_alerts: number;
  /** `demo` when the latest check or heartbeat came from the demo generator. */
  data_source: PpHealthDataSource;
}

/** One point of a detail time series (a rollup bucket). @public */
export interface PpHealthSeriesPoint {
  /** Bucket start. */
  at: string;
  checks: number;
  p50_response_ms: number | null;
  p95_response_ms: number | null;
  max_response_ms: number | null;
  /** 0..1 */
  error_rate: number | null;
  /** 0..100 */
  uptime_percent: number | null;
}

/** One active check or heartbeat as recorded. @public */
export interface PpHealthCheck {
  id: string;
  service_id: string;
  source: 'check' | 'heartbeat';
  status: PpServiceStatus;
  response_time_ms: number | null;
  http_status: number | null;
  /** 0..1 (heartbeats report it; checks record 0 or 1). */
  error_rate: number | null;
  error: string | null;
  checked_at: string;
  data_source: PpHealthDataSource;
}

/** Body of `GET /pp/v1/health/microservices/{service_id}?window=`. @public */
export interface PpMicroserviceDetail extends PpMicroservice {
  description: string | null;
  window: PpHealthWindow;
  /** Bucket size of `series` in seconds. */
  bucket_seconds: number;
  series: PpHealthSeriesPoint[];
  recent_checks: PpHealthCheck[];
  alerts: PpAlert[];
  /**
   * Silences and maintenance windows covering this service, in force or starting within 7 days,
   * soonest first (the backend always sends it; optional for clients built before it existed).
   */
  silences?: PpSilence[];
}

/** @public */
export interface PpAlert {
  id: string;
  alert_type: PpAlertType;
  severity: PpAlertSeverity;
  status: PpAlertStatus;
  /** The service, or for queue backlogs the queue system (e.g. `temporal`). */
  service_id: string;
  /** For queue backlogs: the queue. */
  subject: string | null;
  message: string;
  /** The measured value that fired it (e.g. error rate percent, pending workflows). */
  value: number | null;
  threshold: number | null;
  started_at: string;
  resolved_at: string | null;
  updated_at: string;
  /** Fired while a silence or maintenance window covered it: recorded, but nobody was told. */
  silenced: boolean;
  /** The silence that covered it when it fired. */
  silence_id: string | null;
}

/** One editable rule (`pp_alert_thresholds`). @public */
export interface PpAlertThreshold {
  alert_type: PpAlertType;
  title: string;
  /** Unit of `threshold_value`: minutes without a successful check, percent, pending items, percent. */
  unit: 'minutes' | 'percent' | 'items';
  threshold_value: number;
  /** How long the condition must hold before the alert fires, in seconds. */
  duration_seconds: number;
  severity: PpAlertSeverity;
  enabled: boolean;
  updated_by: string | null;
  updated_at: string | null;
}

/** Body of `PUT /pp/v1/health/alert-thresholds/{alert_type}`; give at least one field. @public */
export interface PpAlertThresholdUpdate {
  threshold_value?: number;
  duration_seconds?: number;
  severity?: PpAlertSeverity;
  enabled?: boolean;
}

/** Body of `POST /pp/v1/health/heartbeats` (a service principal, for its own service). @public */
export interface PpHeartbeat {
  /** Defaults to the sending service; if given it must be the sending service's id. */
  service_id?: string;
  status: 'up' | 'degraded' | 'down';
  response_time_ms?: number;
  /** 0..1 */
  error_rate?: number;
  /** 0..100 */
  cpu_percent?: number;
  memory_percent?: number;
  disk_percent?: number;
  /** Defaults to the time of receipt; at most 5 minutes in the future. */
  timestamp?: string;
}

/** Answer of `GET /pp/v1/health/alerts`. @public */
export interface PpAlertPage {
  items: PpAlert[];
  total_count: number;
  limit: number;
  offset: number;
}

/** A silence mutes alerts now; a maintenance window is a planned one. Both only stop notices. @public */
export const PP_SILENCE_KINDS = ['silence', 'maintenance'] as const;
/** @public */
export type PpSilenceKind = (typeof PP_SILENCE_KINDS)[number];
/** @public */
export type PpSilenceState = 'active' | 'scheduled' | 'expired';

/**
 * A silence or maintenance window (Alertmanager-like): alerts of `service_id` and/or `alert_type`
 * that fire between `starts_at` and `ends_at` are recorded (marked silenced) but not notified.
 * Ending one early sets `ends_at` to the moment it was ended.
 *
 * @public
 */
export interface PpSilence {
  id: string;
  kind: PpSilenceKind;
  /** The service (or queue system) it covers; null: every service. */
  service_id: string | null;
  /** The rule it covers; null: every rule. At least one of service_id and alert_type is set. */
  alert_type: PpAlertType | null;
  starts_at: string;
  ends_at: string;
  reason: string;
  created_by: { id: string; name: string; email: string | null };
  created_at: string;
  /** Who ended it early, if anyone. */
  ended_by: { id: string; name: string; email: string | null } | null;
  /** As of the answer's time. */
  state: PpSilenceState;
}

/** Body of `POST /pp/v1/health/silences`. @public */
export interface PpSilenceCreate {
  kind?: PpSilenceKind;
  service_id?: string;
  alert_type?: PpAlertType;
  /** Default: now. */
  starts_at?: string;
  ends_at: string;
  reason: string;
}

/** Answer of `GET /pp/v1/health/silences`. @public */
export interface PpSilencePage {
  items: PpSilence[];
  total_count: number;
}

/*
 * Health monitoring (Stage 2): the JSON shapes of the overview, the microservices, their checks,
 * alerts and alert thresholds, and of service heartbeats, as zod schemas (the one source of the
 * types below, of the backend's input validation and of the OpenAPI document). Times are ISO 8601
 * strings, field names snake_case. Queue and log shapes are in healthData.ts.
 */

import { z } from 'zod';

/** An instant as `Date.prototype.toISOString()` writes it (UTC, `Z`). */
const timestamp = () => z.iso.datetime();

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
  'ingestion_failing',
] as const;
/** @public */
export type PpAlertType = (typeof PP_ALERT_TYPES)[number];

/**
 * Rules whose condition another PP plugin measures and reports (`POST /pp/v1/health/reported-conditions`)
 * instead of the health plugin: `ingestion_failing`, a knowledge source's consecutive failed runs.
 * Their thresholds, silences, notices and resolution are the health plugin's, like any rule's.
 * @public
 */
export const PP_REPORTED_ALERT_TYPES = ['ingestion_failing'] as const;
/** @public */
export type PpReportedAlertType = (typeof PP_REPORTED_ALERT_TYPES)[number];

/** @public */
export const PP_ALERT_SEVERITIES = ['critical', 'warning'] as const;
/** @public */
export type PpAlertSeverity = (typeof PP_ALERT_SEVERITIES)[number];
/** @public */
export const PP_ALERT_STATUSES = ['firing', 'resolved'] as const;
/** @public */
export type PpAlertStatus = (typeof PP_ALERT_STATUSES)[number];

/**
 * Where recorded figures come from: `live` (active checks, heartbeats and log lines the services
 * send) or `demo` (the demo generator of the embedded default, for the seeded demo services only).
 *
 * @public
 */
export const PP_HEALTH_DATA_SOURCES = ['live', 'demo'] as const;
/** @public */
export type PpHealthDataSource = (typeof PP_HEALTH_DATA_SOURCES)[number];

/** A silence mutes alerts now; a maintenance window is a planned one. Both only stop notices. @public */
export const PP_SILENCE_KINDS = ['silence', 'maintenance'] as const;
/** @public */
export type PpSilenceKind = (typeof PP_SILENCE_KINDS)[number];
/** @public */
export const PP_SILENCE_STATES = ['active', 'scheduled', 'expired'] as const;
/** @public */
export type PpSilenceState = (typeof PP_SILENCE_STATES)[number];

const percentOrNull = (what: string) =>
  z.number().nullable().describe(`${what}, percent 0..100; null without data.`);

/** Uptime over the overview's windows, as percentages 0..100; null without data. @public */
export const ppUptimeSchema = z
  .object({
    '24h': percentOrNull('Uptime over the last 24 hours'),
    '7d': percentOrNull('Uptime over the last 7 days'),
    '30d': percentOrNull('Uptime over the last 30 days'),
  })
  .meta({
    id: 'Uptime',
    description:
      'Uptime of all monitored services over 24 hours, 7 and 30 days, as percentages.',
  });
/** @public */
export type PpUptime = z.infer<typeof ppUptimeSchema>;

/** Who took an alert on ("acknowledged"), when, and their note. @public */
export const ppAlertAcknowledgementSchema = z
  .object({
    by: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
    }),
    at: timestamp(),
    note: z.string().nullable(),
  })
  .meta({
    id: 'AlertAcknowledgement',
    description:
      'Someone acknowledged the alert: they are on it. It stays firing until its condition clears.',
  });
/** @public */
export type PpAlertAcknowledgement = z.infer<
  typeof ppAlertAcknowledgementSchema
>;

/** @public */
export const ppAlertSchema = z
  .object({
    id: z.string(),
    alert_type: z.enum(PP_ALERT_TYPES),
    severity: z.enum(PP_ALERT_SEVERITIES),
    status: z.enum(PP_ALERT_STATUSES),
    service_id: z
      .string()
      .describe(
        'The service, or for queue backlogs the queue system (e.g. `temporal`).',
      ),
    subject: z
      .string()
      .nullable()
      .describe('For queue backlogs: the queue; otherwise null.'),
    message: z.string(),
    value: z
      .number()
      .nullable()
      .describe(
        'The measured value that fired it (e.g. error rate percent, pending workflows).',
      ),
    threshold: z
      .number()
      .nullable()
      .describe('The threshold in force when it fired.'),
    started_at: timestamp(),
    resolved_at: timestamp().nullable().describe('null while firing.'),
    updated_at: timestamp(),
    silenced: z
      .boolean()
      .describe(
        'Fired while a silence or maintenance window covered it: recorded, but nobody was told.',
      ),
    silence_id: z
      .string()
      .nullable()
      .describe('The silence that covered it when it fired; null if none.'),
    acknowledgement: ppAlertAcknowledgementSchema
      .nullable()
      .optional()
      .describe(
        'Who acknowledged it, when and why; null (or absent, older servers) if nobody has. An acknowledged alert stays firing until its condition clears.',
      ),
  })
  .meta({
    id: 'Alert',
    description:
      'An alert one of the alert rules fired for a service or queue.',
  });
/** @public */
export type PpAlert = z.infer<typeof ppAlertSchema>;

const silencePerson = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
});

/**
 * A silence or maintenance window (Alertmanager-like): alerts of `service_id` and/or `alert_type`
 * that fire between `starts_at` and `ends_at` are recorded (marked silenced) but not notified.
 * Ending one early sets `ends_at` to the moment it was ended.
 *
 * @public
 */
export const ppSilenceSchema = z
  .object({
    id: z.string(),
    kind: z.enum(PP_SILENCE_KINDS),
    service_id: z
      .string()
      .nullable()
      .describe(
        'The service (or queue system) it covers; null: every service.',
      ),
    alert_type: z
      .enum(PP_ALERT_TYPES)
      .nullable()
      .describe(
        'The rule it covers; null: every rule. At least one of service_id and alert_type is set.',
      ),
    starts_at: timestamp(),
    ends_at: timestamp().describe(
      'End of the window; the moment it was ended when ended early.',
    ),
    reason: z.string(),
    created_by: silencePerson,
    created_at: timestamp(),
    ended_by: silencePerson
      .nullable()
      .describe('Who ended it early; null if nobody did.'),
    state: z.enum(PP_SILENCE_STATES).describe('As of the time of the answer.'),
  })
  .meta({
    id: 'Silence',
    description:
      'A silence or maintenance window: matching alerts are recorded but nobody is notified.',
  });
/** @public */
export type PpSilence = z.infer<typeof ppSilenceSchema>;

/** Body of `GET /pp/v1/health/overview`. @public */
export const ppHealthOverviewSchema = z
  .object({
    service_count: z.number().int(),
    up: z.number().int(),
    degraded: z.number().int(),
    down: z.number().int(),
    unknown: z.number().int(),
    uptime_percent: ppUptimeSchema,
    open_alerts: z
      .object({
        critical: z.number().int(),
        warning: z.number().int(),
        total: z.number().int(),
      })
      .describe('Firing alerts by severity.'),
    recent_alerts: z
      .array(ppAlertSchema)
      .describe('The newest alerts (firing first), at most 5.'),
    check_interval_seconds: z
      .number()
      .describe(
        'The check interval in seconds (also the `Cache-Control: max-age` of health GETs).',
      ),
    demo_services: z
      .number()
      .int()
      .describe(
        'Services whose latest figures come from the demo generator (`data_source: demo`).',
      ),
    silences: z
      .array(ppSilenceSchema)
      .describe(
        'Silences and maintenance windows in force now or starting within 7 days, soonest first.',
      ),
    generated_at: timestamp().describe(
      'Start of the check interval the figures are for.',
    ),
  })
  .meta({
    id: 'HealthOverview',
    description:
      'The health of all monitored services at a glance: counts by status, uptime, alerts and silences.',
  });
/** @public */
export type PpHealthOverview = z.infer<typeof ppHealthOverviewSchema>;

/** One monitored service in `GET /pp/v1/health/microservices`. @public */
export const ppMicroserviceSchema = z
  .object({
    service_id: z
      .string()
      .describe(
        'The service’s id, e.g. `payment-service` (`pp.waooaw.com/service-id` of its catalog entity): the `service_id` of the other health requests.',
      ),
    entity_ref: z
      .string()
      .describe(
        'Catalog entity ref, e.g. `component:default/payment-service`; use it as the `entity_ref` of a ticket about the service.',
      ),
    title: z.string(),
    owner: z.string().nullable(),
    health_check_url: z
      .string()
      .nullable()
      .describe('null: the service only sends heartbeats.'),
    status: z.enum(PP_SERVICE_STATUSES),
    status_reason: z
      .string()
      .describe(
        'Why the service has this status: which rule applied and the figure behind it.',
      ),
    last_seen_at: timestamp()
      .nullable()
      .describe('The last check or heartbeat; null if none yet.'),
    last_ok_at: timestamp()
      .nullable()
      .describe('The last successful check or heartbeat; null if none yet.'),
    p50_response_ms: z
      .number()
      .nullable()
      .describe(
        'Median response time over the last 24 h, ms; null without data.',
      ),
    p95_response_ms: z
      .number()
      .nullable()
      .describe(
        '95th percentile response time over the last 24 h, ms; null without data.',
      ),
    error_rate: z
      .number()
      .nullable()
      .describe(
        'The error rate the status is derived from and the error-rate alert fires on: failed checks / reported error rate over the rule’s sample (the last 60 s), 0..1; null without a check or heartbeat in it.',
      ),
    uptime_24h_percent: percentOrNull('Uptime over the last 24 hours'),
    cpu_percent: percentOrNull('Last reported CPU use'),
    memory_percent: percentOrNull('Last reported memory use'),
    disk_percent: percentOrNull('Last reported disk use'),
    open_alerts: z.number().int().describe('Firing alerts of the service.'),
    data_source: z
      .enum(PP_HEALTH_DATA_SOURCES)
      .describe(
        '`demo` when the latest check or heartbeat came from the demo generator (generated, not a real measurement).',
      ),
  })
  .meta({
    id: 'Microservice',
    description: 'One monitored service with its status and latest figures.',
  });
/** @public */
export type PpMicroservice = z.infer<typeof ppMicroserviceSchema>;

/** Body of `GET /pp/v1/health/microservices`. @public */
export const ppMicroserviceListSchema = z
  .object({
    items: z.array(ppMicroserviceSchema),
    total_count: z.number().int(),
  })
  .meta({
    id: 'MicroserviceList',
    description:
      'The monitored services matching the filters, in the requested order.',
  });
/** @public */
export type PpMicroserviceList = z.infer<typeof ppMicroserviceListSchema>;

/** One point of a detail time series (a rollup bucket). @public */
export const ppHealthSeriesPointSchema = z
  .object({
    at: timestamp().describe('Bucket start.'),
    checks: z.number().int().describe('Checks and heartbeats in the bucket.'),
    p50_response_ms: z.number().nullable().describe('null without data.'),
    p95_response_ms: z.number().nullable().describe('null without data.'),
    max_response_ms: z.number().nullable().describe('null without data.'),
    error_rate: z.number().nullable().describe('0..1; null without data.'),
    uptime_percent: percentOrNull('Uptime in the bucket'),
    status: z
      .enum(PP_SERVICE_STATUSES)
      .optional()
      .describe(
        'The bucket on the status timeline: `unknown` without a check or heartbeat, `down` when a check failed or a heartbeat said down, `degraded` when its error rate was above the `high_error_rate` threshold, else `up`.',
      ),
    cpu_percent: percentOrNull(
      'Average reported CPU use in the bucket',
    ).optional(),
    memory_percent: percentOrNull(
      'Average reported memory use in the bucket',
    ).optional(),
    disk_percent: percentOrNull(
      'Average reported disk use in the bucket',
    ).optional(),
  })
  .meta({
    id: 'HealthSeriesPoint',
    description: 'One bucket of a service’s time series.',
  });
/** @public */
export type PpHealthSeriesPoint = z.infer<typeof ppHealthSeriesPointSchema>;

/** One active check or heartbeat as recorded. @public */
export const ppHealthCheckSchema = z
  .object({
    id: z.string(),
    service_id: z.string(),
    source: z
      .enum(['check', 'heartbeat'])
      .describe(
        'An active check by the portal, or a heartbeat the service sent.',
      ),
    status: z.enum(PP_SERVICE_STATUSES),
    response_time_ms: z.number().nullable(),
    http_status: z.number().int().nullable(),
    error_rate: z
      .number()
      .nullable()
      .describe('0..1 (heartbeats report it; checks record 0 or 1).'),
    error: z.string().nullable(),
    checked_at: timestamp(),
    data_source: z.enum(PP_HEALTH_DATA_SOURCES),
  })
  .meta({
    id: 'HealthCheck',
    description: 'One active check or heartbeat as recorded.',
  });
/** @public */
export type PpHealthCheck = z.infer<typeof ppHealthCheckSchema>;

/** Body of `GET /pp/v1/health/microservices/{service_id}?window=`. @public */
export const ppMicroserviceDetailSchema = ppMicroserviceSchema
  .extend({
    description: z.string().nullable(),
    window: z.enum(PP_HEALTH_WINDOWS),
    bucket_seconds: z.number().describe('Bucket size of `series` in seconds.'),
    series: z
      .array(ppHealthSeriesPointSchema)
      .describe(
        'Response times, error rate and uptime per bucket of the window.',
      ),
    recent_checks: z
      .array(ppHealthCheckSchema)
      .describe('The newest checks and heartbeats, at most 20.'),
    alerts: z
      .array(ppAlertSchema)
      .describe('The service’s alerts, firing first, at most 20.'),
    silences: z
      .array(ppSilenceSchema)
      .optional()
      .describe(
        'Silences and maintenance windows covering this service, in force or starting within 7 days, soonest first (always sent; optional for older clients).',
      ),
  })
  .meta({
    id: 'MicroserviceDetail',
    description:
      'One monitored service with its time series, recent checks, alerts and silences.',
  });
/** @public */
export type PpMicroserviceDetail = z.infer<typeof ppMicroserviceDetailSchema>;

/** One point of an overview sparkline. @public */
export const ppHealthSparkPointSchema = z
  .object({
    at: timestamp().describe('Bucket start.'),
    error_rate: z.number().nullable().describe('0..1; null without data.'),
    p95_response_ms: z.number().nullable().describe('null without data.'),
  })
  .meta({
    id: 'HealthSparkPoint',
    description: 'Error rate and p95 response time of one bucket.',
  });
/** @public */
export type PpHealthSparkPoint = z.infer<typeof ppHealthSparkPointSchema>;

/** Answer of `GET /pp/v1/health/sparklines`: every active service's recent trend, one read. @public */
export const ppHealthSparklinesSchema = z
  .object({
    window: z.enum(['1h', '6h', '24h']),
    bucket_seconds: z.number().int(),
    items: z.array(
      z.object({
        service_id: z.string(),
        points: z
          .array(ppHealthSparkPointSchema)
          .describe('Oldest first, one per bucket of the window.'),
      }),
    ),
  })
  .meta({
    id: 'HealthSparklines',
    description:
      'Error rate and p95 response time per bucket over the last hours, for every monitored service (the overview table’s sparklines).',
  });
/** @public */
export type PpHealthSparklines = z.infer<typeof ppHealthSparklinesSchema>;

/** Query of `GET /pp/v1/health/sparklines`. @public */
export const ppHealthSparklinesQuerySchema = z
  .object({
    window: z
      .enum(['1h', '6h', '24h'])
      .default('6h')
      .describe('Span of the sparklines; default 6h (15-minute buckets).'),
  })
  .meta({
    id: 'HealthSparklinesQuery',
    description: 'The span of the overview sparklines.',
  });

/** Body of `POST /pp/v1/health/alerts/{alert_id}/acknowledge`. @public */
export const ppAlertAcknowledgeSchema = z
  .strictObject({
    note: z
      .string()
      .trim()
      .max(1000, 'must be at most 1000 characters')
      .optional()
      .describe('What you are doing about it (optional).'),
  })
  .meta({
    id: 'AlertAcknowledge',
    description:
      'Acknowledge a firing alert: you are on it. It stays firing until its condition clears.',
  });
/** @public */
export type PpAlertAcknowledge = z.infer<typeof ppAlertAcknowledgeSchema>;

/** One editable rule (`pp_alert_thresholds`). @public */
export const ppAlertThresholdSchema = z
  .object({
    alert_type: z.enum(PP_ALERT_TYPES),
    title: z.string(),
    unit: z
      .enum(['minutes', 'percent', 'items', 'runs'])
      .describe(
        'Unit of threshold_value: minutes without a successful check, percent, pending items, or consecutive failed runs.',
      ),
    threshold_value: z.number(),
    duration_seconds: z
      .number()
      .describe(
        'How long the condition must hold before the alert fires, in seconds.',
      ),
    severity: z.enum(PP_ALERT_SEVERITIES),
    enabled: z.boolean(),
    updated_by: z
      .string()
      .nullable()
      .describe('Who changed it last; null: never changed.'),
    updated_at: timestamp().nullable().describe('null: never changed.'),
  })
  .meta({
    id: 'AlertThreshold',
    description:
      'One editable alert rule: its threshold, duration and severity.',
  });
/** @public */
export type PpAlertThreshold = z.infer<typeof ppAlertThresholdSchema>;

/** Body of `GET /pp/v1/health/alert-thresholds`. @public */
export const ppAlertThresholdListSchema = z
  .object({ items: z.array(ppAlertThresholdSchema) })
  .meta({ id: 'AlertThresholdList', description: 'Every alert rule.' });
/** @public */
export type PpAlertThresholdList = z.infer<typeof ppAlertThresholdListSchema>;

/** Answer of `GET /pp/v1/health/alerts`. @public */
export const ppAlertPageSchema = z
  .object({
    items: z.array(ppAlertSchema),
    total_count: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({
    id: 'AlertPage',
    description: 'One page of alerts, firing first, newest first.',
  });
/** @public */
export type PpAlertPage = z.infer<typeof ppAlertPageSchema>;

/** Answer of `GET /pp/v1/health/silences`. @public */
export const ppSilencePageSchema = z
  .object({
    items: z.array(ppSilenceSchema),
    total_count: z.number().int(),
  })
  .meta({
    id: 'SilencePage',
    description: 'Silences and maintenance windows, soonest start first.',
  });
/** @public */
export type PpSilencePage = z.infer<typeof ppSilencePageSchema>;

// ---------------------------------------------------------------------------------------------
// Requests (the backend validates with these very schemas)
// ---------------------------------------------------------------------------------------------

const percent = z
  .number({ message: 'must be a number' })
  .min(0, 'must be between 0 and 100')
  .max(100, 'must be between 0 and 100');

const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time',
});

/**
 * Body of `PUT /pp/v1/health/alert-thresholds/{alert_type}`; give at least one of
 * threshold_value, duration_seconds, severity, enabled.
 *
 * @public
 */
export const ppAlertThresholdUpdateSchema = z
  .strictObject({
    threshold_value: z
      .number({ message: 'must be a number' })
      .positive('must be greater than 0')
      .max(1_000_000, 'must be at most 1000000')
      .optional(),
    duration_seconds: z
      .number({ message: 'must be a number' })
      .int('must be whole seconds')
      .min(0, 'must be between 0 and 86400')
      .max(86_400, 'must be between 0 and 86400')
      .optional(),
    severity: z.enum(PP_ALERT_SEVERITIES).optional(),
    enabled: z.boolean().optional(),
    reason: z.string().max(1000).optional().describe('Why, for the audit log.'),
  })
  .refine(
    b =>
      b.threshold_value !== undefined ||
      b.duration_seconds !== undefined ||
      b.severity !== undefined ||
      b.enabled !== undefined,
    {
      message:
        'give at least one of threshold_value, duration_seconds, severity, enabled',
    },
  )
  .meta({
    id: 'AlertThresholdUpdate',
    description:
      'Changes an alert rule; give at least one of threshold_value, duration_seconds, severity, enabled.',
  });
/** @public */
export type PpAlertThresholdUpdate = z.infer<
  typeof ppAlertThresholdUpdateSchema
>;

/**
 * Body of `POST /pp/v1/health/heartbeats` (a service principal, for its own service).
 * `error_rate` is a fraction 0..1 (0.05 = 5 %); cpu/memory/disk are percentages 0..100.
 *
 * @public
 */
export const ppHeartbeatSchema = z
  .strictObject({
    service_id: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9._-]{0,99}$/,
        'must be a service id like payment-service',
      )
      .optional()
      .describe(
        'Defaults to the sending service; if given it must be the sending service’s id.',
      ),
    status: z.enum(['up', 'degraded', 'down'], {
      message: 'must be one of up, degraded, down',
    }),
    response_time_ms: z
      .number()
      .min(0, 'must be between 0 and 600000')
      .max(600_000, 'must be between 0 and 600000')
      .optional(),
    error_rate: z
      .number()
      .min(0, 'must be a fraction between 0 and 1')
      .max(1, 'must be a fraction between 0 and 1')
      .optional()
      .describe('Fraction 0..1 (0.05 = 5 %).'),
    cpu_percent: percent.optional(),
    memory_percent: percent.optional(),
    disk_percent: percent.optional(),
    timestamp: isoTime
      .optional()
      .describe(
        'Defaults to the time of receipt; at most 5 minutes in the future, at most 24 hours old.',
      ),
  })
  .meta({
    id: 'Heartbeat',
    description: 'A service reports its own status and figures.',
  });
/** @public */
export type PpHeartbeat = z.infer<typeof ppHeartbeatSchema>;

/** Answer (202) of `POST /pp/v1/health/heartbeats`. @public */
export const ppHeartbeatAcceptedSchema = z
  .object({
    accepted: z.literal(true),
    service_id: z.string(),
    recorded_at: timestamp().describe('The time the heartbeat is recorded at.'),
  })
  .meta({
    id: 'HeartbeatAccepted',
    description: 'The heartbeat was recorded.',
  });
/** @public */
export type PpHeartbeatAccepted = z.infer<typeof ppHeartbeatAcceptedSchema>;

/** Body of `POST /pp/v1/health/silences`; the window's rules are planSilence's. @public */
export const ppSilenceCreateSchema = z
  .strictObject({
    kind: z.enum(PP_SILENCE_KINDS).optional().describe('Default: silence.'),
    service_id: z.string().trim().min(1).max(100).optional(),
    alert_type: z.enum(PP_ALERT_TYPES).optional(),
    starts_at: isoTime.optional().describe('Default: now.'),
    ends_at: isoTime.describe('At most 90 days after starts_at.'),
    reason: z
      .string()
      .trim()
      .min(3, 'say why, in at least 3 characters')
      .max(1000),
  })
  .meta({
    id: 'SilenceCreate',
    description:
      'Creates a silence or maintenance window for a service and/or an alert type.',
  });
/** @public */
export type PpSilenceCreate = z.infer<typeof ppSilenceCreateSchema>;

const intString = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** Fields `GET /pp/v1/health/microservices` can sort by. @public */
export const PP_MICROSERVICE_SORT_FIELDS = [
  'service_id',
  'status',
  'p95_response_ms',
  'error_rate',
  'title',
] as const;

/** Query of `GET /pp/v1/health/microservices`. @public */
export const ppListMicroservicesQuerySchema = z
  .object({
    service_id: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe('One service, e.g. `payment-service`.'),
    status: z
      .enum(PP_SERVICE_STATUSES)
      .optional()
      .describe('Only services in this status (e.g. `down`).'),
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Part of the service id or title, any case.'),
    sort: z
      .enum(PP_MICROSERVICE_SORT_FIELDS)
      .optional()
      .describe('Default: status (down first).'),
    order: z.enum(['asc', 'desc']).optional(),
  })
  .meta({
    id: 'ListMicroservicesQuery',
    description: 'Filters and order of the monitored services.',
  });
/** @public */
export type PpListMicroservicesQuery = z.infer<
  typeof ppListMicroservicesQuerySchema
>;

/** Query of `GET /pp/v1/health/microservices/{service_id}`. @public */
export const ppMicroserviceDetailQuerySchema = z
  .object({
    window: z
      .enum(PP_HEALTH_WINDOWS)
      .default('24h')
      .describe('Span of the time series; default 24h.'),
  })
  .meta({
    id: 'MicroserviceDetailQuery',
    description: 'The time window of a service’s detail.',
  });

/** Query of `GET /pp/v1/health/alerts`. @public */
export const ppListAlertsQuerySchema = z
  .object({
    status: z
      .enum(PP_ALERT_STATUSES)
      .optional()
      .describe('`firing`: open now; `resolved`: over; omitted: both.'),
    service_id: z.string().trim().max(100).optional(),
    severity: z.enum(PP_ALERT_SEVERITIES).optional(),
    alert_type: z.enum(PP_ALERT_TYPES).optional(),
    limit: intString(1, 200).optional(),
    offset: intString(0, 1_000_000).optional(),
  })
  .meta({
    id: 'ListAlertsQuery',
    description: 'Filters and paging of the alerts.',
  });
/** @public */
export type PpListAlertsQuery = z.infer<typeof ppListAlertsQuerySchema>;

/** Query of `GET /pp/v1/health/silences`: those not ended yet (default), or every one. @public */
export const ppListSilencesQuerySchema = z
  .object({
    service_id: z.string().trim().max(100).optional(),
    include_expired: z
      .enum(['true', 'false'])
      .transform(v => v === 'true')
      .optional()
      .describe('`true`: also the silences that have ended.'),
  })
  .meta({
    id: 'ListSilencesQuery',
    description: 'Which silences and maintenance windows to list.',
  });

/** Body of `POST /pp/v1/health/reported-conditions` (another PP plugin's measurement). @public */
export const ppReportedConditionSchema = z
  .strictObject({
    alert_type: z.enum(PP_REPORTED_ALERT_TYPES),
    subject: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .describe(
        'What the figure is about within the reporting plugin, e.g. a knowledge source’s id.',
      ),
    value: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .describe(
        'The figure now, e.g. consecutive failed runs (0 after a successful run clears the alert).',
      ),
    message: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .describe(
        'The sentence the alert shows, e.g. `Google Ads API (marketing) failed 3 runs in a row: …`.',
      ),
  })
  .meta({
    id: 'ReportedCondition',
    description:
      'A rule’s figure as another Platform Portal plugin measures it. The latest report per rule, plugin and subject is the measurement each alert evaluation judges against the rule’s threshold.',
  });
/** @public */
export type PpReportedCondition = z.infer<typeof ppReportedConditionSchema>;

/** Answer (202) of `POST /pp/v1/health/reported-conditions`. @public */
export const ppReportedConditionAcceptedSchema = z
  .object({
    accepted: z.literal(true),
    alert_type: z.enum(PP_REPORTED_ALERT_TYPES),
    service_id: z
      .string()
      .describe(
        'The reporting plugin, e.g. `pp-knowledge`: the alert’s service.',
      ),
    subject: z.string(),
    reported_at: timestamp(),
  })
  .meta({
    id: 'ReportedConditionAccepted',
    description: 'The figure is recorded; the next alert evaluation judges it.',
  });
/** @public */
export type PpReportedConditionAccepted = z.infer<
  typeof ppReportedConditionAcceptedSchema
>;

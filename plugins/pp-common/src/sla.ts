import { z } from 'zod';
import { ppPageSchema } from './types';

/**
 * SLA/OLA management (spec Stage 7, issue #16): the shapes of `POST /pp/v1/sla-definitions`,
 * `GET /pp/v1/agents/{agent_id}/sla-compliance`, `POST /pp/v1/ola-definitions` and their extras
 * (the compliance dashboard, breaches, OLA clocks, maintenance windows, credits and the Customer
 * Portal's read). The rules behind them are `@internal/plugin-pp-sla-backend`'s domain modules.
 */

const timestamp = () => z.iso.datetime();
const isoTime = z.iso.datetime({ offset: true });
const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'lower-case letters, digits, _ and -');

/** The five SLA metrics. @public */
export const PP_SLA_METRICS = [
  'uptime',
  'response_time_p95',
  'error_rate',
  'support_response',
  'critical_resolution',
] as const;
/** @public */
export type PpSlaMetric = (typeof PP_SLA_METRICS)[number];

/** How people read each metric. @public */
export const PP_SLA_METRIC_LABELS: Record<PpSlaMetric, string> = {
  uptime: 'Uptime',
  response_time_p95: 'Response time (p95)',
  error_rate: 'Error rate',
  support_response: 'Support response',
  critical_resolution: 'Critical incident resolution',
};

/** @public */
export const PP_SLA_TYPES = ['standard', 'premium', 'custom'] as const;
/** @public */
export type PpSlaType = (typeof PP_SLA_TYPES)[number];

/** @public */
export const PP_SLA_STATUSES = [
  'compliant',
  'warning',
  'breach',
  'no_data',
] as const;
/** @public */
export type PpSlaStatus = (typeof PP_SLA_STATUSES)[number];

/** The targets of an SLA (spec Stage 7). @public */
export const ppSlaTargetsSchema = z
  .object({
    response_time_p95_ms: z
      .number()
      .positive()
      .max(600_000)
      .describe('p95 response time must stay below this (ms), e.g. 2000.'),
    uptime_percent: z
      .number()
      .min(50)
      .max(100)
      .describe('Uptime must be at least this (%), e.g. 99.9.'),
    error_rate_percent: z
      .number()
      .positive()
      .max(100)
      .describe('Error rate must stay below this (%), e.g. 1.'),
    support_response_hours: z
      .number()
      .positive()
      .max(720)
      .describe('First response to a support ticket within (h), e.g. 4.'),
    critical_resolution_hours: z
      .number()
      .positive()
      .max(720)
      .describe('Resolution of a critical incident within (h), e.g. 4.'),
  })
  .meta({ id: 'SlaTargets', description: 'The targets of an SLA.' });
/** @public */
export type PpSlaTargets = z.infer<typeof ppSlaTargetsSchema>;

/** Body of `POST /pp/v1/sla-definitions`. @public */
export const ppSlaDefinitionCreateSchema = z
  .strictObject({
    agent_id: agentId.describe('The agent (catalog ai-agent name).'),
    service_id: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'The monitored service whose health counts for the agent; default: the agent id.',
      ),
    entity_ref: z
      .string()
      .trim()
      .min(3)
      .max(255)
      .optional()
      .describe(
        'The catalog entity helpdesk tickets name for the agent; default `component:default/<agent_id>`.',
      ),
    type: z.enum(PP_SLA_TYPES),
    targets: ppSlaTargetsSchema
      .partial()
      .optional()
      .describe(
        'custom only: overrides of the standard template, any target. standard and premium take theirs from config.',
      ),
    effective_from: isoTime
      .optional()
      .describe(
        'When this version takes effect; default now. Past compliance is never recomputed against it.',
      ),
    credit_base_amount: z
      .number()
      .min(0)
      .max(100_000_000)
      .optional()
      .describe(
        'The monthly fee a credit is a share of; without it a credit has a percentage only.',
      ),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code, e.g. EUR')
      .optional(),
  })
  .meta({
    id: 'SlaDefinitionCreate',
    description:
      'A new SLA definition version for an agent: a template (standard, premium) or custom targets.',
  });
/** @public */
export type PpSlaDefinitionCreate = z.infer<typeof ppSlaDefinitionCreateSchema>;

/** @public */
export const ppSlaDefinitionSchema = z
  .object({
    id: z.string(),
    agent_id: z.string(),
    service_id: z.string(),
    entity_ref: z.string(),
    type: z.enum(PP_SLA_TYPES),
    version: z.number().int().describe('1 for the agent’s first definition.'),
    targets: ppSlaTargetsSchema,
    effective_from: timestamp(),
    effective_to: timestamp()
      .nullable()
      .describe('When the next version took over; null: in force.'),
    credit_base_amount: z.number().nullable(),
    currency: z.string().nullable(),
    created_by: z.string(),
    created_at: timestamp(),
  })
  .meta({
    id: 'SlaDefinition',
    description:
      'One version of an agent’s SLA. A change is a new version; compliance already computed keeps the version it was computed against.',
  });
/** @public */
export type PpSlaDefinition = z.infer<typeof ppSlaDefinitionSchema>;

/** @public */
export const ppSlaDefinitionPageSchema = ppPageSchema(
  ppSlaDefinitionSchema,
).meta({ id: 'SlaDefinitionPage', description: 'SLA definitions, paged.' });

/** One metric of an agent's compliance. @public */
export const ppSlaMetricComplianceSchema = z
  .object({
    metric: z.enum(PP_SLA_METRICS),
    label: z.string(),
    target: z.number(),
    unit: z.enum(['ms', 'percent', 'hours']),
    value: z
      .number()
      .nullable()
      .describe(
        'Over the window: uptime %, the worst daily p95, the check-weighted error rate %, the slowest first response and critical resolution (h). null without data.',
      ),
    met: z.boolean().nullable(),
    near_target: z
      .boolean()
      .describe('Met, but within 10 % of the target (see the README).'),
    compliance_percent: z
      .number()
      .nullable()
      .describe(
        'Share of the window’s days with data on which the target was met.',
      ),
  })
  .meta({
    id: 'SlaMetricCompliance',
    description: 'One SLA metric over the window.',
  });
/** @public */
export type PpSlaMetricCompliance = z.infer<typeof ppSlaMetricComplianceSchema>;

/** One day of an agent's compliance, as the daily job stored it. @public */
export const ppSlaDaySchema = z
  .object({
    day: z.string().describe('UTC day, YYYY-MM-DD.'),
    status: z.enum(PP_SLA_STATUSES),
    uptime_percent: z.number().nullable(),
    maintenance_minutes: z.number(),
    down_minutes: z.number(),
    p95_response_ms: z.number().nullable(),
    error_rate_percent: z.number().nullable(),
    definition_version: z.number().int(),
  })
  .meta({ id: 'SlaDay', description: 'One day of an agent’s SLA compliance.' });
/** @public */
export type PpSlaDay = z.infer<typeof ppSlaDaySchema>;

/** @public */
export const PP_SLA_BREACH_SEVERITIES = ['minor', 'major', 'critical'] as const;

/** A breach of an SLA target or an OLA commitment. @public */
export const ppSlaBreachSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['sla', 'ola']),
    agent_id: z.string().nullable(),
    ola_id: z.string().nullable(),
    metric: z
      .string()
      .describe('An SLA metric, or `ola` for an OLA commitment.'),
    title: z.string().describe('What was breached, in words.'),
    target: z.number().nullable(),
    value: z.number().nullable().describe('The worst value while breached.'),
    started_at: timestamp(),
    ended_at: timestamp().nullable().describe('null: still breached.'),
    duration_minutes: z.number().nullable(),
    severity: z.enum(PP_SLA_BREACH_SEVERITIES),
    root_cause: z.string().nullable(),
    ticket_id: z
      .string()
      .nullable()
      .describe('The ticket about it, e.g. TKT-000123.'),
    alerted: z.enum(['pagerduty', 'portal', 'silenced', 'none']),
  })
  .meta({
    id: 'SlaBreach',
    description:
      'A breach: its metric, start, end, duration, severity and root cause.',
  });
/** @public */
export type PpSlaBreach = z.infer<typeof ppSlaBreachSchema>;

/** @public */
export const ppSlaBreachPageSchema = ppPageSchema(ppSlaBreachSchema).meta({
  id: 'SlaBreachPage',
  description: 'Breaches, newest first.',
});

/** Body of `PUT /pp/v1/sla/breaches/{breach_id}`. @public */
export const ppSlaBreachUpdateSchema = z
  .strictObject({
    root_cause: z.string().trim().min(3).max(4000).nullable().optional(),
    ticket_id: z
      .string()
      .trim()
      .max(64)
      .regex(/^[A-Za-z0-9-]+$/, 'a ticket key such as TKT-000123')
      .nullable()
      .optional(),
  })
  .meta({
    id: 'SlaBreachUpdate',
    description: 'The root cause of a breach and the ticket about it.',
  });

/** A maintenance window: time inside it is left out of SLA compliance. @public */
export const ppSlaMaintenanceWindowSchema = z
  .object({
    id: z.string(),
    service_id: z.string().nullable(),
    agent_id: z.string().nullable(),
    starts_at: timestamp(),
    ends_at: timestamp(),
    reason: z.string(),
    created_by: z.string(),
    created_at: timestamp(),
    health_silence_id: z
      .string()
      .nullable()
      .describe(
        'The health plugin’s maintenance silence that mutes its alerts; null if it could not be created.',
      ),
  })
  .meta({
    id: 'SlaMaintenanceWindow',
    description:
      'Scheduled maintenance of a service or agent: excluded from SLA compliance, alerts silenced.',
  });
/** @public */
export type PpSlaMaintenanceWindow = z.infer<
  typeof ppSlaMaintenanceWindowSchema
>;

/** @public */
export const ppSlaMaintenanceWindowCreateSchema = z
  .strictObject({
    service_id: z.string().trim().min(1).max(100).optional(),
    agent_id: agentId.optional(),
    starts_at: isoTime,
    ends_at: isoTime.describe('At most 7 days after starts_at.'),
    reason: z.string().trim().min(3).max(1000),
  })
  .meta({
    id: 'SlaMaintenanceWindowCreate',
    description:
      'Schedules a maintenance window for a service or an agent (one of the two).',
  });

/** @public */
export const ppSlaMaintenanceWindowPageSchema = ppPageSchema(
  ppSlaMaintenanceWindowSchema,
).meta({ id: 'SlaMaintenanceWindowPage', description: 'Maintenance windows.' });

/** An agent's SLA compliance (`GET /pp/v1/agents/{agent_id}/sla-compliance`). @public */
export const ppSlaComplianceSchema = z
  .object({
    agent_id: z.string(),
    definition: ppSlaDefinitionSchema,
    window_days: z.number().int(),
    from: z.string().describe('First UTC day of the window.'),
    to: z.string().describe('Last UTC day of the window.'),
    status: z.enum(PP_SLA_STATUSES),
    status_reason: z.string().describe('Why, in a sentence.'),
    overall_compliance_percent: z
      .number()
      .nullable()
      .describe(
        'Share of the window’s days with data on which every target was met.',
      ),
    metrics: z.array(ppSlaMetricComplianceSchema),
    days: z.array(ppSlaDaySchema),
    open_breaches: z.array(ppSlaBreachSchema),
    recent_breaches: z.array(ppSlaBreachSchema),
    maintenance_windows: z.array(ppSlaMaintenanceWindowSchema),
    computed_at: timestamp()
      .nullable()
      .describe(
        'When the daily job last computed this agent; null: never yet.',
      ),
  })
  .meta({
    id: 'SlaCompliance',
    description:
      'An agent’s 30-day rolling SLA compliance per metric and overall, its daily rows and breaches.',
  });
/** @public */
export type PpSlaCompliance = z.infer<typeof ppSlaComplianceSchema>;

/** One day of an agent's trend on the compliance dashboard (a sparkline point). @public */
export const ppSlaTrendDaySchema = z
  .object({
    day: z.string().describe('UTC day, YYYY-MM-DD.'),
    status: z
      .enum(PP_SLA_STATUSES)
      .describe('The day against the targets of its definition version.'),
    uptime_percent: z
      .number()
      .nullable()
      .describe(
        'Uptime of the day (%), maintenance left out; null without health data.',
      ),
    p95_response_ms: z
      .number()
      .nullable()
      .describe('p95 response time of the day (ms); null without data.'),
    error_rate_percent: z
      .number()
      .nullable()
      .describe('Error rate of the day (%); null without data.'),
  })
  .meta({
    id: 'SlaTrendDay',
    description:
      'One stored day of an agent’s SLA figures, for the dashboard’s sparklines.',
  });
/** @public */
export type PpSlaTrendDay = z.infer<typeof ppSlaTrendDaySchema>;

/** @public */
export const ppSlaComplianceListItemSchema = z
  .object({
    agent_id: z.string(),
    type: z.enum(PP_SLA_TYPES),
    status: z.enum(PP_SLA_STATUSES),
    overall_compliance_percent: z.number().nullable(),
    uptime_percent: z.number().nullable(),
    open_breaches: z.number().int(),
    computed_at: timestamp().nullable(),
    trend: z
      .array(ppSlaTrendDaySchema)
      .describe(
        'The days of the 30-day window (the last 30 complete UTC days and today) the daily job stored, oldest first; a day it has not computed is missing, not zero.',
      ),
  })
  .meta({
    id: 'SlaComplianceListItem',
    description: 'One agent on the compliance dashboard.',
  });
/** @public */
export type PpSlaComplianceListItem = z.infer<
  typeof ppSlaComplianceListItemSchema
>;

/** @public */
export const ppSlaComplianceListSchema = ppPageSchema(
  ppSlaComplianceListItemSchema,
).meta({
  id: 'SlaComplianceList',
  description:
    'The compliance dashboard: agents with an SLA, filtered, sorted and paged.',
});

/** @public */
export const PP_SLA_COMPLIANCE_SORTS = [
  'agent_id',
  'status',
  'overall_compliance_percent',
  'uptime_percent',
] as const;

/** Query of `GET /pp/v1/sla/compliance`. @public */
export const ppSlaComplianceQuerySchema = z
  .object({
    status: z.enum(PP_SLA_STATUSES).optional(),
    type: z.enum(PP_SLA_TYPES).optional(),
    q: z.string().trim().max(100).optional().describe('Part of the agent id.'),
    sort: z.enum(PP_SLA_COMPLIANCE_SORTS).default('status'),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  })
  .meta({
    id: 'SlaComplianceQuery',
    description: 'Filters, sorting and paging of the dashboard.',
  });

/** @public */
export const PP_OLA_EVENTS = [
  'handoff_submitted',
  'handoff_accepted',
  'ticket_created',
  'ticket_first_response',
] as const;
/** @public */
export type PpOlaEvent = (typeof PP_OLA_EVENTS)[number];

/** Body of `POST /pp/v1/ola-definitions`. @public */
export const ppOlaDefinitionCreateSchema = z
  .strictObject({
    name: z.string().trim().min(3).max(200),
    provider_team: z.string().trim().min(2).max(100),
    consumer_team: z.string().trim().min(2).max(100),
    commitment_minutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90)
      .describe(
        'e.g. 1440 (acknowledgement within 24 h), 15 (on-call response).',
      ),
    start_event: z.enum(PP_OLA_EVENTS),
    stop_event: z.enum(PP_OLA_EVENTS),
    ticket_priority: z
      .enum(['critical', 'high', 'medium', 'low'])
      .optional()
      .describe(
        'Ticket clocks only: the priority it covers; default every priority.',
      ),
    escalation_path: z
      .array(z.string().trim().min(2).max(200))
      .max(10)
      .default([]),
  })
  .meta({
    id: 'OlaDefinitionCreate',
    description:
      'An operational level agreement between two teams: the commitment and the events that start and stop its clock.',
  });
/** @public */
export type PpOlaDefinitionCreate = z.infer<typeof ppOlaDefinitionCreateSchema>;

/** @public */
export const ppOlaDefinitionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    provider_team: z.string(),
    consumer_team: z.string(),
    commitment_minutes: z.number().int(),
    start_event: z.enum(PP_OLA_EVENTS),
    stop_event: z.enum(PP_OLA_EVENTS),
    ticket_priority: z.string().nullable(),
    escalation_path: z.array(z.string()),
    created_by: z.string(),
    created_at: timestamp(),
  })
  .meta({
    id: 'OlaDefinition',
    description: 'An operational level agreement.',
  });
/** @public */
export type PpOlaDefinition = z.infer<typeof ppOlaDefinitionSchema>;

/** @public */
export const ppOlaDefinitionPageSchema = ppPageSchema(
  ppOlaDefinitionSchema,
).meta({ id: 'OlaDefinitionPage', description: 'OLA definitions.' });

/** @public */
export const PP_OLA_CLOCK_STATES = [
  'running',
  'met',
  'breached',
  'met_late',
] as const;

/** One OLA clock: a handoff or ticket timed against an OLA. @public */
export const ppOlaClockSchema = z
  .object({
    id: z.string(),
    ola_id: z.string(),
    ola_name: z.string(),
    subject: z.string().describe('e.g. `handoff:<id>` or `ticket:TKT-000123`.'),
    subject_title: z.string(),
    started_at: timestamp(),
    stopped_at: timestamp().nullable(),
    deadline: timestamp(),
    state: z.enum(PP_OLA_CLOCK_STATES),
    elapsed_minutes: z.number(),
  })
  .meta({ id: 'OlaClock', description: 'An OLA clock and where it stands.' });
/** @public */
export type PpOlaClock = z.infer<typeof ppOlaClockSchema>;

/** @public */
export const ppOlaClockPageSchema = ppPageSchema(ppOlaClockSchema).meta({
  id: 'OlaClockPage',
  description: 'OLA clocks, nearest deadline first.',
});

/** A month-end SLA credit. @public */
export const ppSlaCreditSchema = z
  .object({
    id: z.string(),
    agent_id: z.string(),
    month: z.string().describe('YYYY-MM.'),
    definition_id: z.string(),
    uptime_percent: z.number(),
    credit_percent: z.number(),
    amount: z
      .number()
      .nullable()
      .describe(
        'credit_percent of the definition’s credit base; null without one.',
      ),
    currency: z.string().nullable(),
    created_at: timestamp(),
  })
  .meta({
    id: 'SlaCredit',
    description:
      'A credit owed for a month whose uptime fell below the SLA (credit table from config).',
  });
/** @public */
export type PpSlaCredit = z.infer<typeof ppSlaCreditSchema>;

/** @public */
export const ppSlaCreditPageSchema = ppPageSchema(ppSlaCreditSchema).meta({
  id: 'SlaCreditPage',
  description: 'SLA credits, newest month first.',
});

/** `GET /pp/v1/subscriptions/{subscription_id}/sla`: what a customer may see. @public */
export const ppCustomerSlaSchema = z
  .object({
    subscription_id: z.string(),
    agent_id: z.string(),
    type: z.enum(PP_SLA_TYPES),
    targets: ppSlaTargetsSchema,
    window_days: z.number().int(),
    status: z.enum(PP_SLA_STATUSES),
    overall_compliance_percent: z.number().nullable(),
    metrics: z.array(
      z.object({
        metric: z.enum(PP_SLA_METRICS),
        label: z.string(),
        target: z.number(),
        value: z.number().nullable(),
        compliance_percent: z.number().nullable(),
      }),
    ),
    breaches: z.array(
      z.object({
        metric: z.enum(PP_SLA_METRICS),
        title: z.string(),
        started_at: timestamp(),
        ended_at: timestamp().nullable(),
        duration_minutes: z.number().nullable(),
        severity: z.enum(PP_SLA_BREACH_SEVERITIES),
      }),
    ),
  })
  .meta({
    id: 'CustomerSla',
    description:
      'A subscription’s agent SLA as its customer sees it: targets, 30-day compliance and breaches (no internal notes, no OLA data).',
  });
/** @public */
export type PpCustomerSla = z.infer<typeof ppCustomerSlaSchema>;

/**
 * An agent id in words (`outage-agent` → `Outage agent`): how an agent is named where its catalog
 * title is not known. @public
 */
export function ppAgentNameFromId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

import { z } from 'zod';

/*
 * Operational readiness parameters of an agent (spec Stage 6, issue #15). The platform-managed
 * ones (rate limits, quotas, monitoring) are configuration defaults that an orchestrator may
 * override per agent with a reason; the customer-configurable ones (working hours, approval
 * threshold, data freshness, error tolerance, budget limit) are each customer's, kept in the
 * Customer Portal per subscription and read through the subscriptions plugin.
 */

/** One platform parameter: where it sits, its unit and the bounds an override must keep. @public */
export interface PpReadinessParameter {
  group: 'rate_limits' | 'quotas' | 'monitoring';
  key: string;
  /** what it is, for people */
  title: string;
  /** the unit in a sentence: `${value} ${unit}` */
  unit: string;
  min: number;
  max: number;
  integer: boolean;
}

/** The platform-managed parameters, in the order people read them. @public */
export const PP_READINESS_PARAMETERS = [
  {
    group: 'rate_limits',
    key: 'api_calls_per_minute',
    title: 'API rate limit',
    unit: 'API calls per minute',
    min: 1,
    max: 100_000,
    integer: true,
  },
  {
    group: 'rate_limits',
    key: 'llm_tokens_per_hour',
    title: 'LLM token budget',
    unit: 'LLM tokens per hour',
    min: 1_000,
    max: 100_000_000,
    integer: true,
  },
  {
    group: 'quotas',
    key: 'concurrent_executions',
    title: 'Concurrent executions',
    unit: 'executions at a time',
    min: 1,
    max: 100,
    integer: true,
  },
  {
    group: 'quotas',
    key: 'memory_gb',
    title: 'Memory',
    unit: 'GB of RAM',
    min: 0.25,
    max: 64,
    integer: false,
  },
  {
    group: 'quotas',
    key: 'cpu',
    title: 'CPU',
    unit: 'CPUs',
    min: 0.25,
    max: 32,
    integer: false,
  },
  {
    group: 'monitoring',
    key: 'check_interval_seconds',
    title: 'Health check interval',
    unit: 'seconds between health checks',
    min: 5,
    max: 3_600,
    integer: true,
  },
  {
    group: 'monitoring',
    key: 'log_retention_days',
    title: 'Log retention',
    unit: 'days of logs kept',
    min: 1,
    max: 3_650,
    integer: true,
  },
  {
    group: 'monitoring',
    key: 'metric_retention_days',
    title: 'Metric retention',
    unit: 'days of metrics kept',
    min: 1,
    max: 730,
    integer: true,
  },
] as const satisfies readonly PpReadinessParameter[];

/** `group.key`, e.g. `rate_limits.api_calls_per_minute`. @public */
export type PpReadinessParameterPath =
  `${(typeof PP_READINESS_PARAMETERS)[number]['group']}.${(typeof PP_READINESS_PARAMETERS)[number]['key']}`;

/** @public */
export const ppReadinessParameterPath = (p: PpReadinessParameter) =>
  `${p.group}.${p.key}` as PpReadinessParameterPath;

function bounded(p: PpReadinessParameter) {
  const n = p.integer ? z.number().int() : z.number();
  return n
    .min(p.min, `${p.title}: at least ${p.min}`)
    .max(p.max, `${p.title}: at most ${p.max}`)
    .describe(`${p.title}, in ${p.unit} (${p.min}–${p.max}).`);
}

const param = (key: string) =>
  PP_READINESS_PARAMETERS.find(p => p.key === key)!;

/**
 * The platform values of an agent, as its deployment manifest (`deploy/manifest.yaml`) carries
 * them. @public
 */
export const ppPlatformReadinessSchema = z
  .object({
    rate_limits: z.object({
      api_calls_per_minute: bounded(param('api_calls_per_minute')),
      llm_tokens_per_hour: bounded(param('llm_tokens_per_hour')),
    }),
    quotas: z.object({
      concurrent_executions: bounded(param('concurrent_executions')),
      memory_gb: bounded(param('memory_gb')),
      cpu: bounded(param('cpu')),
    }),
    monitoring: z.object({
      check_interval_seconds: bounded(param('check_interval_seconds')),
      log_retention_days: bounded(param('log_retention_days')),
      metric_retention_days: bounded(param('metric_retention_days')),
    }),
  })
  .meta({
    id: 'PlatformReadiness',
    description:
      'The platform-managed operational parameters of an agent: rate limits, quotas, monitoring.',
  });
/** @public */
export type PpPlatformReadiness = z.infer<typeof ppPlatformReadinessSchema>;

const overrideValue = (key: string) => bounded(param(key)).nullable();

/** `PUT /pp/v1/agents/{agent_id}/readiness`. @public */
export const ppReadinessOverrideRequestSchema = z
  .object({
    overrides: z
      .object({
        rate_limits: z
          .object({
            api_calls_per_minute: overrideValue('api_calls_per_minute'),
            llm_tokens_per_hour: overrideValue('llm_tokens_per_hour'),
          })
          .partial()
          .strict()
          .optional(),
        quotas: z
          .object({
            concurrent_executions: overrideValue('concurrent_executions'),
            memory_gb: overrideValue('memory_gb'),
            cpu: overrideValue('cpu'),
          })
          .partial()
          .strict()
          .optional(),
        monitoring: z
          .object({
            check_interval_seconds: overrideValue('check_interval_seconds'),
            log_retention_days: overrideValue('log_retention_days'),
            metric_retention_days: overrideValue('metric_retention_days'),
          })
          .partial()
          .strict()
          .optional(),
      })
      .strict()
      .describe(
        'The parameters to change: a number overrides the configuration default for this agent, `null` goes back to the default; parameters left out keep their current value.',
      ),
    reason: z
      .string()
      .trim()
      .min(10, 'a reason of at least 10 characters')
      .max(2000)
      .describe('Why this agent needs other values (required, audited).'),
  })
  .meta({
    id: 'ReadinessOverrideRequest',
    description:
      'Override platform readiness parameters of one agent, with a reason. Values must stay within each parameter’s bounds.',
  });
/** @public */
export type PpReadinessOverrideRequest = z.input<
  typeof ppReadinessOverrideRequestSchema
>;

const instant = z.string().describe('ISO 8601 date-time (UTC).');

/** Who overrode a parameter, when and why. @public */
export const ppReadinessOverrideSourceSchema = z.object({
  version: z.number().int().describe('The override version that set it.'),
  by: z.string().describe('The principal ref of who set it.'),
  by_name: z.string().nullable().describe('Their name, when known.'),
  at: instant,
  reason: z.string(),
});

/** @public */
export const ppReadinessValueSchema = z.object({
  group: z.enum(['rate_limits', 'quotas', 'monitoring']),
  key: z.string(),
  title: z.string(),
  unit: z.string(),
  value: z.number(),
  default: z.number().describe('The configuration default.'),
  min: z.number(),
  max: z.number(),
  integer: z.boolean(),
  source: z
    .enum(['config_default', 'override'])
    .describe(
      '`config_default`: the platform configuration; `override`: set for this agent (see `override`).',
    ),
  override: ppReadinessOverrideSourceSchema.optional(),
});
/** @public */
export type PpReadinessValue = z.infer<typeof ppReadinessValueSchema>;

/** The days of the week, Monday first. @public */
export const PP_WEEKDAYS = [
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
] as const;

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM');
const money = z.object({
  amount: z.number().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code'),
});

/** One customer's settings for an agent, per subscription, as the Customer Portal keeps them. @public */
export const ppCustomerReadinessSettingsSchema = z
  .object({
    subscription_id: z.string(),
    customer_name: z.string(),
    working_hours: z
      .object({
        days: z.array(z.enum(PP_WEEKDAYS)).min(1),
        start: hhmm,
        end: hhmm,
        timezone: z.string().min(1).describe('An IANA time zone.'),
      })
      .nullable()
      .describe('When the agent may run for this customer; null: any time.'),
    approval_threshold: money
      .nullable()
      .describe(
        'Actions above this amount wait for the customer’s approval; null: none.',
      ),
    data_freshness_hours: z
      .number()
      .min(0)
      .nullable()
      .describe('The oldest data the agent may act on, in hours; null: any.'),
    error_tolerance_percent: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .describe(
        'The share of failed runs the customer tolerates before the agent pauses; null: not set.',
      ),
    budget_limit: money
      .extend({ period: z.enum(['day', 'month']) })
      .nullable()
      .describe('The most the agent may spend per period; null: no limit.'),
    updated_at: instant.nullable(),
  })
  .meta({
    id: 'CustomerReadinessSettings',
    description:
      'The customer-configurable operational parameters of one subscription to an agent (Customer Portal).',
  });
/** @public */
export type PpCustomerReadinessSettings = z.infer<
  typeof ppCustomerReadinessSettingsSchema
>;

/** `GET /pp/v1/subscriptions/agents/{agent_id}/customer-settings`. @public */
export const ppAgentCustomerSettingsSchema = z
  .object({
    agent_id: z.string(),
    source: z
      .enum(['customer_portal', 'demo_customer_portal'])
      .describe(
        'Where the settings come from: the Customer Portal’s API, or the demo Customer Portal of the embedded default.',
      ),
    subscriptions: z.array(ppCustomerReadinessSettingsSchema),
  })
  .meta({
    id: 'AgentCustomerSettings',
    description:
      'Every active subscription’s customer-configurable parameters for an agent, from the Customer Portal.',
  });
/** @public */
export type PpAgentCustomerSettings = z.infer<
  typeof ppAgentCustomerSettingsSchema
>;

/** `GET /pp/v1/agents/{agent_id}/readiness`. @public */
export const ppAgentReadinessSchema = z
  .object({
    agent_id: z.string(),
    platform: ppPlatformReadinessSchema.describe(
      'The effective values, as the deployment manifest carries them.',
    ),
    parameters: z
      .array(ppReadinessValueSchema)
      .describe('Each platform parameter with its unit and source.'),
    version: z
      .number()
      .int()
      .describe('The latest override version; 0: never overridden.'),
    history: z
      .array(
        ppReadinessOverrideSourceSchema.extend({
          changes: z.array(
            z.object({
              path: z.string(),
              value: z
                .number()
                .nullable()
                .describe('null: back to the configuration default.'),
            }),
          ),
        }),
      )
      .describe('Every override, newest first.'),
    customer: z
      .object({
        status: z
          .enum(['available', 'unavailable'])
          .describe(
            '`unavailable`: the Customer Portal could not be read (see `message`).',
          ),
        source: z.enum(['customer_portal', 'demo_customer_portal']).nullable(),
        message: z.string().nullable(),
        subscriptions: z.array(ppCustomerReadinessSettingsSchema),
      })
      .describe(
        'The customer-configurable parameters, one set per subscription, from the Customer Portal.',
      ),
  })
  .meta({
    id: 'AgentReadiness',
    description:
      'An agent’s operational readiness parameters: the platform-managed ones with their source (configuration default or an override: who, when, why) and the customers’ own from the Customer Portal.',
  });
/** @public */
export type PpAgentReadiness = z.infer<typeof ppAgentReadinessSchema>;

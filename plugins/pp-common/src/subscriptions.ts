import { z } from 'zod';

/**
 * Subscriptions (spec Stage 5): the shapes of `/pp/v1/subscriptions`. Subscriptions, agents and
 * agent runs are the Customer Portal's (CP); PP reads them through a read-only connector and adds
 * a daily health score. Customer core data (industry_data, strategic_plans) is never part of any
 * shape here.
 */

/** @public */
export const PP_SUBSCRIPTION_STATUSES = [
  'active',
  'trial',
  'paused',
  'churned',
  'canceled',
] as const;
/** @public */
export type PpSubscriptionStatus = (typeof PP_SUBSCRIPTION_STATUSES)[number];

/** @public */
export const PP_SUBSCRIPTION_BANDS = ['green', 'amber', 'red'] as const;
/** @public */
export type PpSubscriptionBand = (typeof PP_SUBSCRIPTION_BANDS)[number];

/** @public */
export const PP_AGENT_RUN_STATUSES = [
  'succeeded',
  'failed',
  'running',
  'canceled',
] as const;

/** @public */
export const PP_SUBSCRIPTION_SORTS = [
  'score',
  '-score',
  'errors',
  '-errors',
  'customer',
  '-customer',
] as const;

const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v =>
      (Array.isArray(v) ? v : [v])
        .flatMap(s => s.split(','))
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)))
    .optional();

/** No NUL characters: PostgreSQL text cannot hold them (it would be a 500, not a 400). */
const noNul = (v: string) => !v.includes('\u0000');
const text = (max: number) =>
  z.string().min(1).max(max).refine(noNul, 'must not contain NUL characters');

/** @public */
export const ppSubscriptionScoreSchema = z
  .object({
    day: z
      .string()
      .describe('The day the score was computed for (UTC, YYYY-MM-DD).'),
    score: z.number().describe('0–100, one decimal.'),
    band: z.enum(PP_SUBSCRIPTION_BANDS),
    success_rate: z
      .number()
      .describe('Succeeded runs / runs, last 30 days (0–1).'),
    error_rate: z.number().describe('Failed runs / runs, last 30 days (0–1).'),
    activity_score: z
      .number()
      .describe(
        'min(1, runs per day over the last 30 days / expected runs per day).',
      ),
    expected_runs_per_day: z.number(),
    runs_total: z.number().int(),
    runs_succeeded: z.number().int(),
    runs_failed: z.number().int(),
  })
  .meta({
    id: 'SubscriptionScore',
    description:
      'A daily health score with its three inputs and the run counts it came from (30-day window ending that day).',
  });
/** @public */
export type PpSubscriptionScore = z.infer<typeof ppSubscriptionScoreSchema>;

/** @public */
export const ppSubscriptionListItemSchema = z
  .object({
    id: z.string(),
    customer_id: z.string(),
    customer_name: z.string(),
    agent_id: z.string(),
    agent_name: z.string().nullable(),
    industry: z.string().nullable(),
    plan: z.string().nullable(),
    status: z.enum(PP_SUBSCRIPTION_STATUSES),
    score: z
      .number()
      .nullable()
      .describe('The latest health score; null before the first score job.'),
    band: z.enum(PP_SUBSCRIPTION_BANDS).nullable(),
    runs_failed_30d: z
      .number()
      .int()
      .describe('Failed runs in the latest score’s 30-day window.'),
    scored_day: z.string().nullable(),
  })
  .meta({
    id: 'SubscriptionListItem',
    description:
      'One subscription as the list shows it, as of the latest score job run.',
  });
/** @public */
export type PpSubscriptionListItem = z.infer<
  typeof ppSubscriptionListItemSchema
>;

/** @public */
export const ppSubscriptionQuerySchema = z
  .object({
    status: multi(PP_SUBSCRIPTION_STATUSES).describe(
      'e.g. `churned`; repeat or separate with commas.',
    ),
    band: multi(PP_SUBSCRIPTION_BANDS).describe(
      'green (80+), amber (60–79), red (< 60).',
    ),
    score_lt: z.coerce
      .number()
      .min(0)
      .max(1000)
      .optional()
      .describe('Latest score below this (e.g. 60).'),
    errors_gt: z.coerce
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe(
        'More than this many failed runs in the last 30 days (e.g. 5).',
      ),
    customer: text(200)
      .optional()
      .describe('A customer id, or the start of a customer name.'),
    agent: text(200).optional().describe('An agent id.'),
    industry: text(100).optional(),
    sort: z
      .enum(PP_SUBSCRIPTION_SORTS)
      .optional()
      .describe('Default `score` (worst first); `-` for descending.'),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    cursor: z
      .string()
      .max(500)
      .optional()
      .describe('`next_cursor` of the previous page.'),
  })
  .meta({
    id: 'SubscriptionQuery',
    description: 'Filters, sort and paging of the subscription list.',
  });
/** @public */
export type PpSubscriptionQuery = z.infer<typeof ppSubscriptionQuerySchema>;

/** @public */
export const ppSubscriptionPageSchema = z
  .object({
    items: z.array(ppSubscriptionListItemSchema),
    band_counts: z
      .object({
        green: z.number().int(),
        amber: z.number().int(),
        red: z.number().int(),
        unscored: z.number().int(),
      })
      .describe('Subscriptions per band under every filter but `band`.'),
    limit: z.number().int(),
    next_cursor: z
      .string()
      .nullable()
      .describe(
        'Pass as `cursor` to get the next page; null on the last page.',
      ),
  })
  .meta({
    id: 'SubscriptionPage',
    description: 'A page of subscriptions with the counts per band.',
  });
/** @public */
export type PpSubscriptionPage = z.infer<typeof ppSubscriptionPageSchema>;

/** @public */
export const ppSubscriptionRunDaySchema = z
  .object({
    day: z.string(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    other: z.number().int().describe('Running or canceled.'),
  })
  .meta({
    id: 'SubscriptionRunDay',
    description: 'Agent runs of one subscription on one day (UTC).',
  });

/** @public */
export const ppSubscriptionRecentErrorSchema = z
  .object({
    run_id: z.string(),
    created_at: z.string(),
    error_message: z.string().nullable(),
  })
  .meta({
    id: 'SubscriptionRecentError',
    description: 'A failed agent run, newest first.',
  });

/** @public */
export const ppSubscriptionDetailSchema = z
  .object({
    id: z.string(),
    customer_id: z.string(),
    customer_name: z.string(),
    agent_id: z.string(),
    agent_name: z.string().nullable(),
    industry: z.string().nullable(),
    plan: z.string().nullable(),
    status: z.enum(PP_SUBSCRIPTION_STATUSES),
    started_at: z.string().nullable(),
    canceled_at: z.string().nullable(),
    expected_runs_per_day: z.number(),
    score: ppSubscriptionScoreSchema
      .nullable()
      .describe('The latest score; null before the first score job.'),
    score_history: z
      .array(ppSubscriptionScoreSchema)
      .describe('Daily scores of the last 90 days, oldest first.'),
    runs_per_day: z
      .array(ppSubscriptionRunDaySchema)
      .describe('The last 30 days, oldest first, one entry per day.'),
    recent_errors: z.array(ppSubscriptionRecentErrorSchema).max(20),
  })
  .meta({
    id: 'SubscriptionDetail',
    description:
      'One subscription: its latest score with the inputs, score history, runs per day and recent errors.',
  });
/** @public */
export type PpSubscriptionDetail = z.infer<typeof ppSubscriptionDetailSchema>;

/** @public */
export const ppAgentRunQuerySchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(5)
      .max(500)
      .refine(noNul, 'must not contain NUL characters')
      .describe(
        'Why you read these runs (required; written to the audit log with who and which subscription).',
      ),
    status: multi(PP_AGENT_RUN_STATUSES),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    cursor: z.string().max(500).optional(),
  })
  .meta({
    id: 'AgentRunQuery',
    description:
      'Forensic read of a subscription’s agent runs: reason, filters, paging.',
  });
/** @public */
export type PpAgentRunQuery = z.infer<typeof ppAgentRunQuerySchema>;

/** @public */
export const ppAgentRunSchema = z
  .object({
    id: z.string(),
    agent_id: z.string(),
    status: z.string(),
    inputs: z.unknown().describe('What the agent was given (JSON).'),
    outputs: z.unknown().describe('What the agent produced (JSON).'),
    actions: z.unknown().describe('The actions the agent performed (JSON).'),
    error_message: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({
    id: 'AgentRun',
    description:
      'One agent run, allow-listed fields only: never customer core data (industry_data, strategic_plans) or any other CP column.',
  });
/** @public */
export type PpAgentRun = z.infer<typeof ppAgentRunSchema>;

/** @public */
export const ppAgentRunPageSchema = z
  .object({
    items: z.array(ppAgentRunSchema),
    limit: z.number().int(),
    next_cursor: z.string().nullable(),
  })
  .meta({
    id: 'AgentRunPage',
    description: 'A page of agent runs, newest first (forensic, audited).',
  });
/** @public */
export type PpAgentRunPage = z.infer<typeof ppAgentRunPageSchema>;

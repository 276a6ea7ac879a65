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

// --- Exports of agent runs (POST /subscriptions/{id}/export-runs, then the export's status)

/** @public */
export const PP_RUN_EXPORT_FORMATS = ['csv', 'pdf'] as const;
/** @public */
export const PP_RUN_EXPORT_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'expired',
] as const;

/** @public */
export const ppRunExportRequestSchema = z
  .object({
    format: z
      .enum(PP_RUN_EXPORT_FORMATS)
      .describe(
        '`csv` (every allow-listed field, one run a row) or `pdf` (a report: summary, score chart, runs table).',
      ),
    reason: z
      .string()
      .trim()
      .min(5)
      .max(500)
      .refine(noNul, 'must not contain NUL characters')
      .describe(
        'Why you export these runs (required; written to the audit log with who and which subscription).',
      ),
    status: z.array(z.enum(PP_AGENT_RUN_STATUSES)).max(4).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({
    id: 'RunExportRequest',
    description:
      'What to export: the format, why, and optional run filters (status, created from/to).',
  });
/** @public */
export type PpRunExportRequest = z.infer<typeof ppRunExportRequestSchema>;

/** @public */
export const ppRunExportSchema = z
  .object({
    id: z.string(),
    subscription_id: z.string(),
    format: z.enum(PP_RUN_EXPORT_FORMATS),
    status: z
      .enum(PP_RUN_EXPORT_STATUSES)
      .describe(
        'queued → running → succeeded | failed; a succeeded export becomes expired after its expiry.',
      ),
    progress: z
      .number()
      .min(0)
      .max(1)
      .describe('Rows written / rows to write (0–1).'),
    rows_total: z
      .number()
      .int()
      .nullable()
      .describe('Runs matching the filters; null until counted.'),
    rows_written: z.number().int(),
    size_bytes: z.number().int().nullable(),
    download_url: z
      .string()
      .nullable()
      .describe(
        'Where to GET the file (with your token) once succeeded; null otherwise.',
      ),
    error: z
      .string()
      .nullable()
      .describe('Why the export failed, in a sentence.'),
    requested_by: z.string(),
    requested_by_name: z.string().nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
    expires_at: z
      .string()
      .nullable()
      .describe('When the file is deleted (set when it succeeds).'),
  })
  .meta({
    id: 'RunExport',
    description:
      'An export of a subscription’s agent runs, made in the background: its progress and, when done, its download link.',
  });
/** @public */
export type PpRunExport = z.infer<typeof ppRunExportSchema>;

/** @public */
export const ppRunExportResponseSchema = z
  .object({ export: ppRunExportSchema })
  .meta({ id: 'RunExportResponse', description: 'One run export.' });
/** @public */
export type PpRunExportResponse = z.infer<typeof ppRunExportResponseSchema>;

/** @public */
export const ppRunExportListSchema = z
  .object({ items: z.array(ppRunExportSchema) })
  .meta({
    id: 'RunExportList',
    description: 'Your recent exports of a subscription’s runs, newest first.',
  });
/** @public */
export type PpRunExportList = z.infer<typeof ppRunExportListSchema>;

// --- Force-cancel (admin only) and the actions PP took on a subscription

/** @public */
export const PP_REFUND_OPTIONS = ['none', 'prorated', 'full'] as const;
/** @public */
export type PpRefundOption = (typeof PP_REFUND_OPTIONS)[number];

/** @public */
export const PP_SUBSCRIPTION_ACTION_STATUSES = [
  'pending',
  'completed',
  'failed',
] as const;

/** @public */
export const ppForceCancelRequestSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(5)
      .max(1000)
      .refine(noNul, 'must not contain NUL characters')
      .describe(
        'Why the subscription is canceled (required, audited, shown to the subscription manager).',
      ),
    refund: z
      .enum(PP_REFUND_OPTIONS)
      .describe('none, prorated (the unused part of the period) or full.'),
  })
  .meta({
    id: 'ForceCancelRequest',
    description:
      'Force-cancel a subscription: the reason and the refund. Send an `Idempotency-Key` header; repeating it returns the same action.',
  });
/** @public */
export type PpForceCancelRequest = z.infer<typeof ppForceCancelRequestSchema>;

/** @public */
export const ppSubscriptionActionSchema = z
  .object({
    id: z.string(),
    subscription_id: z.string(),
    kind: z.enum(['force_cancel']),
    status: z
      .enum(PP_SUBSCRIPTION_ACTION_STATUSES)
      .describe(
        'pending: the Customer Portal has not confirmed yet (retried in the background); completed: done in the Customer Portal; failed: given up after the retries, see last_error.',
      ),
    reason: z.string(),
    refund: z.enum(PP_REFUND_OPTIONS),
    refund_amount: z
      .number()
      .nullable()
      .describe(
        'What the Customer Portal refunded, in the plan’s currency; null until completed or without refund.',
      ),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    next_attempt_at: z.string().nullable(),
    requested_by: z.string(),
    requested_by_name: z.string().nullable(),
    created_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .meta({
    id: 'SubscriptionAction',
    description:
      'An action PP took on a subscription in the Customer Portal (force-cancel), with its progress.',
  });
/** @public */
export type PpSubscriptionAction = z.infer<typeof ppSubscriptionActionSchema>;

/** @public */
export const ppSubscriptionActionResponseSchema = z
  .object({ action: ppSubscriptionActionSchema })
  .meta({
    id: 'SubscriptionActionResponse',
    description: 'One subscription action.',
  });
/** @public */
export type PpSubscriptionActionResponse = z.infer<
  typeof ppSubscriptionActionResponseSchema
>;

// --- Incidents PP opened in the helpdesk for a subscription

/** @public */
export const PP_SUBSCRIPTION_INCIDENT_TRIGGERS = [
  'low_score',
  'consecutive_failures',
  'customer_complaint',
] as const;
/** @public */
export type PpSubscriptionIncidentTrigger =
  (typeof PP_SUBSCRIPTION_INCIDENT_TRIGGERS)[number];

/** @public */
export const ppSubscriptionIncidentSchema = z
  .object({
    trigger: z
      .enum(PP_SUBSCRIPTION_INCIDENT_TRIGGERS)
      .describe(
        'low_score: score < 60 three days running; consecutive_failures: more than 5 failed runs in a row; customer_complaint: a Customer Portal support ticket flagged as a complaint.',
      ),
    ticket_id: z
      .string()
      .describe('The helpdesk ticket (GET /pp/v1/tickets/{ticket_id}).'),
    ticket_number: z.string().nullable().describe('e.g. TKT-000042.'),
    open: z.boolean().describe('False once PP saw the ticket closed.'),
    detail: z.string().describe('What triggered it, in a sentence.'),
    created_at: z.string(),
  })
  .meta({
    id: 'SubscriptionIncident',
    description:
      'An incident PP opened in the helpdesk for this subscription (at most one open per trigger).',
  });
/** @public */
export type PpSubscriptionIncident = z.infer<
  typeof ppSubscriptionIncidentSchema
>;

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
    actions: z
      .array(ppSubscriptionActionSchema)
      .describe(
        'What PP did to this subscription in the Customer Portal (force-cancel), newest first.',
      ),
    incidents: z
      .array(ppSubscriptionIncidentSchema)
      .describe('Incidents PP opened for it, newest first.'),
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

/** One live subscription's contact, for a notice to the customer. @public */
export const ppCustomerContactSchema = z
  .object({
    subscription_id: z.string().describe('The Customer Portal subscription.'),
    customer_name: z
      .string()
      .describe('The customer, as the Customer Portal names it.'),
    contact_email: z
      .string()
      .describe(
        'The address the customer gave for operational notices about this subscription.',
      ),
  })
  .meta({
    id: 'CustomerContact',
    description:
      'Who to tell about a subscription: the customer and their contact address (Customer Portal).',
  });
/** @public */
export type PpCustomerContact = z.infer<typeof ppCustomerContactSchema>;

/** `GET /pp/v1/subscriptions/agents/{agent_id}/customer-contacts`. @public */
export const ppAgentCustomerContactsSchema = z
  .object({
    agent_id: z.string(),
    agent_name: z
      .string()
      .nullable()
      .describe(
        'The agent’s name in the Customer Portal; null when it has none.',
      ),
    items: z
      .array(ppCustomerContactSchema)
      .describe(
        'Every live subscription (active, trial, paused) to the agent that has a contact address, by subscription id.',
      ),
  })
  .meta({
    id: 'AgentCustomerContacts',
    description:
      'The contacts of an agent’s live subscriptions, for other Platform Portal plugins only (e.g. SLA breach notices to customers).',
  });
/** @public */
export type PpAgentCustomerContacts = z.infer<
  typeof ppAgentCustomerContactsSchema
>;

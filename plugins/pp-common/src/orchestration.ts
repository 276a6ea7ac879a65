import { z } from 'zod';
import { ppPageSchema } from './types';
import { ppAgentGenerationSchema } from './codegen';

/**
 * Agent orchestration (spec Stage 6, issue #15): the shapes of `POST /pp/v1/agents/create`,
 * `GET /pp/v1/agents/{agent_id}/creation-status`, `GET /pp/v1/agents/{agent_id}/cicd-pipeline`,
 * `POST /pp/v1/agent-handoff`, `POST /pp/v1/agent-handoff/{handoff_id}/accept` and the extra
 * `/reject` and review queue (`GET /pp/v1/agent-handoff`). The rules behind them are
 * `@internal/plugin-pp-orchestration-backend`'s domain modules.
 */

/** @public */
export const PP_AGENT_CREATION_STATUSES = [
  'requested',
  'genesis_validating',
  'genesis_approved',
  'genesis_rejected',
  'generating',
  'ci_running',
  'ci_failed',
  'ci_passed',
  'handoff_pending',
  'handoff_rejected',
  'production_ready',
] as const;
/** @public */
export type PpAgentCreationStatus = (typeof PP_AGENT_CREATION_STATUSES)[number];

/** @public */
export const PP_AGENT_INDUSTRIES = ['marketing', 'education', 'sales'] as const;
/** @public */
export type PpAgentIndustry = (typeof PP_AGENT_INDUSTRIES)[number];

/** @public */
export const PP_GENESIS_RULES = [
  'customer_sovereignty',
  'data_privacy',
  'transparency',
  'least_privilege',
] as const;

/** @public */
export const PP_CREATION_STEPS = [
  'genesis',
  'generation',
  'ci',
  'handoff',
] as const;

/** @public */
export const PP_CICD_STAGE_KEYS = [
  'lint',
  'unit_tests',
  'build_image',
  'integration_tests',
  'push',
] as const;
/** @public */
export type PpCicdStageKey = (typeof PP_CICD_STAGE_KEYS)[number];

/** @public */
export const PP_CICD_STAGE_STATUSES = [
  'pending',
  'queued',
  'running',
  'passed',
  'failed',
  'skipped',
  'halted',
] as const;

/** @public */
export const PP_HANDOFF_ITEM_KEYS = [
  'image_pushed',
  'runbook',
  'health_check',
  'monitoring_dashboard',
  'alert_thresholds',
  'on_call',
  'sla_defined',
  'load_testing',
] as const;
/** @public */
export type PpHandoffItemKey = (typeof PP_HANDOFF_ITEM_KEYS)[number];

/** No NUL characters: PostgreSQL text cannot hold them (it would be a 500, not a 400). */
const noNul = (v: string) => !v.includes('\u0000');
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(noNul, 'must not contain NUL characters');
const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_:*-]{0,99}$/, 'lower-case letters, digits, _ : - *');
const instant = z.string().describe('ISO 8601 date-time (UTC).');

// --- Create ------------------------------------------------------------------------------

/** @public */
export const ppAgentSlaTargetsSchema = z
  .object({
    response_time_p95_ms: z.number().int().min(1).max(600_000).default(2000),
    uptime_percent: z.number().min(0).max(100).default(99.9),
    error_rate_percent: z.number().min(0).max(100).default(1),
  })
  .meta({
    id: 'AgentSlaTargets',
    description:
      'The SLA targets of a new agent (spec Stage 7 defaults: p95 < 2000 ms, uptime ≥ 99.9 %, error rate < 1 %).',
  });

/** @public */
export const ppAgentCreateRequestSchema = z
  .object({
    agent_name: text(3, 100).describe('The agent’s display name.'),
    industry: z.enum(PP_AGENT_INDUSTRIES),
    specialty: key.describe(
      'A specialty of the industry, e.g. `lead-prospecting` for sales.',
    ),
    sla_targets: ppAgentSlaTargetsSchema.optional(),
    serves: z
      .enum(['customer', 'waooaw'])
      .default('customer')
      .describe(
        'Whose goals the agent pursues. Genesis rejects anything but `customer` (customer sovereignty).',
      ),
    shares_customer_data_with: z
      .array(text(1, 100))
      .max(20)
      .default([])
      .describe(
        'Who the customer’s data leaves the customer’s workspace to besides the customer; empty for a sovereign agent.',
      ),
    data_access: z
      .array(key)
      .max(50)
      .optional()
      .describe(
        'The data sources the agent reads or writes. Default: the sources its permissions reach.',
      ),
    permissions: z
      .array(key)
      .max(50)
      .optional()
      .describe(
        'The permissions the agent asks for (`<source>:read|write`, `customer_outputs:write`). Default: its specialty’s baseline.',
      ),
    audit_enabled: z
      .boolean()
      .default(true)
      .describe('Every agent action recorded for audit (transparency).'),
  })
  .meta({
    id: 'AgentCreateRequest',
    description:
      'Start an agent creation: the request Genesis validates before any code is generated.',
  });
/** @public */
export type PpAgentCreateRequest = z.input<typeof ppAgentCreateRequestSchema>;

// --- Creation status ---------------------------------------------------------------------

/** @public */
export const ppGenesisVerdictSchema = z
  .object({
    verdict: z.enum(['approved', 'rejected']),
    reasons: z
      .array(z.string())
      .describe('One sentence per failed rule; empty when approved.'),
    rules: z.array(
      z.object({
        rule: z.enum(PP_GENESIS_RULES),
        passed: z.boolean(),
        reason: z.string().optional(),
      }),
    ),
    validator: z.enum(['built-in', 'genesis-agent']),
    decided_at: instant,
  })
  .meta({
    id: 'GenesisVerdict',
    description:
      'The Genesis gate’s verdict. A rejection is final: no role, admin included, can move the creation on.',
  });
/** @public */
export type PpGenesisVerdict = z.infer<typeof ppGenesisVerdictSchema>;

/**
 * What Genesis posts to `POST /pp/v1/webhooks/genesis` (signed): its verdict on one creation in
 * `genesis_validating`, named by `creation_id` or `agent_id`.
 *
 * @public
 */
export const ppGenesisWebhookSchema = z
  .object({
    creation_id: z.string().min(1).max(36).optional(),
    agent_id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9_:*-]{0,99}$/,
        'lower-case letters, digits, _ : - *',
      )
      .optional(),
    verdict: z.enum(['approved', 'rejected']),
    reasons: z
      .array(z.string().min(1).max(2000))
      .max(20)
      .default([])
      .describe(
        'One sentence per failed rule; a rejection needs at least one.',
      ),
    rules: z
      .array(
        z.strictObject({
          rule: z.enum(PP_GENESIS_RULES),
          passed: z.boolean(),
          reason: z.string().max(2000).optional(),
        }),
      )
      .max(PP_GENESIS_RULES.length)
      .default([])
      .describe('The result of each rule Genesis checked.'),
  })
  .strict()
  .refine(v => Boolean(v.creation_id) !== Boolean(v.agent_id), {
    message: 'name the creation by exactly one of creation_id or agent_id',
  })
  .refine(v => v.verdict === 'approved' || v.reasons.length > 0, {
    message: 'a rejection needs at least one reason',
    path: ['reasons'],
  })
  .meta({
    id: 'GenesisWebhook',
    description:
      'Genesis’s verdict on a creation waiting in genesis_validating (signed by Genesis).',
  });
/** @public */
export type PpGenesisWebhook = z.input<typeof ppGenesisWebhookSchema>;

/** @public */
export const ppAgentCreationHistoryEntrySchema = z
  .object({
    at: instant,
    from: z.enum(PP_AGENT_CREATION_STATUSES).nullable(),
    to: z.enum(PP_AGENT_CREATION_STATUSES),
    event: z.string(),
    actor: z.object({ kind: z.enum(['user', 'system']), id: z.string() }),
    reason: z.string().nullable(),
  })
  .meta({
    id: 'AgentCreationHistoryEntry',
    description: 'One move of a creation: who or what moved it, when, why.',
  });

/** @public */
export const ppAgentCreationStepTimingSchema = z
  .object({
    step: z.enum(PP_CREATION_STEPS),
    title: z.string(),
    started_at: instant,
    ended_at: instant.nullable(),
    elapsed_ms: z.number().int(),
    budget_ms: z.number().int(),
    overdue: z.boolean(),
  })
  .meta({
    id: 'AgentCreationStepTiming',
    description:
      'One attempt at a creation step against the spec’s budget (Genesis 5 min, code generation 15 min, CI 35 min, handoff 2 days).',
  });

/** @public */
export const ppAgentCreationSchema = z
  .object({
    creation_id: z.string(),
    agent_id: z.string(),
    agent_name: z.string(),
    industry: z.enum(PP_AGENT_INDUSTRIES),
    specialty: z.string(),
    status: z.enum(PP_AGENT_CREATION_STATUSES),
    genesis_status: z.enum(['pending', 'approved', 'rejected']),
    genesis: ppGenesisVerdictSchema.nullable(),
    allowed_moves: z
      .array(
        z.object({
          event: z.string(),
          to: z.enum(PP_AGENT_CREATION_STATUSES),
        }),
      )
      .describe('What may happen next; empty once final.'),
    steps: z.array(ppAgentCreationStepTimingSchema),
    overdue: z.boolean().describe('Some step is over its budget.'),
    history: z.array(ppAgentCreationHistoryEntrySchema),
    created_by: z.string(),
    created_at: instant,
    completed_at: instant.nullable(),
    people: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        'The names of the people `created_by` and the history name, by principal ref (creation status only).',
      ),
    generation: ppAgentGenerationSchema
      .nullable()
      .optional()
      .describe(
        'The latest code generation attempt (creation status only); null before the first.',
      ),
  })
  .meta({
    id: 'AgentCreation',
    description:
      'An agent creation: its state, Genesis verdict, step timings and history.',
  });
/** @public */
export type PpAgentCreation = z.infer<typeof ppAgentCreationSchema>;

// --- CI/CD pipeline ----------------------------------------------------------------------

/** @public */
export const ppCicdStageSchema = z
  .object({
    key: z.enum(PP_CICD_STAGE_KEYS),
    title: z.string(),
    status: z.enum(PP_CICD_STAGE_STATUSES),
    run_attempt: z
      .number()
      .int()
      .nullable()
      .describe(
        'The attempt its job ran in: an earlier one for a stage a "re-run failed jobs" kept.',
      ),
    started_at: instant.nullable(),
    completed_at: instant.nullable(),
    duration_ms: z.number().int().nullable(),
    expected_ms: z.number().int(),
    log_url: z.string().nullable().describe('The GitHub job page (its logs).'),
  })
  .meta({
    id: 'CicdStage',
    description:
      'One of the five CI/CD stages; `halted` when an earlier stage failed.',
  });

/** @public */
export const ppCicdPipelineSchema = z
  .object({
    agent_id: z.string(),
    run_id: z.number().int().nullable(),
    run_attempt: z.number().int().nullable(),
    head_sha: z.string().nullable(),
    run_url: z.string().nullable(),
    status: z.enum(['pending', 'running', 'passed', 'failed']),
    failed_stage: z.enum(PP_CICD_STAGE_KEYS).nullable(),
    started_at: instant.nullable(),
    completed_at: instant.nullable(),
    duration_ms: z.number().int().nullable(),
    stages: z.array(ppCicdStageSchema),
  })
  .meta({
    id: 'CicdPipeline',
    description:
      'The agent repository’s latest CI/CD run (attempt) as GitHub’s webhooks told it.',
  });
/** @public */
export type PpCicdPipeline = z.infer<typeof ppCicdPipelineSchema>;

// --- Handoff -----------------------------------------------------------------------------

/** @public */
export const ppHandoffCreateRequestSchema = z
  .object({
    agent_id: key,
    items: z
      .array(
        z.object({
          key: z.enum(PP_HANDOFF_ITEM_KEYS),
          done: z.boolean(),
          evidence: text(0, 2000)
            .optional()
            .describe(
              'A link (runbook, dashboard, load-test report) or a note of at least 10 characters.',
            ),
        }),
      )
      .max(PP_HANDOFF_ITEM_KEYS.length)
      .refine(
        items => new Set(items.map(i => i.key)).size === items.length,
        'each checklist item once',
      ),
  })
  .meta({
    id: 'HandoffCreateRequest',
    description:
      'Submit the handoff checklist: every item ticked with evidence. Starts the service team’s 24 h OLA.',
  });
/** @public */
export type PpHandoffCreateRequest = z.input<
  typeof ppHandoffCreateRequestSchema
>;

/** @public */
export const ppHandoffAcceptRequestSchema = z
  .object({
    notes: text(0, 2000).optional(),
  })
  .meta({
    id: 'HandoffAcceptRequest',
    description:
      'Accept a handoff: PP checks the checklist again; the agent becomes production_ready.',
  });

/** @public */
export const ppHandoffRejectRequestSchema = z
  .object({
    reason: text(10, 2000).describe(
      'What the creation team has to fix (required).',
    ),
  })
  .meta({
    id: 'HandoffRejectRequest',
    description:
      'Reject a handoff with a reason: back to the creation team. (The spec names no reject route yet.)',
  });

/** @public */
export const ppHandoffSchema = z
  .object({
    handoff_id: z.string(),
    agent_id: z.string(),
    status: z.enum(['pending', 'accepted', 'rejected']),
    items: z.array(
      z.object({
        key: z.enum(PP_HANDOFF_ITEM_KEYS),
        title: z.string(),
        done: z.boolean(),
        evidence: z.string().nullable(),
        verification: z.enum(['verified', 'contradicted', 'unknown', 'manual']),
        satisfied: z.boolean(),
        problem: z.string().optional(),
        note: z
          .string()
          .optional()
          .describe(
            'What PP found out itself for this item, or why it could not tell, in a sentence.',
          ),
      }),
    ),
    complete: z.boolean(),
    ola: z.object({
      submitted_at: instant,
      deadline: instant,
      reminder_at: instant,
      state: z.enum([
        'on_track',
        'reminder_due',
        'breached',
        'met',
        'met_late',
      ]),
    }),
    initiated_by: z.string(),
    decided_by: z.string().nullable(),
    decided_at: instant.nullable(),
    reason: z.string().nullable(),
    agent_name: z
      .string()
      .optional()
      .describe('The agent’s name (review queue only).'),
    people: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        'The names of `initiated_by` and `decided_by`, by principal ref (review queue only).',
      ),
  })
  .meta({
    id: 'Handoff',
    description:
      'A handoff to the service team: the 8-item checklist as PP evaluates it, and its OLA.',
  });
/** @public */
export type PpHandoff = z.infer<typeof ppHandoffSchema>;

/** Answer of `GET /pp/v1/agent-handoff` (the review queue). @public */
export const ppHandoffPageSchema = ppPageSchema(ppHandoffSchema).meta({
  id: 'HandoffPage',
  description: 'One page of handoffs, the nearest OLA deadline first.',
});

// --- Creations list (GET /pp/v1/agents/creations: not in the contract file, the portal's board) ---

/** @public */
export const PP_AGENT_CREATION_SORTS = [
  'requested_at',
  '-requested_at',
  'name',
  '-name',
] as const;

const multiStatus = z
  .union([z.string(), z.array(z.string())])
  .transform(v =>
    (Array.isArray(v) ? v : [v])
      .flatMap(s => s.split(','))
      .map(s => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(PP_AGENT_CREATION_STATUSES)))
  .optional();

/** @public */
export const ppAgentCreationQuerySchema = z
  .object({
    status: multiStatus.describe(
      'e.g. `genesis_rejected`; repeat or separate with commas.',
    ),
    overdue: z
      .enum(['true', 'false'])
      .transform(v => v === 'true')
      .optional()
      .describe(
        '`true`: only creations whose current step is over its budget; `false`: only the others.',
      ),
    q: text(1, 100).optional().describe('Part of the agent’s name.'),
    sort: z
      .enum(PP_AGENT_CREATION_SORTS)
      .optional()
      .describe('Default `-requested_at` (newest first); `-` for descending.'),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    cursor: z
      .string()
      .max(500)
      .optional()
      .describe('`next_cursor` of the previous page.'),
  })
  .meta({
    id: 'AgentCreationQuery',
    description: 'Filters, sort and page of the agent creations list.',
  });
/** @public */
export type PpAgentCreationQuery = z.infer<typeof ppAgentCreationQuerySchema>;

/** @public */
export const ppAgentCreationSummarySchema = z
  .object({
    agent_id: z.string(),
    agent_name: z.string(),
    industry: z.enum(PP_AGENT_INDUSTRIES),
    specialty: z.string(),
    status: z.enum(PP_AGENT_CREATION_STATUSES),
    requested_by: z.string().describe('The requester’s principal ref.'),
    requested_by_name: z
      .string()
      .nullable()
      .describe('The requester’s name; null when PP no longer knows them.'),
    requested_at: instant,
    current_step: z
      .object({
        step: z.enum(PP_CREATION_STEPS),
        title: z.string(),
        started_at: instant,
        elapsed_ms: z.number().int(),
        budget_ms: z.number().int(),
        overdue: z.boolean(),
      })
      .nullable()
      .describe(
        'The step the creation is in, timed up to now; null between steps and once final.',
      ),
  })
  .meta({
    id: 'AgentCreationSummary',
    description: 'One agent creation on the board: who asked, where it stands.',
  });
/** @public */
export type PpAgentCreationSummary = z.infer<
  typeof ppAgentCreationSummarySchema
>;

/** @public */
export const ppAgentCreationPageSchema = z
  .object({
    items: z.array(ppAgentCreationSummarySchema),
    status_counts: z
      .record(z.string(), z.number().int())
      .describe('Creations per status under every filter but `status`.'),
    limit: z.number().int(),
    next_cursor: z
      .string()
      .nullable()
      .describe(
        'Pass as `cursor` to get the next page; null on the last page.',
      ),
  })
  .meta({
    id: 'AgentCreationPage',
    description: 'A page of agent creations with the counts per status.',
  });
/** @public */
export type PpAgentCreationPage = z.infer<typeof ppAgentCreationPageSchema>;

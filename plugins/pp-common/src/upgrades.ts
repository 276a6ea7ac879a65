import { z } from 'zod';

/**
 * Agent upgrades (spec Stage 6 "Agent Upgrades", issue #15): blue-green rollouts of a
 * production-ready agent's new version through a deployment target (Argo Rollouts, or the demo
 * target of the embedded default): `POST /pp/v1/agents/{agent_id}/upgrades`,
 * `GET /pp/v1/agents/{agent_id}/upgrades`, `GET /pp/v1/upgrades/{upgrade_id}`,
 * `POST /pp/v1/upgrades/{upgrade_id}/abort`. The engine is `@internal/plugin-pp-node`'s
 * `rollout/rollout.ts`.
 */

/** @public */
export const PP_UPGRADE_STATUSES = [
  'pending',
  'deploying',
  'smoke_testing',
  'canary',
  'promoting',
  'completed',
  'rolled_back',
] as const;
/** @public */
export type PpUpgradeStatus = (typeof PP_UPGRADE_STATUSES)[number];

const noNul = (v: string) => !v.includes('\u0000');
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(noNul, 'must not contain NUL characters');
const instant = z.string().describe('ISO 8601 date-time (UTC).');

/** Body of `POST /pp/v1/agents/{agent_id}/upgrades`. @public */
export const ppUpgradeStartRequestSchema = z
  .object({
    to_version: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/,
        'a version like 1.5.0 (letters, digits, . _ + -)',
      )
      .describe('The version to roll out (the image tag), e.g. `1.5.0`.'),
    reason: text(0, 1000).optional().describe('Why (shown in the history).'),
  })
  .meta({
    id: 'UpgradeStartRequest',
    description:
      'Starts a blue-green upgrade of a production-ready agent to a new version.',
  });
/** @public */
export type PpUpgradeStartRequest = z.infer<typeof ppUpgradeStartRequestSchema>;

/** Body of `POST /pp/v1/upgrades/{upgrade_id}/abort`. @public */
export const ppUpgradeAbortRequestSchema = z
  .object({
    reason: text(3, 1000).describe('Why the upgrade is stopped (required).'),
  })
  .meta({
    id: 'UpgradeAbortRequest',
    description:
      'Stops an upgrade in progress: all traffic goes back to the current (blue) version.',
  });

/** One analysis gate with what was measured. @public */
export const ppUpgradeGateSchema = z
  .object({
    metric: z.string().describe('`error_rate` (0..1) or `p95_ms`.'),
    title: z.string(),
    rule: z
      .string()
      .describe(
        'The gate in words, e.g. "at most 5 %" or "at most 2× the baseline".',
      ),
    threshold: z
      .number()
      .nullable()
      .describe('The value the metric may not pass; null without a baseline.'),
    value: z
      .number()
      .nullable()
      .describe('Measured on the new (green) version; null: not measured yet.'),
    outcome: z
      .enum(['pass', 'fail', 'inconclusive', 'not_measured'])
      .describe('`not_measured`: no analysis ran yet.'),
    reason: z.string().nullable(),
  })
  .meta({ id: 'UpgradeGate', description: 'One analysis gate of an upgrade.' });

/** One step of an upgrade's history. @public */
export const ppUpgradeStepSchema = z
  .object({
    at: instant,
    from: z.enum(PP_UPGRADE_STATUSES),
    to: z.enum(PP_UPGRADE_STATUSES),
    action: z
      .string()
      .describe(
        'What PP asked the deployment target: deploy, run_smoke_tests, set_weight, promote, abort, none.',
      ),
    note: z.string().nullable(),
    by: z
      .string()
      .nullable()
      .describe('Who caused it (a person’s ref); null: the rollout job.'),
  })
  .meta({ id: 'UpgradeStep', description: 'One move of an upgrade.' });

/** Body of `GET /pp/v1/upgrades/{upgrade_id}` and one item of an agent's list. @public */
export const ppUpgradeSchema = z
  .object({
    upgrade_id: z.string(),
    agent_id: z.string(),
    agent_name: z.string(),
    from_version: z
      .string()
      .describe('What ran before (blue); `current` when PP did not know it.'),
    to_version: z.string().describe('The new version (green).'),
    reason: z.string().nullable(),
    status: z.enum(PP_UPGRADE_STATUSES),
    active: z.boolean().describe('Not completed or rolled back yet.'),
    target: z.object({
      kind: z
        .string()
        .describe(
          'The deployment target: `argo-rollouts`, or `demo` (no real traffic).',
        ),
      title: z.string(),
      demo: z.boolean(),
    }),
    traffic: z
      .object({
        blue_percent: z.number(),
        green_percent: z.number(),
      })
      .describe('The traffic split PP means to have now.'),
    canary_percent: z.number().describe('The watched step’s share (10).'),
    watch_seconds: z.number().describe('How long the canary step is watched.'),
    watch_until: instant.nullable(),
    phase_since: instant,
    next: z
      .string()
      .nullable()
      .describe('What the upgrade waits for now; null once it is final.'),
    baseline: z
      .record(z.string(), z.number())
      .describe('The current version’s figures when the upgrade started.'),
    gates: z.array(ppUpgradeGateSchema),
    rollback_reason: z.string().nullable(),
    started_by: z.string(),
    started_at: instant,
    completed_at: instant.nullable(),
    standby_until: instant
      .nullable()
      .describe('Until when the previous version is kept as standby.'),
    updated_at: instant,
    steps: z.array(ppUpgradeStepSchema),
    people: z
      .record(z.string(), z.string())
      .optional()
      .describe('Names of the people in started_by and the steps, by ref.'),
  })
  .meta({
    id: 'Upgrade',
    description:
      'A blue-green upgrade: its status, traffic split, analysis gates and steps.',
  });
/** @public */
export type PpUpgrade = z.infer<typeof ppUpgradeSchema>;

/** Body of `GET /pp/v1/agents/{agent_id}/upgrades`. @public */
export const ppUpgradeListSchema = z
  .object({
    items: z.array(ppUpgradeSchema),
  })
  .meta({
    id: 'UpgradeList',
    description: 'An agent’s upgrades, newest first (at most 50).',
  });
/** @public */
export type PpUpgradeList = z.infer<typeof ppUpgradeListSchema>;

import { z } from 'zod';

/*
 * Code generation (issue #15): the scaffolder run that produces an agent's repository from the PP
 * template (`templates/pp-ai-agent`), and the operational readiness values the template renders
 * into the agent's deployment manifest.
 */

/** @public */
export const PP_AGENT_GENERATION_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'failed',
] as const;
/** @public */
export type PpAgentGenerationStatus =
  (typeof PP_AGENT_GENERATION_STATUSES)[number];

/** @public */
export const ppAgentGenerationSchema = z
  .object({
    attempt: z
      .number()
      .int()
      .describe('Which attempt at generating the code this is (from 1).'),
    status: z.enum(PP_AGENT_GENERATION_STATUSES),
    publisher: z
      .enum(['github', 'local-git'])
      .describe(
        'Where the repository is published: GitHub, or a local bare git repository (embedded default).',
      ),
    task_id: z
      .string()
      .nullable()
      .describe('The scaffolder task that generates the code.'),
    repository_url: z
      .string()
      .nullable()
      .describe('The generated repository, once published.'),
    reason: z.string().nullable().describe('Why the generation failed.'),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    catalog_entity_ref: z
      .string()
      .nullable()
      .describe(
        'The agent’s catalog entity (`component:default/<agent_id>`) once its code is generated.',
      ),
  })
  .meta({
    id: 'AgentGeneration',
    description:
      'The latest attempt at generating an agent’s repository from the PP template.',
  });
/** @public */
export type PpAgentGeneration = z.infer<typeof ppAgentGenerationSchema>;

/**
 * A generated agent as the catalog shows it (`GET /pp/v1/agents/generated`, read by the catalog's
 * agent entity provider).
 *
 * @public
 */
export const ppGeneratedAgentSchema = z
  .object({
    agent_id: z.string(),
    agent_name: z.string(),
    industry: z.string(),
    specialty: z.string(),
    status: z.string(),
    sla_targets: z.object({
      response_time_p95_ms: z.number(),
      uptime_percent: z.number(),
      error_rate_percent: z.number(),
    }),
    repository_url: z.string(),
    created_by: z.string(),
  })
  .meta({
    id: 'GeneratedAgent',
    description:
      'An agent whose repository was generated: what its catalog entity is made of.',
  });
/** @public */
export type PpGeneratedAgent = z.infer<typeof ppGeneratedAgentSchema>;

/** @public */
export const ppGeneratedAgentListSchema = z
  .object({ items: z.array(ppGeneratedAgentSchema) })
  .meta({
    id: 'GeneratedAgentList',
    description:
      'The agents whose repository was generated, for the catalog’s agent entity provider.',
  });

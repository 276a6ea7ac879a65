import { z } from 'zod';
import type { PipelineEventFacts } from '../domain/pipeline';

/*
 * GitHub's `workflow_run` and `workflow_job` webhook payloads, reduced to what the pipeline needs
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads#workflow_run, #workflow_job).
 * Unknown fields are ignored; a payload without the fields below is not one we act on.
 */

const status = z.enum([
  'requested',
  'queued',
  'waiting',
  'pending',
  'in_progress',
  'completed',
]);
const conclusion = z
  .enum([
    'success',
    'failure',
    'cancelled',
    'timed_out',
    'action_required',
    'startup_failure',
    'skipped',
    'neutral',
    'stale',
  ])
  .nullable()
  .catch(null);
const repository = z.object({
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/),
});

const workflowRunPayload = z.object({
  workflow_run: z.object({
    id: z.number().int(),
    name: z.string().nullable().optional(),
    run_attempt: z.number().int().min(1).default(1),
    head_sha: z.string(),
    status,
    conclusion,
    run_started_at: z.string().nullable().optional(),
    updated_at: z.string().nullable().optional(),
    html_url: z.string(),
  }),
  repository,
});

const workflowJobPayload = z.object({
  workflow_job: z.object({
    id: z.number().int(),
    run_id: z.number().int(),
    run_attempt: z.number().int().min(1).default(1),
    name: z.string(),
    workflow_name: z.string().nullable().optional(),
    status,
    conclusion,
    started_at: z.string().nullable().optional(),
    completed_at: z.string().nullable().optional(),
    html_url: z.string(),
  }),
  repository,
});

/** A GitHub event the pipeline feed can use. */
export interface GithubPipelineEvent {
  /** `owner/name` */
  repository: string;
  /** the workflow's name (`name:` of the workflow file), when GitHub sent it */
  workflow: string | null;
  facts: PipelineEventFacts;
}

export const GITHUB_PIPELINE_TOPICS = [
  'github.workflow_run',
  'github.workflow_job',
] as const;

/** The facts of a `github.workflow_run` / `github.workflow_job` event, or undefined. */
export function parseGithubPipelineEvent(
  topic: string,
  payload: unknown,
): GithubPipelineEvent | undefined {
  if (topic === 'github.workflow_run') {
    const p = workflowRunPayload.safeParse(payload);
    if (!p.success) return undefined;
    const run = p.data.workflow_run;
    return {
      repository: p.data.repository.full_name,
      workflow: run.name ?? null,
      facts: {
        kind: 'workflow_run',
        run_id: run.id,
        run_attempt: run.run_attempt,
        head_sha: run.head_sha,
        status: run.status,
        conclusion: run.conclusion,
        started_at: run.run_started_at ?? null,
        completed_at:
          run.status === 'completed' ? run.updated_at ?? null : null,
        html_url: run.html_url,
      },
    };
  }
  if (topic === 'github.workflow_job') {
    const p = workflowJobPayload.safeParse(payload);
    if (!p.success) return undefined;
    const job = p.data.workflow_job;
    return {
      repository: p.data.repository.full_name,
      workflow: job.workflow_name ?? null,
      facts: {
        kind: 'workflow_job',
        run_id: job.run_id,
        run_attempt: job.run_attempt,
        job_id: job.id,
        name: job.name,
        status: job.status,
        conclusion: job.conclusion,
        started_at: job.started_at ?? null,
        completed_at: job.completed_at ?? null,
        html_url: job.html_url,
      },
    };
  }
  return undefined;
}

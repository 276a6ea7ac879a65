/*
 * The CI/CD pipeline of a generated agent (spec Stage 6 step 4): five stages run by the agent
 * repository's GitHub Actions workflow, one job per stage. `reducePipeline` folds the facts of
 * GitHub `workflow_run` and `workflow_job` events into the stages' status, times and log links.
 *
 * - Events may come in any order and more than once: a job's status only moves forward
 *   (queued → in_progress → completed), a completed job keeps its result.
 * - A new run (a new commit: a higher `run_id`) starts the stages afresh. A re-run (`run_attempt`
 *   + 1) resets the stages that did not pass and keeps the passed ones until the new attempt runs
 *   them again ("Re-run failed jobs" only runs the failed ones and those after them). Events of an
 *   older attempt or run are ignored.
 * - A failed stage (conclusion failure, cancelled, timed_out, action_required, startup_failure)
 *   halts the later ones: those that neither passed nor failed (pending, queued, running, skipped)
 *   show `halted`, and the pipeline has failed.
 * - The pipeline passes when all five stages passed; a run that completes without that has failed.
 *
 * The caller passes only the events of the agent repository's CI workflow (its `workflow_id` or
 * path), already verified (signature) and reduced to these facts.
 */

export const PIPELINE_STAGES = [
  {
    key: 'lint',
    title: 'Linting (Flake8, Black)',
    job: 'Lint',
    expected_ms: 2 * 60_000,
  },
  {
    key: 'unit_tests',
    title: 'Unit tests (Pytest)',
    job: 'Unit tests',
    expected_ms: 8 * 60_000,
  },
  {
    key: 'build_image',
    title: 'Build Docker image',
    job: 'Build image',
    expected_ms: 10 * 60_000,
  },
  {
    key: 'integration_tests',
    title: 'Integration tests',
    job: 'Integration tests',
    expected_ms: 12 * 60_000,
  },
  {
    key: 'push',
    title: 'Push to registry',
    job: 'Push image',
    expected_ms: 3 * 60_000,
  },
] as const;

export type PipelineStageKey = (typeof PIPELINE_STAGES)[number]['key'];

/** GitHub's statuses of a run or job (`requested`, `waiting`, `pending` count as queued). */
export type GithubStatus =
  | 'requested'
  | 'queued'
  | 'waiting'
  | 'pending'
  | 'in_progress'
  | 'completed';

/** GitHub's conclusions. */
export type GithubConclusion =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'timed_out'
  | 'action_required'
  | 'startup_failure'
  | 'skipped'
  | 'neutral'
  | 'stale'
  | null;

/** The facts of a `workflow_run` event the pipeline needs. */
export interface WorkflowRunFacts {
  kind: 'workflow_run';
  run_id: number;
  run_attempt: number;
  head_sha: string;
  status: GithubStatus;
  conclusion: GithubConclusion;
  /** `run_started_at` */
  started_at: string | null;
  /** `updated_at` of a completed run */
  completed_at: string | null;
  html_url: string;
}

/** The facts of a `workflow_job` event the pipeline needs. */
export interface WorkflowJobFacts {
  kind: 'workflow_job';
  run_id: number;
  run_attempt: number;
  job_id: number;
  /** the job's name: matched to a stage by `PIPELINE_STAGES[].job` or key, case and spacing aside */
  name: string;
  status: GithubStatus;
  conclusion: GithubConclusion;
  started_at: string | null;
  completed_at: string | null;
  html_url: string;
}

export type PipelineEventFacts = WorkflowRunFacts | WorkflowJobFacts;

export type StageStatus =
  | 'pending'
  | 'queued'
  | 'running'
  | 'passed'
  | 'failed'
  | 'skipped'
  | 'halted';

export interface StageState {
  key: PipelineStageKey;
  title: string;
  status: StageStatus;
  conclusion: GithubConclusion;
  job_id: number | null;
  /** the run attempt the stage's job belongs to (an earlier one for a stage a re-run kept) */
  run_attempt: number | null;
  started_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  expected_ms: number;
  /** the job's page on GitHub: its logs */
  log_url: string | null;
}

export type PipelineStatus = 'pending' | 'running' | 'passed' | 'failed';

export interface PipelineState {
  run_id: number | null;
  run_attempt: number | null;
  head_sha: string | null;
  run_url: string | null;
  /** the run's own status and conclusion, as GitHub last told them */
  run_status: GithubStatus | null;
  run_conclusion: GithubConclusion;
  started_at: string | null;
  completed_at: string | null;
  status: PipelineStatus;
  /** the first failed stage, when one failed */
  failed_stage: PipelineStageKey | null;
  duration_ms: number | null;
  stages: StageState[];
}

const STATUS_RANK: Record<GithubStatus, number> = {
  requested: 0,
  waiting: 0,
  pending: 0,
  queued: 0,
  in_progress: 1,
  completed: 2,
};

const FAILED: readonly GithubConclusion[] = [
  'failure',
  'cancelled',
  'timed_out',
  'action_required',
  'startup_failure',
];

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The stage a job name stands for, or undefined (other jobs of the workflow are ignored). */
export function stageForJob(name: string): PipelineStageKey | undefined {
  const n = norm(name);
  return PIPELINE_STAGES.find(s => norm(s.job) === n || norm(s.key) === n)?.key;
}

const emptyStage = (s: (typeof PIPELINE_STAGES)[number]): StageState => ({
  key: s.key,
  title: s.title,
  status: 'pending',
  conclusion: null,
  job_id: null,
  run_attempt: null,
  started_at: null,
  completed_at: null,
  duration_ms: null,
  expected_ms: s.expected_ms,
  log_url: null,
});

/** A pipeline no event has touched yet: five pending stages. */
export function emptyPipeline(): PipelineState {
  return {
    run_id: null,
    run_attempt: null,
    head_sha: null,
    run_url: null,
    run_status: null,
    run_conclusion: null,
    started_at: null,
    completed_at: null,
    status: 'pending',
    failed_stage: null,
    duration_ms: null,
    stages: PIPELINE_STAGES.map(emptyStage),
  };
}

const between = (a: string | null, b: string | null) =>
  a && b ? Math.max(0, Date.parse(b) - Date.parse(a)) : null;

/** A job's own status from its facts. */
function jobStatus(
  status: GithubStatus,
  conclusion: GithubConclusion,
): StageStatus {
  if (status !== 'completed')
    return status === 'in_progress' ? 'running' : 'queued';
  if (conclusion === 'success') return 'passed';
  if (FAILED.includes(conclusion)) return 'failed';
  return 'skipped';
}

const statusRankOf = (s: StageState): number => {
  if (s.job_id === null) return -1;
  if (s.completed_at !== null || s.conclusion !== null) return 2;
  return s.status === 'running' ? 1 : 0;
};

/** Halting and the pipeline's status, derived again after each event. */
function settle(p: PipelineState): PipelineState {
  const firstFailed = p.stages.findIndex(s => s.status === 'failed');
  const stages = p.stages.map((s, i) =>
    firstFailed >= 0 &&
    i > firstFailed &&
    s.status !== 'passed' &&
    s.status !== 'failed'
      ? { ...s, status: 'halted' as const }
      : s,
  );
  const runDone = p.run_status === 'completed';
  let status: PipelineStatus;
  if (firstFailed >= 0) status = 'failed';
  else if (stages.every(s => s.status === 'passed')) status = 'passed';
  else if (runDone) status = 'failed';
  else if (
    p.run_id !== null &&
    (p.run_status !== null || stages.some(s => s.job_id !== null))
  ) {
    status = 'running';
  } else status = 'pending';
  const lastEnd = stages.every(s => s.completed_at)
    ? stages
        .map(s => s.completed_at!)
        .sort()
        .pop()!
    : null;
  const completedAt = p.completed_at ?? (status === 'passed' ? lastEnd : null);
  return {
    ...p,
    stages,
    status,
    failed_stage: firstFailed >= 0 ? stages[firstFailed].key : null,
    completed_at: completedAt,
    duration_ms: between(p.started_at, completedAt),
  };
}

/** Is this event of an older run or attempt than the pipeline shows? Then it is ignored. */
function isStale(p: PipelineState, e: PipelineEventFacts): boolean {
  if (p.run_id === null) return false;
  if (e.run_id !== p.run_id) return e.run_id < p.run_id;
  return e.run_attempt < (p.run_attempt ?? 0);
}

/** Is this event of a newer run or attempt? Then the stages start afresh. */
function isNewer(p: PipelineState, e: PipelineEventFacts): boolean {
  return (
    p.run_id === null ||
    e.run_id > p.run_id ||
    (e.run_id === p.run_id && e.run_attempt > (p.run_attempt ?? 0))
  );
}

/** Folds one event into the pipeline; the input is not changed. */
export function reducePipeline(
  pipeline: PipelineState,
  event: PipelineEventFacts,
): PipelineState {
  if (isStale(pipeline, event)) return pipeline;
  let p: PipelineState = isNewer(pipeline, event)
    ? {
        ...emptyPipeline(),
        run_id: event.run_id,
        run_attempt: event.run_attempt,
        // "Re-run failed jobs" runs only the failed jobs and those after them: a stage that
        // passed in an earlier attempt of the same run stays passed until the new attempt
        // runs it again
        stages:
          event.run_id === pipeline.run_id
            ? pipeline.stages.map((s, i) =>
                s.status === 'passed' ? s : emptyPipeline().stages[i],
              )
            : emptyPipeline().stages,
      }
    : pipeline;

  if (event.kind === 'workflow_run') {
    const rank = p.run_status === null ? -1 : STATUS_RANK[p.run_status];
    if (STATUS_RANK[event.status] < rank) return settle(p);
    p = {
      ...p,
      head_sha: event.head_sha,
      run_url: event.html_url,
      run_status: event.status,
      run_conclusion: event.conclusion,
      started_at: event.started_at ?? p.started_at,
      completed_at:
        event.status === 'completed'
          ? event.completed_at ?? p.completed_at
          : p.completed_at,
    };
    return settle(p);
  }

  const key = stageForJob(event.name);
  if (!key) return pipeline === p ? pipeline : settle(p);
  const stages = p.stages.map(s => {
    if (s.key !== key) return s;
    // within an attempt, only forward (queued → in_progress → completed): a late or repeated
    // delivery of an earlier status does not reopen a stage; a newer attempt's job replaces a
    // stage kept from an earlier one
    if (
      s.run_attempt === event.run_attempt &&
      STATUS_RANK[event.status] < statusRankOf(s)
    ) {
      return s;
    }
    const startedAt =
      event.started_at ??
      (s.run_attempt === event.run_attempt ? s.started_at : null);
    const completedAt =
      event.status === 'completed' ? event.completed_at : null;
    return {
      ...s,
      status: jobStatus(event.status, event.conclusion),
      conclusion: event.status === 'completed' ? event.conclusion : null,
      job_id: event.job_id,
      run_attempt: event.run_attempt,
      started_at: startedAt,
      completed_at: completedAt,
      duration_ms: between(startedAt, completedAt),
      log_url: event.html_url,
    };
  });
  if (!p.started_at) {
    p = { ...p, started_at: event.started_at };
  }
  return settle({ ...p, stages });
}

/** Folds events in arrival order. */
export function pipelineFrom(
  events: readonly PipelineEventFacts[],
): PipelineState {
  return events.reduce(reducePipeline, emptyPipeline());
}

/**
 * The creation move a pipeline change calls for (`creation.ts`): `start_ci` when a run of a new
 * attempt or commit shows up, `fail_ci` / `pass_ci` when the pipeline's outcome is reached.
 */
export function pipelineMove(
  before: PipelineState,
  after: PipelineState,
): 'start_ci' | 'fail_ci' | 'pass_ci' | undefined {
  const newRun =
    after.run_id !== before.run_id || after.run_attempt !== before.run_attempt;
  if (after.status === 'failed' && (newRun || before.status !== 'failed')) {
    return 'fail_ci';
  }
  if (after.status === 'passed' && (newRun || before.status !== 'passed')) {
    return 'pass_ci';
  }
  if (after.status === 'running' && (newRun || before.status === 'pending')) {
    return 'start_ci';
  }
  return undefined;
}

/** The reason a failed pipeline gives the creation's history. */
export function pipelineFailureReason(p: PipelineState): string | undefined {
  if (p.status !== 'failed') return undefined;
  if (p.failed_stage) {
    const s = p.stages.find(x => x.key === p.failed_stage)!;
    return `${s.title} ${
      s.conclusion === 'failure' ? 'failed' : `ended ${s.conclusion}`
    }${s.log_url ? ` (${s.log_url})` : ''}`;
  }
  const missing = p.stages.filter(s => s.status !== 'passed').map(s => s.title);
  return `The workflow run ended ${
    p.run_conclusion ?? 'without a conclusion'
  } before ${missing.join(', ')} passed`;
}

/*
 * GitHub `workflow_run` and `workflow_job` webhook payloads as GitHub delivers them for an agent
 * repository's CI workflow (shapes and values after real deliveries, trimmed of the `sender`,
 * `organization` and most of `repository`'s URLs; ids are made up). Exported from the package's
 * test utilities so the backend's end-to-end test replays the same deliveries.
 */

export const FIXTURE_OWNER = 'waooaw-agents';
const RUN_ID = 12_345_678_901;
const HEAD_SHA = '9f2c1d7e4b8a6035f1e2d3c4b5a69788a1b2c3d4';

const repository = (name: string) => ({
  id: 881_234_567,
  node_id: 'R_kgDONIzX1w',
  name,
  full_name: `${FIXTURE_OWNER}/${name}`,
  private: true,
  owner: {
    login: FIXTURE_OWNER,
    id: 170_223_344,
    type: 'Organization',
    html_url: `https://github.com/${FIXTURE_OWNER}`,
  },
  html_url: `https://github.com/${FIXTURE_OWNER}/${name}`,
  default_branch: 'main',
});

export type RunStatus = 'requested' | 'in_progress' | 'completed';

/** A `workflow_run` delivery (X-GitHub-Event: workflow_run). */
export function workflowRunPayload(
  repo: string,
  opts: {
    action: 'requested' | 'in_progress' | 'completed';
    conclusion?: 'success' | 'failure' | null;
    runId?: number;
    attempt?: number;
    workflow?: string;
    updatedAt?: string;
  },
) {
  const runId = opts.runId ?? RUN_ID;
  const status: RunStatus =
    opts.action === 'requested' ? 'requested' : opts.action;
  return {
    action: opts.action,
    workflow_run: {
      id: runId,
      name: opts.workflow ?? 'CI',
      node_id: 'WFR_kwLOM8p4Z88AAAAC4AbCdE',
      head_branch: 'main',
      head_sha: HEAD_SHA,
      path: '.github/workflows/ci.yml',
      display_title: 'Initial agent code (generated)',
      run_number: 1,
      event: 'push',
      status,
      conclusion:
        opts.action === 'completed' ? opts.conclusion ?? 'success' : null,
      workflow_id: 118_877_665,
      check_suite_id: 31_234_567_890,
      url: `https://api.github.com/repos/${FIXTURE_OWNER}/${repo}/actions/runs/${runId}`,
      html_url: `https://github.com/${FIXTURE_OWNER}/${repo}/actions/runs/${runId}`,
      created_at: '2026-12-21T09:00:02Z',
      updated_at: opts.updatedAt ?? '2026-12-21T09:00:05Z',
      run_attempt: opts.attempt ?? 1,
      run_started_at: '2026-12-21T09:00:02Z',
      jobs_url: `https://api.github.com/repos/${FIXTURE_OWNER}/${repo}/actions/runs/${runId}/jobs`,
      logs_url: `https://api.github.com/repos/${FIXTURE_OWNER}/${repo}/actions/runs/${runId}/logs`,
      head_commit: {
        id: HEAD_SHA,
        message: 'Initial agent code (generated)',
        timestamp: '2026-12-21T08:59:58Z',
        author: { name: 'pp-scaffolder[bot]', email: 'bot@waooaw.com' },
      },
    },
    workflow: {
      id: 118_877_665,
      name: opts.workflow ?? 'CI',
      path: '.github/workflows/ci.yml',
      state: 'active',
    },
    repository: repository(repo),
  };
}

/** The CI workflow's jobs, one per stage, with the minute each starts. */
export const CI_JOBS = [
  { name: 'Lint', id: 34_100_000_001, start: 0, minutes: 1 },
  { name: 'Unit tests', id: 34_100_000_002, start: 1, minutes: 6 },
  { name: 'Build image', id: 34_100_000_003, start: 7, minutes: 8 },
  { name: 'Integration tests', id: 34_100_000_004, start: 15, minutes: 10 },
  { name: 'Push image', id: 34_100_000_005, start: 25, minutes: 2 },
] as const;

const at = (minute: number, second = 0) =>
  new Date(Date.UTC(2026, 11, 21, 9, minute + 1, second))
    .toISOString()
    .replace('.000Z', 'Z');

/** A `workflow_job` delivery (X-GitHub-Event: workflow_job) of one of `CI_JOBS`. */
export function workflowJobPayload(
  repo: string,
  job: (typeof CI_JOBS)[number],
  opts: {
    action: 'queued' | 'in_progress' | 'completed';
    conclusion?: 'success' | 'failure' | 'skipped';
    runId?: number;
    attempt?: number;
  },
) {
  const runId = opts.runId ?? RUN_ID;
  const completed = opts.action === 'completed';
  return {
    action: opts.action,
    workflow_job: {
      id: job.id,
      run_id: runId,
      workflow_name: 'CI',
      head_branch: 'main',
      run_url: `https://api.github.com/repos/${FIXTURE_OWNER}/${repo}/actions/runs/${runId}`,
      run_attempt: opts.attempt ?? 1,
      node_id: 'CR_kwDONIzX188AAAAH8mNoPq',
      head_sha: HEAD_SHA,
      url: `https://api.github.com/repos/${FIXTURE_OWNER}/${repo}/actions/jobs/${job.id}`,
      html_url: `https://github.com/${FIXTURE_OWNER}/${repo}/actions/runs/${runId}/job/${job.id}`,
      status: opts.action,
      conclusion: completed ? opts.conclusion ?? 'success' : null,
      created_at: at(job.start),
      started_at: opts.action === 'queued' ? at(job.start) : at(job.start, 5),
      completed_at: completed ? at(job.start + job.minutes, 5) : null,
      name: job.name,
      steps: [],
      check_run_url: `https://api.github.com/repos/${FIXTURE_OWNER}/${repo}/check-runs/${job.id}`,
      labels: ['ubuntu-latest'],
      runner_id: completed ? 7 : null,
      runner_name: completed ? 'GitHub Actions 7' : null,
      runner_group_id: completed ? 2 : null,
      runner_group_name: completed ? 'GitHub Actions' : null,
    },
    repository: repository(repo),
  };
}

/** One delivery: its event type (header) and payload. */
export interface GithubDelivery {
  event: 'workflow_run' | 'workflow_job';
  payload: object;
}

/**
 * A whole CI run as GitHub delivers it: the run requested and in progress, each job queued,
 * in progress and completed in order, the run completed. `failAt` fails that job (the later ones
 * are skipped, as `needs:` makes GitHub do) and the run.
 */
export function ciRunDeliveries(
  repo: string,
  opts: { failAt?: (typeof CI_JOBS)[number]['name']; runId?: number } = {},
): GithubDelivery[] {
  const out: GithubDelivery[] = [
    {
      event: 'workflow_run',
      payload: workflowRunPayload(repo, {
        action: 'requested',
        runId: opts.runId,
      }),
    },
    {
      event: 'workflow_run',
      payload: workflowRunPayload(repo, {
        action: 'in_progress',
        runId: opts.runId,
      }),
    },
  ];
  let failed = false;
  for (const job of CI_JOBS) {
    if (failed) {
      out.push({
        event: 'workflow_job',
        payload: workflowJobPayload(repo, job, {
          action: 'completed',
          conclusion: 'skipped',
          runId: opts.runId,
        }),
      });
      continue;
    }
    out.push(
      {
        event: 'workflow_job',
        payload: workflowJobPayload(repo, job, {
          action: 'queued',
          runId: opts.runId,
        }),
      },
      {
        event: 'workflow_job',
        payload: workflowJobPayload(repo, job, {
          action: 'in_progress',
          runId: opts.runId,
        }),
      },
    );
    const fails = job.name === opts.failAt;
    out.push({
      event: 'workflow_job',
      payload: workflowJobPayload(repo, job, {
        action: 'completed',
        conclusion: fails ? 'failure' : 'success',
        runId: opts.runId,
      }),
    });
    failed = fails;
  }
  out.push({
    event: 'workflow_run',
    payload: workflowRunPayload(repo, {
      action: 'completed',
      conclusion: failed ? 'failure' : 'success',
      runId: opts.runId,
      updatedAt: at(27, 30),
    }),
  });
  return out;
}

import {
  GithubConclusion,
  GithubStatus,
  PIPELINE_STAGES,
  PipelineEventFacts,
  PipelineStageKey,
  WorkflowJobFacts,
  WorkflowRunFacts,
  emptyPipeline,
  pipelineFailureReason,
  pipelineFrom,
  pipelineMove,
  reducePipeline,
  stageForJob,
} from './pipeline';

const T0 = Date.parse('2026-12-03T08:00:00Z');
const iso = (min: number) => new Date(T0 + min * 60_000).toISOString();
const REPO = 'https://github.com/waooaw/agent-lead-qualifier';

const JOB_IDS: Record<PipelineStageKey, number> = {
  lint: 1,
  unit_tests: 2,
  build_image: 3,
  integration_tests: 4,
  push: 5,
};
const jobName = (key: PipelineStageKey) =>
  PIPELINE_STAGES.find(s => s.key === key)!.job;

function run(
  status: GithubStatus,
  conclusion: GithubConclusion = null,
  opts: { attempt?: number; run_id?: number; end?: number } = {},
): WorkflowRunFacts {
  const runId = opts.run_id ?? 100;
  const attempt = opts.attempt ?? 1;
  return {
    kind: 'workflow_run',
    run_id: runId,
    run_attempt: attempt,
    head_sha: 'abc123',
    status,
    conclusion,
    started_at: iso(0),
    completed_at: status === 'completed' ? iso(opts.end ?? 35) : null,
    html_url: `${REPO}/actions/runs/${runId}/attempts/${attempt}`,
  };
}

function job(
  key: PipelineStageKey,
  status: GithubStatus,
  conclusion: GithubConclusion,
  start: number | null,
  end: number | null,
  opts: { attempt?: number; run_id?: number } = {},
): WorkflowJobFacts {
  const attempt = opts.attempt ?? 1;
  const id =
    JOB_IDS[key] + 10 * (attempt - 1) + 1000 * ((opts.run_id ?? 100) - 100);
  return {
    kind: 'workflow_job',
    run_id: opts.run_id ?? 100,
    run_attempt: attempt,
    job_id: id,
    name: jobName(key),
    status,
    conclusion,
    started_at: start === null ? null : iso(start),
    completed_at: end === null ? null : iso(end),
    html_url: `${REPO}/actions/runs/100/job/${id}`,
  };
}

/** The five stages in the spec's times: 2, 8, 10, 12, 3 minutes. */
const SPEC_TIMES: Array<[PipelineStageKey, number, number]> = [
  ['lint', 0, 2],
  ['unit_tests', 2, 10],
  ['build_image', 10, 20],
  ['integration_tests', 20, 32],
  ['push', 32, 35],
];

const success = (attempt = 1): PipelineEventFacts[] => [
  run('in_progress', null, { attempt }),
  ...SPEC_TIMES.flatMap(([key, start, end]) => [
    job(key, 'queued', null, null, null, { attempt }),
    job(key, 'in_progress', null, start, null, { attempt }),
    job(key, 'completed', 'success', start, end, { attempt }),
  ]),
  run('completed', 'success', { attempt }),
];

const statuses = (p: ReturnType<typeof pipelineFrom>) =>
  p.stages.map(s => s.status);

describe('stageForJob', () => {
  it.each([
    ['Lint', 'lint'],
    ['lint', 'lint'],
    ['Unit tests', 'unit_tests'],
    ['unit-tests', 'unit_tests'],
    ['Build image', 'build_image'],
    ['INTEGRATION_TESTS', 'integration_tests'],
    ['Push image', 'push'],
    ['push', 'push'],
    ['Deploy docs', undefined],
  ])('%s → %s', (name, key) => {
    expect(stageForJob(name)).toBe(key);
  });
});

describe('reducePipeline', () => {
  it('starts with five pending stages', () => {
    const p = emptyPipeline();
    expect(p.status).toBe('pending');
    expect(p.stages.map(s => s.key)).toEqual([
      'lint',
      'unit_tests',
      'build_image',
      'integration_tests',
      'push',
    ]);
  });

  it('passes the five stages with their durations and log links', () => {
    const p = pipelineFrom(success());
    expect(p.status).toBe('passed');
    expect(p.failed_stage).toBeNull();
    expect(statuses(p)).toEqual(Array(5).fill('passed'));
    expect(p.stages.map(s => s.duration_ms! / 60_000)).toEqual([
      2, 8, 10, 12, 3,
    ]);
    expect(p.stages.map(s => s.duration_ms! <= s.expected_ms)).toEqual(
      Array(5).fill(true),
    );
    expect(p.stages[0].log_url).toBe(`${REPO}/actions/runs/100/job/1`);
    expect(p.duration_ms).toBe(35 * 60_000);
    expect(p.run_url).toBe(`${REPO}/actions/runs/100/attempts/1`);
    expect(p.head_sha).toBe('abc123');
  });

  it('shows a running stage and the pending ones after it', () => {
    const p = pipelineFrom([
      run('in_progress'),
      job('lint', 'completed', 'success', 0, 2),
      job('unit_tests', 'in_progress', null, 2, null),
    ]);
    expect(p.status).toBe('running');
    expect(statuses(p)).toEqual([
      'passed',
      'running',
      'pending',
      'pending',
      'pending',
    ]);
    expect(p.stages[1]).toMatchObject({
      started_at: iso(2),
      completed_at: null,
      duration_ms: null,
    });
  });

  it.each<[PipelineStageKey, GithubConclusion]>([
    ['lint', 'failure'],
    ['unit_tests', 'failure'],
    ['build_image', 'timed_out'],
    ['integration_tests', 'cancelled'],
    ['push', 'failure'],
  ])('a %s %s halts the later stages', (failing, conclusion) => {
    const events: PipelineEventFacts[] = [run('in_progress')];
    const index = PIPELINE_STAGES.findIndex(s => s.key === failing);
    for (const [key, start, end] of SPEC_TIMES.slice(0, index)) {
      events.push(job(key, 'completed', 'success', start, end));
    }
    const [, start, end] = SPEC_TIMES[index];
    events.push(job(failing, 'completed', conclusion, start, end));
    // GitHub then skips the jobs that need the failed one
    for (const [key] of SPEC_TIMES.slice(index + 1)) {
      events.push(job(key, 'completed', 'skipped', null, end));
    }
    events.push(run('completed', 'failure', { end }));
    const p = pipelineFrom(events);
    expect(p.status).toBe('failed');
    expect(p.failed_stage).toBe(failing);
    expect(statuses(p)).toEqual([
      ...Array(index).fill('passed'),
      'failed',
      ...Array(4 - index).fill('halted'),
    ]);
    expect(pipelineFailureReason(p)).toContain(PIPELINE_STAGES[index].title);
  });

  it('halts a later stage whose queued event comes after the failure', () => {
    const p = pipelineFrom([
      run('in_progress'),
      job('lint', 'completed', 'failure', 0, 1),
      job('unit_tests', 'queued', null, null, null),
    ]);
    expect(p.status).toBe('failed');
    expect(statuses(p).slice(0, 2)).toEqual(['failed', 'halted']);
  });

  it('ignores events that arrive out of order: a completed job stays completed', () => {
    const events = success();
    // every job's events reversed, the run's too
    const shuffled = [...events].reverse();
    const p = pipelineFrom(shuffled);
    expect(p.status).toBe('passed');
    expect(statuses(p)).toEqual(Array(5).fill('passed'));
    expect(p.stages.map(s => s.duration_ms! / 60_000)).toEqual([
      2, 8, 10, 12, 3,
    ]);
    expect(p.run_status).toBe('completed');
  });

  it('a late in_progress does not reopen a failed stage', () => {
    const p = pipelineFrom([
      job('lint', 'completed', 'failure', 0, 1),
      job('lint', 'in_progress', null, 0, null),
    ]);
    expect(p.stages[0]).toMatchObject({
      status: 'failed',
      completed_at: iso(1),
    });
  });

  it('takes a duplicate delivery once', () => {
    const once = pipelineFrom(success());
    const twice = pipelineFrom([...success(), ...success()]);
    expect(twice).toEqual(once);
  });

  it('a re-run of all jobs (attempt 2) resets what did not pass and can pass', () => {
    const failed = pipelineFrom([
      run('in_progress'),
      job('lint', 'completed', 'success', 0, 2),
      job('unit_tests', 'completed', 'failure', 2, 9),
      run('completed', 'failure', { end: 9 }),
    ]);
    expect(failed.status).toBe('failed');
    const rerun = reducePipeline(failed, run('queued', null, { attempt: 2 }));
    expect(rerun.status).toBe('running');
    expect(rerun.run_attempt).toBe(2);
    // lint passed in attempt 1: kept until attempt 2 runs it again
    expect(statuses(rerun)).toEqual(['passed', ...Array(4).fill('pending')]);
    const lintAgain = reducePipeline(
      rerun,
      job('lint', 'queued', null, null, null, { attempt: 2 }),
    );
    expect(lintAgain.stages[0]).toMatchObject({
      status: 'queued',
      run_attempt: 2,
      started_at: null,
      completed_at: null,
    });
    expect(pipelineMove(failed, rerun)).toBe('start_ci');

    const passed = success(2).reduce(reducePipeline, rerun);
    expect(passed.status).toBe('passed');
    expect(pipelineMove(rerun, passed)).toBe('pass_ci');
  });

  it('passes after "re-run failed jobs", which runs only the failed stage and those after it', () => {
    const attempt1: PipelineEventFacts[] = [
      run('in_progress'),
      ...SPEC_TIMES.slice(0, 3).map(([key, start, end]) =>
        job(key, 'completed', 'success', start, end),
      ),
      job('integration_tests', 'completed', 'failure', 20, 25),
      job('push', 'completed', 'skipped', null, 25),
      run('completed', 'failure', { end: 25 }),
    ];
    const failed = pipelineFrom(attempt1);
    expect(statuses(failed)).toEqual([
      'passed',
      'passed',
      'passed',
      'failed',
      'halted',
    ]);
    const attempt2: PipelineEventFacts[] = [
      run('in_progress', null, { attempt: 2 }),
      job('integration_tests', 'completed', 'success', 40, 52, { attempt: 2 }),
      job('push', 'completed', 'success', 52, 55, { attempt: 2 }),
      run('completed', 'success', { attempt: 2, end: 55 }),
    ];
    const passed = attempt2.reduce(reducePipeline, failed);
    expect(passed.status).toBe('passed');
    expect(passed.stages.map(s => s.run_attempt)).toEqual([1, 1, 1, 2, 2]);
    expect(passed.stages[3].log_url).toContain(`/job/${4 + 10}`);
    expect(pipelineMove(failed, passed)).toBe('pass_ci');
  });

  it('ignores late events of the earlier attempt after a re-run', () => {
    const p = pipelineFrom([
      run('in_progress', null, { attempt: 2 }),
      job('lint', 'completed', 'success', 0, 2, { attempt: 2 }),
      job('unit_tests', 'completed', 'failure', 2, 9, { attempt: 1 }),
      run('completed', 'failure', { attempt: 1 }),
    ]);
    expect(p.status).toBe('running');
    expect(p.run_attempt).toBe(2);
    expect(statuses(p)).toEqual([
      'passed',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('a newer run (a new commit) replaces the pipeline; the older run is ignored after', () => {
    const p = pipelineFrom([
      run('in_progress'),
      job('lint', 'completed', 'failure', 0, 1),
      run('in_progress', null, { run_id: 101 }),
      job('lint', 'completed', 'success', 0, 2, { run_id: 101 }),
      run('completed', 'failure', { run_id: 100 }),
    ]);
    expect(p.run_id).toBe(101);
    expect(p.status).toBe('running');
    expect(statuses(p)[0]).toBe('passed');
  });

  it('ignores jobs that are not stages', () => {
    const before = pipelineFrom([run('in_progress')]);
    const after = reducePipeline(before, {
      ...job('lint', 'completed', 'failure', 0, 1),
      name: 'Deploy docs',
    });
    expect(after).toEqual(before);
  });

  it('fails a run that completes before all five stages passed', () => {
    const p = pipelineFrom([
      run('in_progress'),
      job('lint', 'completed', 'success', 0, 2),
      run('completed', 'cancelled', { end: 3 }),
    ]);
    expect(p.status).toBe('failed');
    expect(p.failed_stage).toBeNull();
    expect(pipelineFailureReason(p)).toBe(
      'The workflow run ended cancelled before Unit tests (Pytest), Build Docker image, Integration tests, Push to registry passed',
    );
  });

  it('does not pass while a stage is missing, even if the run says success', () => {
    const events = success().filter(
      e => !(e.kind === 'workflow_job' && e.name === 'Push image'),
    );
    expect(pipelineFrom(events).status).toBe('failed');
    expect(pipelineFrom(events.slice(0, -1)).status).toBe('running');
  });
});

describe('pipelineMove', () => {
  it.each<
    [string, PipelineEventFacts[], PipelineEventFacts, string | undefined]
  >([
    ['first event', [], run('queued'), 'start_ci'],
    [
      'first job event',
      [],
      job('lint', 'queued', null, null, null),
      'start_ci',
    ],
    [
      'progress',
      [run('in_progress')],
      job('lint', 'in_progress', null, 0, null),
      undefined,
    ],
    [
      'a failure',
      [run('in_progress')],
      job('lint', 'completed', 'failure', 0, 1),
      'fail_ci',
    ],
    [
      'after a failure',
      [run('in_progress'), job('lint', 'completed', 'failure', 0, 1)],
      run('completed', 'failure'),
      undefined,
    ],
    ['the pass', success().slice(0, -2), success().slice(-2)[0], 'pass_ci'],
    [
      'after the pass',
      success().slice(0, -1),
      run('completed', 'success'),
      undefined,
    ],
  ])('%s → %s', (_name, before, event, want) => {
    const a = pipelineFrom(before);
    expect(pipelineMove(a, reducePipeline(a, event))).toBe(want);
  });
});

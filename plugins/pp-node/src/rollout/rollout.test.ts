import type { DeploymentTargetStatus } from './deploymentTarget';
import {
  BLUE_GREEN_PLAN,
  RETUNING_GATES,
  Rollout,
  RolloutChange,
  RolloutObservation,
  abortRollout,
  evaluateGates,
  intendedWeight,
  newRollout,
  nextStep,
} from './rollout';

const T0 = new Date('2026-12-03T08:00:00Z');
const min = (m: number) => new Date(T0.getTime() + m * 60_000);

const change: RolloutChange = {
  kind: 'upgrade',
  subject: 'sales-prospecting-sdr',
  target_ref: 'agents/sales-prospecting-sdr',
  from_version: '1.4.0',
  to_version: '1.5.0',
  baseline: { error_rate: 0.01, p95_ms: 800 },
};

const target = (
  over: Partial<DeploymentTargetStatus> = {},
): DeploymentTargetStatus => ({
  green_version: '1.5.0',
  green_ready: true,
  weight: 0,
  phase: 'progressing',
  ...over,
});

const healthy = { samples: 500, values: { error_rate: 0.012, p95_ms: 900 } };

/** Steps the engine, checking the action each time. */
function drive(
  r: Rollout,
  steps: Array<[number, RolloutObservation, string, unknown?]>,
): Rollout {
  let cur = r;
  for (const [m, obs, type, more] of steps) {
    const s = nextStep(cur, obs, min(m));
    expect({ at: m, action: s.action }).toEqual({
      at: m,
      action: expect.objectContaining({ type, ...(more as object) }),
    });
    cur = s.rollout;
  }
  return cur;
}

/** A rollout in canary at 10 %, watched from minute 6. */
const inCanary = () =>
  drive(newRollout('r-1', change, T0), [
    [0, {}, 'deploy', { version: '1.5.0' }],
    [5, { target: target() }, 'run_smoke_tests'],
    [6, { smoke: { passed: 10, failed: 0 } }, 'set_weight', { weight: 10 }],
    [6, { target: target({ weight: 10 }) }, 'wait', { until: min(66) }],
  ]);

describe('nextStep: the happy path', () => {
  it('deploys green, smoke tests, 10 % for an hour, 100 %, blue on standby', () => {
    const r = inCanary();
    expect(r.phase).toBe('canary');
    expect(r.watch_until).toEqual(min(66));
    expect(intendedWeight(r)).toBe(10);

    const watched = drive(r, [
      [10, { target: target({ weight: 10 }), metrics: healthy }, 'wait'],
      [40, { target: target({ weight: 10 }), metrics: healthy }, 'wait'],
      [66, { target: target({ weight: 10 }), metrics: healthy }, 'promote'],
    ]);
    expect(watched.phase).toBe('promoting');
    expect(intendedWeight(watched)).toBe(100);
    expect(watched.last_analysis?.map(a => a.outcome)).toEqual([
      'pass',
      'pass',
    ]);

    const done = drive(watched, [
      [67, { target: target({ weight: 60 }) }, 'wait'],
      [68, { target: target({ weight: 100, phase: 'healthy' }) }, 'none'],
    ]);
    expect(done.phase).toBe('completed');
    expect(done.completed_at).toEqual(min(68));
    expect(done.standby_until).toEqual(
      new Date(min(68).getTime() + 7 * 24 * 3_600_000),
    );
    expect(done.history.map(h => [h.from, h.to, h.action])).toEqual([
      ['pending', 'deploying', 'deploy'],
      ['deploying', 'smoke_testing', 'run_smoke_tests'],
      ['smoke_testing', 'canary', 'set_weight'],
      ['canary', 'promoting', 'promote'],
      ['promoting', 'completed', 'none'],
    ]);
    expect(done.history[4].note).toBe(
      'all traffic on 1.5.0; 1.4.0 kept as standby',
    );
    // a completed rollout does nothing more
    expect(
      nextStep(
        done,
        { metrics: { samples: 9, values: { error_rate: 1 } } },
        min(70),
      ).action,
    ).toEqual({
      type: 'none',
    });
  });

  it('does not promote before the hour is over, however good the metrics', () => {
    const r = inCanary();
    const s = nextStep(
      r,
      { target: target({ weight: 10 }), metrics: healthy },
      min(65.99),
    );
    expect(s.action).toEqual({
      type: 'wait',
      until: min(66),
      reason: expect.stringContaining('watching green at 10 %'),
    });
    expect(s.rollout.phase).toBe('canary');
  });

  it('starts the hour when the target shows 10 %, not when it was asked for', () => {
    const r = drive(newRollout('r', change, T0), [
      [0, {}, 'deploy'],
      [5, { target: target() }, 'run_smoke_tests'],
      [6, { smoke: { passed: 10, failed: 0 } }, 'set_weight', { weight: 10 }],
      [7, {}, 'wait', { until: min(16) }],
      [8, { target: target({ weight: 0 }) }, 'set_weight', { weight: 10 }],
      [9, { target: target({ weight: 10 }) }, 'wait', { until: min(69) }],
      [66, { target: target({ weight: 10 }), metrics: healthy }, 'wait'],
      [69, { target: target({ weight: 10 }), metrics: healthy }, 'promote'],
    ]);
    expect(r.phase).toBe('promoting');
  });

  it('applies the canary weight again when the target drifted', () => {
    const s = nextStep(inCanary(), { target: target({ weight: 0 }) }, min(20));
    expect(s.action).toEqual({ type: 'set_weight', weight: 10 });
    expect(s.rollout.history).toHaveLength(3);
  });

  it('walks more canary steps when the plan has them (a canary retuning)', () => {
    const plan = { ...BLUE_GREEN_PLAN, canary_weights: [10, 50] };
    const r = drive(newRollout('r-2', change, T0, plan), [
      [0, {}, 'deploy'],
      [1, { target: target() }, 'run_smoke_tests'],
      [2, { smoke: { passed: 10, failed: 0 } }, 'set_weight', { weight: 10 }],
      [3, { target: target({ weight: 10 }) }, 'wait', { until: min(63) }],
      [63, { metrics: healthy }, 'set_weight', { weight: 50 }],
      [64, { target: target({ weight: 10 }) }, 'set_weight', { weight: 50 }],
      [65, { target: target({ weight: 50 }) }, 'wait', { until: min(125) }],
      [100, { metrics: healthy }, 'wait'],
      [125, { metrics: healthy }, 'promote'],
    ]);
    expect(r.phase).toBe('promoting');
  });

  it('refuses a plan without increasing weights between 0 and 100', () => {
    for (const canary_weights of [[], [0], [100], [50, 10]]) {
      expect(() =>
        newRollout('r', change, T0, { ...BLUE_GREEN_PLAN, canary_weights }),
      ).toThrow(/increasing canary weights/);
    }
  });
});

describe('nextStep: rollback on the analysis gates', () => {
  it.each<[string, Record<string, number>, string]>([
    [
      'error rate above 5 %',
      { error_rate: 0.051, p95_ms: 900 },
      'Analysis gates failed: Error rate 5.1 % is above 5 %',
    ],
    [
      'p95 above 2× the baseline',
      { error_rate: 0.01, p95_ms: 1601 },
      'Analysis gates failed: Response time (p95) 1601 is more than 2× the baseline 800',
    ],
    [
      'both',
      { error_rate: 0.2, p95_ms: 5000 },
      'Analysis gates failed: Error rate 20 % is above 5 %; Response time (p95) 5000 is more than 2× the baseline 800',
    ],
  ])('rolls back in canary on %s', (_name, values, reason) => {
    const s = nextStep(
      inCanary(),
      { metrics: { samples: 200, values } },
      min(30),
    );
    expect(s.action).toEqual({ type: 'abort', reason });
    expect(s.rollout).toMatchObject({
      phase: 'rolled_back',
      rollback_reason: reason,
    });
    expect(s.analysis?.some(a => a.outcome === 'fail')).toBe(true);
    expect(intendedWeight(s.rollout)).toBe(0);
    expect(nextStep(s.rollout, {}, min(31)).action).toEqual({ type: 'none' });
  });

  it('accepts values on the limits (5 %, exactly 2× the baseline)', () => {
    const s = nextStep(
      inCanary(),
      { metrics: { samples: 200, values: { error_rate: 0.05, p95_ms: 1600 } } },
      min(66),
    );
    expect(s.action.type).toBe('promote');
  });

  it('rolls back while promoting too', () => {
    const promoting = drive(inCanary(), [
      [66, { metrics: healthy }, 'promote'],
    ]);
    const s = nextStep(
      promoting,
      { metrics: { samples: 50, values: { error_rate: 0.09, p95_ms: 700 } } },
      min(67),
    );
    expect(s.action).toMatchObject({ type: 'abort' });
    expect(s.rollout.phase).toBe('rolled_back');
  });

  it('does not judge metrics with too few samples', () => {
    const plan = { ...BLUE_GREEN_PLAN, min_samples: 100 };
    const r = drive(newRollout('r', change, T0, plan), [
      [0, {}, 'deploy'],
      [1, { target: target() }, 'run_smoke_tests'],
      [2, { smoke: { passed: 3, failed: 0 } }, 'set_weight'],
    ]);
    const s = nextStep(
      r,
      { metrics: { samples: 99, values: { error_rate: 0.5, p95_ms: 9000 } } },
      min(10),
    );
    expect(s.action.type).toBe('wait');
    expect(s.analysis).toBeUndefined();
  });

  it('waits for a conclusive analysis after the watch, then rolls back', () => {
    const r = inCanary();
    const noP95 = { samples: 100, values: { error_rate: 0.01 } };
    const s1 = nextStep(r, { metrics: noP95 }, min(66));
    expect(s1.action).toEqual({
      type: 'wait',
      until: min(81),
      reason: 'waiting for a conclusive analysis of the watch',
    });
    expect(s1.analysis?.map(a => a.outcome)).toEqual(['pass', 'inconclusive']);
    expect(nextStep(r, {}, min(81)).action.type).toBe('wait');
    const s2 = nextStep(r, { metrics: noP95 }, min(81.5));
    expect(s2.action).toEqual({
      type: 'abort',
      reason:
        'No conclusive analysis within 15 minutes after the watch: Response time (p95): nothing measured on green yet',
    });
    expect(nextStep(r, {}, min(82)).action).toEqual({
      type: 'abort',
      reason:
        'No conclusive analysis within 15 minutes after the watch: no metrics observed',
    });
  });
});

describe('nextStep: rollback before traffic and on timeouts', () => {
  it('rolls back on failed smoke tests', () => {
    const r = drive(newRollout('r', change, T0), [
      [0, {}, 'deploy'],
      [1, { target: target() }, 'run_smoke_tests'],
    ]);
    const s = nextStep(
      r,
      {
        smoke: {
          passed: 8,
          failed: 2,
          failures: ['POST /run 500', 'GET /health 503'],
        },
      },
      min(3),
    );
    expect(s.action).toEqual({
      type: 'abort',
      reason: 'Smoke tests failed (2 of 10): POST /run 500; GET /health 503',
    });
  });

  it('rolls back when no smoke test ran', () => {
    const r = drive(newRollout('r', change, T0), [
      [0, {}, 'deploy'],
      [1, { target: target() }, 'run_smoke_tests'],
    ]);
    expect(
      nextStep(r, { smoke: { passed: 0, failed: 0 } }, min(2)).action.type,
    ).toBe('abort');
  });

  // [name, steps of the path taken, observation, timeout (min), action until then, reason]
  it.each<[string, number, RolloutObservation, number, string, string]>([
    [
      'green not ready',
      1,
      { target: target({ green_ready: false }) },
      15,
      'wait',
      'Green 1.5.0 was not ready within 15 minutes',
    ],
    [
      // the deploy is given again while the target shows the old version
      'green of another version',
      1,
      { target: target({ green_version: '1.4.0' }) },
      15,
      'deploy',
      'Green 1.5.0 was not ready within 15 minutes',
    ],
    [
      'no smoke results',
      2,
      {},
      10,
      'wait',
      'No smoke test results within 10 minutes',
    ],
    [
      'canary weight not shown by the target',
      3,
      { target: target({ weight: 0 }) },
      10,
      'set_weight',
      'The traffic shift to 10 % was not confirmed within 10 minutes',
    ],
    [
      'no target status during the shift',
      3,
      {},
      10,
      'wait',
      'The traffic shift to 10 % was not confirmed within 10 minutes',
    ],
    [
      'promotion not confirmed',
      5,
      { target: target({ weight: 10 }) },
      10,
      'wait',
      'The promotion to 100 % was not confirmed within 10 minutes',
    ],
  ])(
    '%s: not final up to the timeout, then rolls back',
    (_name, steps, obs, timeout, onTimeAction, reason) => {
      let r = newRollout('r', change, T0);
      const path: Array<[number, RolloutObservation]> = [
        [0, {}],
        [1, { target: target() }],
        [2, { smoke: { passed: 10, failed: 0 } }],
        [2, { target: target({ weight: 10 }) }],
        [62, { metrics: healthy }],
      ];
      for (const [m, o] of path.slice(0, steps)) {
        r = nextStep(r, o, min(m)).rollout;
      }
      const since = r.phase_since.getTime();
      const onTime = nextStep(r, obs, new Date(since + timeout * 60_000));
      expect(onTime.action.type).toBe(onTimeAction);
      expect(onTime.rollout).toBe(r);
      const late = nextStep(r, obs, new Date(since + timeout * 60_000 + 1));
      expect(late.action).toEqual({ type: 'abort', reason });
    },
  );

  it('rolls back a degraded green', () => {
    const r = drive(newRollout('r', change, T0), [[0, {}, 'deploy']]);
    const s = nextStep(
      r,
      {
        target: target({
          green_ready: false,
          phase: 'degraded',
          message: 'CrashLoopBackOff',
        }),
      },
      min(2),
    );
    expect(s.action).toEqual({
      type: 'abort',
      reason: 'Green 1.5.0 is degraded: CrashLoopBackOff',
    });
  });

  it('ends without another abort when the target was aborted outside', () => {
    const s = nextStep(
      inCanary(),
      { target: target({ phase: 'aborted', message: 'aborted by kubectl' }) },
      min(20),
    );
    expect(s.action).toEqual({ type: 'none' });
    expect(s.rollout).toMatchObject({
      phase: 'rolled_back',
      rollback_reason:
        'The deployment target aborted the rollout: aborted by kubectl',
    });
  });
});

it('does not take an abort left from an earlier rollout for this one', () => {
  const r = drive(newRollout('r', change, T0), [[0, {}, 'deploy']]);
  const old = target({ phase: 'aborted', green_version: '1.4.1', weight: 0 });
  const s = nextStep(r, { target: old }, min(1));
  expect(s.action).toEqual({ type: 'deploy', version: '1.5.0' });
  expect(s.rollout.phase).toBe('deploying');
  const now = target({ phase: 'aborted', green_version: '1.5.0' });
  expect(nextStep(r, { target: now }, min(2)).rollout.phase).toBe(
    'rolled_back',
  );
});

describe('abortRollout', () => {
  it('rolls back a rollout in progress with the reason', () => {
    const s = abortRollout(inCanary(), '  customer escalation ', min(20));
    expect(s).toMatchObject({
      action: { type: 'abort', reason: 'Aborted: customer escalation' },
      rollout: { phase: 'rolled_back' },
    });
  });

  it('refuses a final rollout and an empty reason', () => {
    const rolledBack = nextStep(
      inCanary(),
      { metrics: { samples: 9, values: { error_rate: 0.5, p95_ms: 1 } } },
      min(20),
    ).rollout;
    expect(abortRollout(rolledBack, 'again', min(21))).toEqual({
      error: 'The rollout is rolled_back: there is nothing to abort',
    });
    expect(abortRollout(inCanary(), ' ', min(21))).toEqual({
      error: 'Aborting a rollout needs a reason',
    });
  });
});

describe('evaluateGates for a retuning', () => {
  const baseline = {
    error_rate: 0.01,
    p95_ms: 800,
    accuracy: 0.9,
    complaints: 0,
  };
  const ok = { error_rate: 0.01, p95_ms: 800, accuracy: 0.9, complaints: 0 };

  it.each<[string, Record<string, number>, string | undefined]>([
    ['all good', ok, undefined],
    ['accuracy down 5 % exactly', { ...ok, accuracy: 0.855 }, undefined],
    [
      'accuracy down more than 5 %',
      { ...ok, accuracy: 0.85 },
      'Accuracy 85 % dropped more than 5 % below the baseline 90 %',
    ],
    ['3 complaints', { ...ok, complaints: 3 }, undefined],
    [
      '4 complaints',
      { ...ok, complaints: 4 },
      'Customer complaints 4 is above 3',
    ],
  ])('%s', (_name, values, failure) => {
    const results = evaluateGates(RETUNING_GATES, baseline, values);
    expect(
      results.filter(r => r.outcome === 'fail').map(r => r.reason),
    ).toEqual(failure ? [failure] : []);
  });

  it('is inconclusive without a baseline for a relative gate', () => {
    const [, p95] = evaluateGates(RETUNING_GATES, {}, ok);
    expect(p95).toMatchObject({
      outcome: 'inconclusive',
      threshold: null,
      reason: 'Response time (p95): no baseline to compare with',
    });
  });
});

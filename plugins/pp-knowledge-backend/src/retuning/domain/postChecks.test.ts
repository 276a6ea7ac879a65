import { newRollout, nextStep, Rollout } from '@internal/plugin-pp-node';
import {
  duePostCheck,
  judgePostCheck,
  nextPostCheckAt,
  planPostChecks,
  postChecksFromJson,
  postChecksToJson,
  retuningPlan,
  rolloutFromJson,
  rolloutToJson,
} from './postChecks';

const T0 = new Date('2026-12-04T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const baseline = { error_rate: 0.01, p95_ms: 400, accuracy: 0.9 };
const healthy = { error_rate: 0.01, p95_ms: 420, accuracy: 0.9, complaints: 0 };

const CONDITIONS = [
  ['error rate above 5 %', { error_rate: 0.06 }, /Error rate 6 % is above 5 %/],
  [
    'p95 above 2× baseline',
    { p95_ms: 801 },
    /Response time \(p95\) 801 is more than 2× the baseline 400/,
  ],
  [
    'more than 3 complaints',
    { complaints: 4 },
    /Customer complaints 4 is above 3/,
  ],
  [
    'accuracy more than 5 % below blue',
    { accuracy: 0.85 },
    /Accuracy 85 % dropped more than 5 % below the baseline 90 %/,
  ],
] as const;

describe('post-deployment checks', () => {
  const completed = at(0);
  const checks = planPostChecks(completed);

  it('are due 1 h, 24 h and 7 d after completion', () => {
    expect(checks.map(c => [c.after, c.due_at.toISOString()])).toEqual([
      ['1h', '2026-12-04T11:00:00.000Z'],
      ['24h', '2026-12-05T10:00:00.000Z'],
      ['7d', '2026-12-11T10:00:00.000Z'],
    ]);
    expect(duePostCheck(checks, at(59 * MIN))).toBeUndefined();
    expect(duePostCheck(checks, at(HOUR))?.after).toBe('1h');
    expect(nextPostCheckAt(checks)).toEqual(at(HOUR));
  });

  it.each(CONDITIONS)('%s at the 24 h check rolls back', (_w, bad, reason) => {
    let list = judgePostCheck(checks, '1h', baseline, healthy, at(HOUR)).checks;
    expect(list[0].outcome).toBe('pass');
    const now = at(24 * HOUR);
    expect(duePostCheck(list, now)?.after).toBe('24h');
    const d = judgePostCheck(
      list,
      '24h',
      baseline,
      { ...healthy, ...bad },
      now,
    );
    expect(d.type).toBe('roll_back');
    const why = (d as { reason?: string }).reason;
    expect(why).toMatch(/^The 24h post-deployment check failed: /);
    expect(why).toMatch(reason);
    list = d.checks;
    expect(list[1]).toMatchObject({ outcome: 'fail', checked_at: now });
  });

  it('passes through all three to completion; missing metrics are inconclusive, not a rollback', () => {
    let d = judgePostCheck(checks, '1h', baseline, healthy, at(HOUR));
    expect(d.type).toBe('continue');
    d = judgePostCheck(
      d.checks,
      '24h',
      baseline,
      { error_rate: 0 },
      at(24 * HOUR),
    );
    expect(d.type).toBe('continue');
    expect(d.checks[1].outcome).toBe('inconclusive');
    d = judgePostCheck(d.checks, '7d', baseline, healthy, at(168 * HOUR));
    expect(d.type).toBe('complete');
    expect(nextPostCheckAt(d.checks)).toBeNull();
  });

  it('survive JSON', () => {
    expect(postChecksFromJson(postChecksToJson(checks))).toEqual(checks);
    expect(postChecksFromJson(null)).toEqual([]);
  });
});

describe('the rollout engine with the retuning plan (controlled clock)', () => {
  const change = {
    kind: 'retuning' as const,
    subject: 'ava-ads',
    target_ref: 'ava-ads',
    from_version: 'v2026-11-01',
    to_version: 'v2026-12-04',
    baseline,
  };
  const toCanary = (strategy: 'blue_green' | 'canary') => {
    let r: Rollout = newRollout('r1', change, T0, retuningPlan(strategy));
    r = nextStep(r, {}, T0).rollout; // deploy
    const ready = {
      green_version: 'v2026-12-04',
      green_ready: true,
      weight: 0,
      phase: 'paused' as const,
    };
    r = nextStep(r, { target: ready }, at(MIN)).rollout; // smoke
    r = nextStep(
      r,
      { target: ready, smoke: { passed: 1, failed: 0 } },
      at(2 * MIN),
    ).rollout;
    r = nextStep(r, { target: { ...ready, weight: 10 } }, at(3 * MIN)).rollout;
    expect(r.phase).toBe('canary');
    expect(r.watch_until).toEqual(at(63 * MIN));
    return r;
  };

  it('plans: blue-green 10 %, canary 10/25/50 %, both with the four retuning gates', () => {
    expect(retuningPlan('blue_green').canary_weights).toEqual([10]);
    expect(retuningPlan('canary').canary_weights).toEqual([10, 25, 50]);
    expect(retuningPlan('canary').gates.map(g => g.metric)).toEqual([
      'error_rate',
      'p95_ms',
      'accuracy',
      'complaints',
    ]);
  });

  it.each(CONDITIONS)(
    '%s during the canary watch rolls back with an abort',
    (_w, bad, reason) => {
      const r = toCanary('blue_green');
      const target = {
        green_version: 'v2026-12-04',
        green_ready: true,
        weight: 10,
        phase: 'paused' as const,
      };
      const ok = nextStep(
        r,
        { target, metrics: { samples: 5, values: healthy } },
        at(30 * MIN),
      );
      expect(ok.rollout.phase).toBe('canary');
      const step = nextStep(
        ok.rollout,
        { target, metrics: { samples: 5, values: { ...healthy, ...bad } } },
        at(31 * MIN),
      );
      expect(step.rollout.phase).toBe('rolled_back');
      expect(step.action.type).toBe('abort');
      expect(step.rollout.rollback_reason).toMatch(reason);
    },
  );

  it('a healthy watch promotes, then completes with blue on standby 7 days; survives JSON', () => {
    const r = toCanary('blue_green');
    const target = {
      green_version: 'v2026-12-04',
      green_ready: true,
      weight: 10,
      phase: 'paused' as const,
    };
    let s = nextStep(
      r,
      { target, metrics: { samples: 9, values: healthy } },
      at(64 * MIN),
    );
    expect(s.action.type).toBe('promote');
    s = nextStep(
      rolloutFromJson(rolloutToJson(s.rollout)),
      {
        target: { ...target, weight: 100, phase: 'healthy' },
        metrics: { samples: 9, values: healthy },
      },
      at(65 * MIN),
    );
    expect(s.rollout.phase).toBe('completed');
    expect(s.rollout.standby_until).toEqual(at(65 * MIN + 168 * HOUR));
    expect(rolloutFromJson(rolloutToJson(s.rollout))).toEqual(s.rollout);
  });
});

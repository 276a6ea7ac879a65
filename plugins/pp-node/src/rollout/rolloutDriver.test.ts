import { ConfigReader } from '@backstage/config';
import type { DeploymentTarget } from './deploymentTarget';
import { BLUE_GREEN_PLAN } from './rollout';
import { applyTargetAction, readRolloutPlan } from './rolloutDriver';

describe('readRolloutPlan', () => {
  it('takes the durations of the section in seconds and keeps the rest of the plan', () => {
    const plan = readRolloutPlan(
      new ConfigReader({ watchSeconds: 10, smokeTimeoutSeconds: 0.5 }),
    );
    expect(plan).toEqual({
      ...BLUE_GREEN_PLAN,
      watch_ms: 10_000,
      smoke_timeout_ms: 500,
    });
  });

  it('is the blue-green plan without a section', () => {
    expect(readRolloutPlan(undefined)).toEqual(BLUE_GREEN_PLAN);
  });
});

describe('applyTargetAction', () => {
  const calls: string[] = [];
  const target: DeploymentTarget = {
    kind: 'fake',
    deploy: async (ref, v) => void calls.push(`deploy ${ref} ${v}`),
    setWeight: async (ref, w) => void calls.push(`weight ${ref} ${w}`),
    promote: async ref => void calls.push(`promote ${ref}`),
    abort: async ref => void calls.push(`abort ${ref}`),
    status: async () => {
      throw new Error('not used');
    },
  };

  it('carries out the target actions and leaves the others to the caller', async () => {
    await applyTargetAction(target, 'ns/a', { type: 'deploy', version: 'v2' });
    await applyTargetAction(target, 'ns/a', { type: 'set_weight', weight: 10 });
    await applyTargetAction(target, 'ns/a', { type: 'run_smoke_tests' });
    await applyTargetAction(target, 'ns/a', { type: 'promote' });
    await applyTargetAction(target, 'ns/a', { type: 'abort', reason: 'p95' });
    await applyTargetAction(target, 'ns/a', {
      type: 'wait',
      until: null,
      reason: 'watching',
    });
    expect(calls).toEqual([
      'deploy ns/a v2',
      'weight ns/a 10',
      'promote ns/a',
      'abort ns/a',
    ]);
  });
});

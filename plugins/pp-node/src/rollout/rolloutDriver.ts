import type { Config } from '@backstage/config';
import type { DeploymentTarget } from './deploymentTarget';
import { BLUE_GREEN_PLAN, RolloutAction, RolloutPlan } from './rollout';

/*
 * What every plugin that drives rollouts (orchestration's agent upgrades, knowledge's retunings)
 * does the same way around the pure engine: read the plan's durations from its config section,
 * and carry out the engine's target actions.
 */

/**
 * The blue-green plan with the durations of a plugin's deployment section, in seconds:
 * `watchSeconds`, `analysisGraceSeconds`, `deployTimeoutSeconds`, `smokeTimeoutSeconds`,
 * `trafficTimeoutSeconds` (each defaulting to `BLUE_GREEN_PLAN`'s).
 *
 * @public
 */
export function readRolloutPlan(
  section: Config | undefined,
  base: RolloutPlan = BLUE_GREEN_PLAN,
): RolloutPlan {
  const ms = (key: string, fallback: number) => {
    const seconds = section?.getOptionalNumber(key);
    return seconds === undefined ? fallback : seconds * 1000;
  };
  return {
    ...base,
    watch_ms: ms('watchSeconds', base.watch_ms),
    analysis_grace_ms: ms('analysisGraceSeconds', base.analysis_grace_ms),
    deploy_timeout_ms: ms('deployTimeoutSeconds', base.deploy_timeout_ms),
    smoke_timeout_ms: ms('smokeTimeoutSeconds', base.smoke_timeout_ms),
    traffic_timeout_ms: ms('trafficTimeoutSeconds', base.traffic_timeout_ms),
  };
}

/**
 * Carries out the engine's action on the target: deploy, set weight, promote or abort. The other
 * actions (run the smoke tests, wait, none) are the caller's, and do nothing here.
 *
 * @public
 */
export async function applyTargetAction(
  target: DeploymentTarget,
  ref: string,
  action: RolloutAction,
): Promise<void> {
  switch (action.type) {
    case 'deploy':
      return target.deploy(ref, action.version);
    case 'set_weight':
      return target.setWeight(ref, action.weight);
    case 'promote':
      return target.promote(ref);
    case 'abort':
      return target.abort(ref);
    default:
      return undefined;
  }
}

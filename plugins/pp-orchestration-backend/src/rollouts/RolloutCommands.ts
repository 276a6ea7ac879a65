import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  BLUE_GREEN_PLAN,
  DeploymentTarget,
  DeploymentTargetStatus,
  FINAL_ROLLOUT_PHASES,
  PpAuditEntry,
  PpNotificationMessage,
  PpPrincipal,
  PpTransactionalNotifier,
  RolloutHealth,
  RolloutObservation,
  RolloutPlan,
  RolloutStep,
  SmokeTests,
  abortRollout,
  applyTargetAction,
  newRollout,
  nextStep,
} from '@internal/plugin-pp-node';
import { randomUUID } from 'node:crypto';
import type { CreationStore } from '../database/CreationStore';
import {
  ActiveRolloutError,
  RolloutRow,
  RolloutStore,
} from '../database/RolloutStore';

export const ROLLOUT_JOB_REF = 'plugin:pp-orchestration/rollouts';

export const upgradeLink = (id: string) =>
  `/pp/orchestration/upgrades/${encodeURIComponent(id)}`;

/** The notice of a final upgrade, to whoever started it (admins when a token did). */
export function upgradeNotice(row: RolloutRow): PpNotificationMessage {
  const r = row.rollout;
  const name = row.agent_name;
  const to = row.started_by_id
    ? { userIds: [row.started_by_id] }
    : { roles: ['admin' as const] };
  const completed = r.phase === 'completed';
  return {
    topic: `orchestration.upgrade.${completed ? 'completed' : 'rolled_back'}`,
    title: completed
      ? `${name} upgraded to ${r.change.to_version}`
      : `Upgrade of ${name} to ${r.change.to_version} rolled back`,
    description: completed
      ? `All traffic is on ${r.change.to_version}; ${r.change.from_version} is kept as standby.`
      : `All traffic is back on ${r.change.from_version}. ${
          r.rollback_reason ?? ''
        }`.trim(),
    severity: completed ? 'normal' : 'high',
    to,
    link: upgradeLink(row.id),
    reference: `agent-upgrade:${row.id}`,
  };
}

export interface RolloutRun {
  checked: number;
  moved: number;
  completed: number;
  rolled_back: number;
  failed: number;
}

/**
 * The agent upgrades (spec Stage 6 "Agent Upgrades"): start one, abort one, and the job's tick
 * that drives every active one through the pure engine (`nextStep`). Each write is one unit of
 * work: the rollout's state, its new steps and, when it ends, the starter's notice (outbox); the
 * audit record follows the commit, as for the other orchestration jobs.
 */
export class RolloutCommands {
  constructor(
    private readonly deps: {
      store: RolloutStore;
      creations: CreationStore;
      target: DeploymentTarget;
      health: RolloutHealth;
      smoke: SmokeTests;
      notifier: PpTransactionalNotifier;
      plan?: RolloutPlan;
      /** the target's ref of an agent's deployment (default: the agent id) */
      refFor?: (agentId: string) => string;
      /** the health plugin's service id of an agent's green side (default: the agent id) */
      serviceFor?: (agentId: string) => string;
      logger?: LoggerService;
      audit?: (entry: PpAuditEntry) => Promise<void>;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }
  private ref(agentId: string) {
    return this.deps.refFor?.(agentId) ?? agentId;
  }
  private service(agentId: string) {
    return this.deps.serviceFor?.(agentId) ?? agentId;
  }
  get targetKind() {
    return this.deps.target.kind;
  }

  /** Starts an upgrade of a production-ready agent; its baseline is the health plugin's 24 h. */
  async start(
    agentId: string,
    input: { to_version: string; reason?: string },
    by: PpPrincipal,
  ): Promise<RolloutRow> {
    const creation = await this.deps.creations.getByAgentId(agentId);
    if (!creation) throw new NotFoundError(`No agent ${agentId}`);
    if (creation.status !== 'production_ready') {
      throw new ConflictError(
        `${creation.agent_name} is not production ready yet: only a production-ready agent is upgraded`,
      );
    }
    const last = await this.deps.store.lastCompleted(agentId);
    let from = last?.rollout.change.to_version;
    if (!from) {
      const shown = await this.deps.target
        .status(this.ref(agentId))
        .catch(() => undefined);
      if (shown?.green_version && shown.weight === 100) {
        from = shown.green_version;
      }
    }
    const fromVersion = from ?? 'current';
    if (fromVersion === input.to_version) {
      throw new ConflictError(
        `${creation.agent_name} runs ${input.to_version} already`,
      );
    }
    const baseline = await this.deps.health.baseline(this.service(agentId));
    const now = this.now();
    const rollout = newRollout(
      randomUUID(),
      {
        kind: 'upgrade',
        subject: agentId,
        target_ref: this.ref(agentId),
        from_version: fromVersion,
        to_version: input.to_version,
        baseline,
      },
      now,
      this.deps.plan ?? BLUE_GREEN_PLAN,
    );
    const row: RolloutRow = {
      id: rollout.id,
      agent_id: agentId,
      agent_name: creation.agent_name,
      target_kind: this.deps.target.kind,
      rollout,
      next_action: null,
      reason: input.reason?.trim() || null,
      version: 1,
      started_by: by.ref,
      started_by_id: by.kind === 'bootstrap' ? null : by.id,
      started_at: now,
      updated_at: now,
    };
    try {
      await this.deps.store.transaction(uow => uow.insert(row));
    } catch (error) {
      if (error instanceof ActiveRolloutError) {
        throw new ConflictError(
          `${creation.agent_name} has an upgrade in progress already; abort it or wait for it to end`,
        );
      }
      throw error;
    }
    return row;
  }

  /** An operator's abort: the target sends all traffic back to blue first, then it is recorded. */
  async abort(
    id: string,
    reason: string,
    by: PpPrincipal,
  ): Promise<RolloutRow> {
    const row = await this.deps.store.get(id);
    if (!row) throw new NotFoundError(`No upgrade ${id}`);
    const step = abortRollout(row.rollout, reason, this.now());
    if ('error' in step) {
      if (!reason.trim()) throw new InputError(step.error);
      throw new ConflictError(step.error);
    }
    try {
      await this.deps.target.abort(row.rollout.change.target_ref);
    } catch (error) {
      throw new ServiceUnavailableError(
        `The deployment target did not take the abort: ${
          (error as Error).message
        }`,
      );
    }
    const saved = await this.save(row, step, by.ref);
    if (!saved) {
      throw new ConflictError(
        `The upgrade ${id} changed meanwhile; look at it again`,
      );
    }
    return saved;
  }

  /** What the job observes of one rollout for its phase. */
  private async observe(row: RolloutRow): Promise<RolloutObservation> {
    const r = row.rollout;
    const obs: RolloutObservation = {};
    if (r.phase === 'pending') return obs;
    let target: DeploymentTargetStatus | undefined;
    try {
      target = await this.deps.target.status(r.change.target_ref);
      obs.target = target;
    } catch (error) {
      this.deps.logger?.warn(
        `Upgrade ${row.id}: the deployment target's status could not be read: ${error}`,
      );
    }
    const service = this.service(row.agent_id);
    if (r.phase === 'smoke_testing') {
      const smoke = await this.deps.smoke.run(
        row.agent_id,
        service,
        r.change.to_version,
        r.phase_since,
      );
      if (smoke) obs.smoke = smoke;
    }
    if (r.phase === 'canary' || r.phase === 'promoting') {
      // green's figures since it took traffic (the first canary step)
      const since = r.history.find(h => h.to === 'canary')?.at ?? r.phase_since;
      const metrics = await this.deps.health.metricsSince(service, since);
      if (metrics) obs.metrics = metrics;
    }
    return obs;
  }

  /** Carries out the engine's action on the target. */
  private async carryOut(row: RolloutRow, step: RolloutStep) {
    return applyTargetAction(
      this.deps.target,
      row.rollout.change.target_ref,
      step.action,
    );
  }

  /** Writes the step (state, new history, the notice of a final one); the saved row or undefined. */
  private async save(row: RolloutRow, step: RolloutStep, actor?: string) {
    const now = this.now();
    const known = row.rollout.history.length;
    const rollout = actor
      ? {
          ...step.rollout,
          // who caused the new steps, as the store records them
          history: step.rollout.history.map((h, i) =>
            i >= known ? { ...h, actor } : h,
          ),
        }
      : step.rollout;
    const next: RolloutRow = {
      ...row,
      rollout,
      next_action: step.action,
      updated_at: now,
    };
    const ended =
      FINAL_ROLLOUT_PHASES.includes(step.rollout.phase) &&
      !FINAL_ROLLOUT_PHASES.includes(row.rollout.phase);
    const ok = await this.deps.store.transaction(async uow => {
      if (!(await uow.update(next, row.version, actor))) return false;
      if (ended) {
        await this.deps.notifier.enqueue(uow.tx, upgradeNotice(next));
      }
      return true;
    });
    if (!ok) return undefined;
    if (ended) this.deps.notifier.flush();
    if (step.rollout.phase !== row.rollout.phase) {
      await this.deps
        .audit?.({
          principal: actor ?? ROLLOUT_JOB_REF,
          action: `pp.upgrades.${step.rollout.phase}`,
          resource: `agent:${row.agent_id}`,
          outcome: 'success',
          reason:
            step.rollout.phase === 'rolled_back'
              ? step.rollout.rollback_reason
              : null,
          details: {
            upgrade_id: row.id,
            agent_id: row.agent_id,
            from: row.rollout.phase,
            to: step.rollout.phase,
            action: step.action.type,
            to_version: row.rollout.change.to_version,
          },
        })
        .catch(error =>
          this.deps.logger?.warn(`Audit of upgrade ${row.id}: ${error}`),
        );
    }
    return next;
  }

  /** One engine step of one rollout: observe, decide, act, record. */
  async advance(row: RolloutRow): Promise<RolloutRow> {
    const obs = await this.observe(row);
    const step = nextStep(row.rollout, obs, this.now());
    try {
      await this.carryOut(row, step);
    } catch (error) {
      if (step.action.type !== 'abort') {
        // not recorded: the engine gives the action again next time (or times out)
        throw new Error(
          `the deployment target did not take ${step.action.type}: ${
            (error as Error).message
          }`,
        );
      }
      // a rollback is recorded anyway, saying the target did not confirm it
      this.deps.logger?.error(
        `Upgrade ${row.id}: the deployment target did not take the abort: ${error}`,
      );
    }
    const changed =
      step.rollout !== row.rollout ||
      JSON.stringify(step.action) !== JSON.stringify(row.next_action);
    if (!changed) return row;
    return (await this.save(row, step)) ?? row;
  }

  /** The job: every active rollout, one at a time; one's failure does not stop the others. */
  async tick(batch = 100): Promise<RolloutRun> {
    const run: RolloutRun = {
      checked: 0,
      moved: 0,
      completed: 0,
      rolled_back: 0,
      failed: 0,
    };
    for (const row of await this.deps.store.listActive(batch)) {
      run.checked++;
      try {
        const after = await this.advance(row);
        if (after.rollout.phase !== row.rollout.phase) run.moved++;
        if (after.rollout.phase === 'completed') run.completed++;
        if (after.rollout.phase === 'rolled_back') run.rolled_back++;
      } catch (error) {
        run.failed++;
        this.deps.logger?.warn(`Upgrade ${row.id} not advanced: ${error}`);
      }
    }
    return run;
  }
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  PpAgentKnowledge,
  PpRetuning,
  PpRetuningEvaluation,
  PpRetuningStatus,
  PpRetuningStrategy,
} from '@internal/plugin-pp-common';
import {
  BLUE_GREEN_PLAN,
  DeploymentTarget,
  PpExternalGenesisConfig,
  PpGenesisDispatcher,
  PpGenesisRequests,
  FINAL_ROLLOUT_PHASES,
  PpAuditEntry,
  PpNotificationMessage,
  PpPrincipal,
  PpTransactionalNotifier,
  Rollout,
  RolloutObservation,
  RolloutPlan,
  RolloutStep,
  SmokeTests,
  applyTargetAction,
  intendedWeight,
  newRollout,
  nextStep,
} from '@internal/plugin-pp-node';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_VALIDATION_OPTIONS,
  RetuningValidationOptions,
  validateRetuning,
} from './domain/genesisRetuning';
import {
  assertEvaluationAllowed,
  assertNoActiveRetuning,
  assertNotRejectedBefore,
  nextRetuningStatus,
  REJECTED_IS_FINAL,
} from './domain/lifecycle';
import { RetuningNoticeEvent, retuningNotice } from './domain/notices';
import {
  duePostCheck,
  judgePostCheck,
  nextPostCheckAt,
  planPostChecks,
  retuningPlan,
} from './domain/postChecks';
import type {
  RetuningAgents,
  RetuningComplaints,
  RetuningHealth,
  RetuningKnowledgePort,
} from './ports';
import type { RetuningRow, RetuningStore } from './RetuningStore';
import { EVALUATION_SERVICE_ANNOTATION, normalEntityRef } from './sources';

/** 412: the retuning changed since the caller read it (If-Match); nothing was written. */
export class PreconditionFailedError extends CustomErrorBase {
  name = 'PreconditionFailedError' as const;
  readonly statusCode = 412;
  readonly current_version: number;
  constructor(message: string, currentVersion: number) {
    super(message);
    this.current_version = currentVersion;
  }
}

/** Who the retuning job acts as in the audit log. */
export const RETUNING_JOB_REF = 'system:pp-knowledge-retuning';

/** The external Genesis's verdicts in the audit log (its signed webhook). */
export const RETUNING_GENESIS_REF = 'plugin:pp-knowledge/genesis';

/** `genesis.validator` of a retuning handed to the external Genesis. */
export const EXTERNAL_GENESIS_VALIDATOR = 'genesis-agent';

/** Where the external Genesis posts its verdict on a retuning. */
export const RETUNING_GENESIS_CALLBACK =
  '/pp/v1/agent-retuning/webhooks/genesis';

/** The sentence on a retuning waiting for the external Genesis. */
export const GENESIS_PENDING =
  'The built-in checks passed; the external Genesis is validating this retuning and its verdict is pending.';

const PHASE_TITLES: Record<string, string> = {
  pending: 'Waiting to start',
  deploying: 'Deploying green',
  smoke_testing: 'Smoke testing green',
  canary: 'Watching green on part of the traffic',
  promoting: 'Moving all traffic to green',
  completed: 'All traffic on green, blue on standby',
  rolled_back: 'Rolled back to blue',
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The API shape of a stored retuning. */
export function toApiRetuning(r: RetuningRow): PpRetuning {
  const ro = r.rollout;
  return {
    id: r.id,
    agent_id: r.agent_id,
    agent_name: r.agent_name,
    industry: r.industry as PpRetuning['industry'],
    knowledge_version: r.knowledge_version,
    knowledge_version_id: r.knowledge_version_id,
    previous_knowledge_version: r.previous_knowledge_version,
    reason: r.reason,
    strategy: r.strategy,
    status: r.status,
    genesis: {
      verdict: r.genesis.verdict,
      checks: r.genesis.checks,
      reason: r.genesis.reason,
      validator: r.genesis.validator,
      decided_at: iso(r.genesis.decided_at),
    },
    decision: r.decision
      ? {
          outcome: r.decision.outcome,
          by: r.decision.by,
          by_name: r.decision.by_name,
          reason: r.decision.reason,
          at: r.decision.at.toISOString(),
        }
      : null,
    rollout: ro
      ? {
          phase: ro.phase,
          phase_title: PHASE_TITLES[ro.phase] ?? ro.phase,
          traffic_percent: intendedWeight(ro),
          gates: (ro.last_analysis ?? []).map(g => ({
            metric: g.metric,
            title: g.title,
            outcome: g.outcome,
            value: g.value,
            threshold: g.threshold,
            ...(g.reason ? { reason: g.reason } : {}),
          })),
          rollback_reason: ro.rollback_reason,
          standby_until: iso(ro.standby_until),
          history: ro.history.map(h => ({
            at: h.at.toISOString(),
            from: h.from,
            to: h.to,
            ...(h.note ? { note: h.note } : {}),
          })),
        }
      : null,
    post_checks: r.post_checks.map(c => ({
      after: c.after,
      due_at: c.due_at.toISOString(),
      checked_at: iso(c.checked_at),
      outcome: c.outcome,
      gates: c.gates.map(g => ({
        metric: g.metric,
        title: g.title,
        outcome: g.outcome,
        value: g.value,
        threshold: g.threshold,
        ...(g.reason ? { reason: g.reason } : {}),
      })),
    })),
    rollbacks: r.rollbacks.map(b => ({
      at: b.at.toISOString(),
      reason: b.reason,
    })),
    created_by: r.created_by,
    created_by_name: r.created_by_name,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
    version: r.version,
  };
}

export interface RetuningTickRun {
  checked: number;
  moved: number;
  rolled_back: number;
  failed: number;
}

export interface RetuningServiceDeps {
  store: RetuningStore;
  knowledge: RetuningKnowledgePort;
  agents: RetuningAgents;
  notifier: PpTransactionalNotifier;
  /** undefined: none configured (production without a setting); approvals answer 503 */
  target: DeploymentTarget | undefined;
  health: RetuningHealth;
  smoke: SmokeTests;
  complaints: RetuningComplaints;
  /** the engine's durations (strategy sets the weights, RETUNING_GATES the gates) */
  plan?: RolloutPlan;
  validation?: RetuningValidationOptions;
  /** how many chunk texts Genesis reads of a version */
  genesisTextLimit?: number;
  logger?: LoggerService;
  audit?: (entry: PpAuditEntry) => Promise<void>;
  now?: () => Date;
  /**
   * The external Genesis (`pp.knowledge.retuning.genesis.url`): a proposal the built-in checks
   * pass stays in validating and is posted to it (signed); its verdict comes on
   * `POST /pp/v1/agent-retuning/webhooks/genesis` (`recordGenesisVerdict`). Absent: the built-in
   * validator decides at once.
   */
  externalGenesis?: {
    config: PpExternalGenesisConfig;
    /** the outbox (`pp_knowledge_retuning_genesis_requests`) */
    requests: PpGenesisRequests;
    fetch?: typeof fetch;
  };
}

/**
 * The retuning's units of work: propose (and the built-in Genesis right after the proposal
 * commits), approve, decline, evaluations, the reads, and the job's step of each active retuning
 * (Genesis for proposals a crash left in validating, the rollout engine while deploying, the
 * post-deployment checks while monitoring). Every state change and its notice commit together.
 */
export class RetuningService {
  /** Posts retunings to the external Genesis (when one is configured). */
  readonly genesisDispatcher: PpGenesisDispatcher | undefined;

  constructor(private readonly deps: RetuningServiceDeps) {
    const external = deps.externalGenesis;
    this.genesisDispatcher = external
      ? new PpGenesisDispatcher({
          config: external.config,
          requests: external.requests,
          what: 'retunings',
          logger: deps.logger,
          fetch: external.fetch,
          now: () => this.now(),
          body: id => this.genesisRequestBody(id),
          onGivenUp: (id, error, attempts) =>
            this.genesisUnreachable(id, error, attempts),
        })
      : undefined;
  }

  now() {
    return this.deps.now?.() ?? new Date();
  }

  private get target(): DeploymentTarget {
    return this.requireTarget();
  }

  /** The deployment target; ServiceUnavailableError (503) when none is configured. */
  private requireTarget(): DeploymentTarget {
    if (!this.deps.target) {
      throw new ServiceUnavailableError(
        'No deployment target is configured for retunings (pp.knowledge.retuning.deployment.target), so nothing can be rolled out; ask an infrastructure engineer to set one',
      );
    }
    return this.deps.target;
  }

  private get plan() {
    return this.deps.plan ?? BLUE_GREEN_PLAN;
  }

  // --- writes ------------------------------------------------------------------------------

  /** A proposal: checked, stored in validating, then judged by the built-in Genesis at once. */
  async propose(
    by: PpPrincipal,
    input: {
      agent_id: string;
      knowledge_version: string;
      industry?: string;
      reason: string;
      strategy: PpRetuningStrategy;
    },
  ): Promise<PpRetuning> {
    const agent = await this.deps.agents.get(input.agent_id);
    if (!agent) {
      throw new NotFoundError(`No agent ${input.agent_id} in the catalog`);
    }
    if (input.industry && agent.industry && input.industry !== agent.industry) {
      throw new InputError(
        `${agent.name} is a ${agent.industry} agent: it cannot be retuned on ${input.industry} knowledge`,
      );
    }
    const industry = input.industry ?? agent.industry;
    if (!industry) {
      throw new InputError(
        `The catalog does not say which industry ${agent.name} is in: give the industry of the knowledge to retune it on`,
      );
    }
    const version = await this.deps.knowledge.findVersion(
      input.knowledge_version,
      industry,
    );
    if (!version) {
      throw new NotFoundError(
        `No ${industry} knowledge version ${input.knowledge_version}`,
      );
    }
    assertNotRejectedBefore(
      agent.name,
      version.label,
      await this.deps.store.rejectedFor(agent.agent_id, version.id),
    );
    assertNoActiveRetuning(
      agent.name,
      await this.deps.store.activeFor(agent.agent_id),
    );
    const previous = await this.deps.store.lastCompleted(agent.agent_id);
    if (previous?.knowledge_version_id === version.id) {
      throw new ConflictError(`${agent.name} already runs on ${version.label}`);
    }
    const now = this.now();
    const row: RetuningRow = {
      id: randomUUID(),
      agent_id: agent.agent_id,
      agent_name: agent.name,
      industry,
      knowledge_version_id: version.id,
      knowledge_version: version.label,
      previous_knowledge_version: previous?.knowledge_version ?? null,
      reason: input.reason,
      strategy: input.strategy,
      status: 'validating',
      genesis: {
        verdict: 'pending',
        checks: [],
        reason: null,
        validator: 'built-in',
        decided_at: null,
      },
      decision: null,
      rollout: null,
      post_checks: [],
      rollbacks: [],
      next_check_at: now,
      created_by: by.id,
      created_by_name: by.name,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await this.deps.store.transaction(uow => uow.insert(row));
    // the built-in Genesis decides (or hands it to the external one) right after the proposal
    // committed; if this process dies first, the retuning job finds it in validating then
    const decided = await this.validate(row).catch(error => {
      this.deps.logger?.warn(
        `Retuning ${row.id}: Genesis validation postponed to the job: ${error}`,
      );
      return row;
    });
    return toApiRetuning(decided);
  }

  /**
   * The built-in Genesis on a retuning in validating: approved → awaiting_approval, else
   * rejected (final). With an external Genesis, a failed built-in check still rejects at once
   * (PP's own checks are a floor Genesis cannot lift; nothing is sent); passed checks hand the
   * retuning over: it stays validating (verdict pending, validator `genesis-agent`, the built-in
   * findings on it) and its request to Genesis is queued in the same transaction.
   */
  async validate(row: RetuningRow): Promise<RetuningRow> {
    const external = this.genesisDispatcher;
    if (external && row.genesis.validator === EXTERNAL_GENESIS_VALIDATOR) {
      return row; // handed over already: waits for the verdict (the dispatcher retries sending)
    }
    const texts = await this.deps.knowledge.versionTexts(
      row.knowledge_version_id,
      this.deps.genesisTextLimit ?? 5000,
    );
    const verdict = validateRetuning(
      {
        reason: row.reason,
        agent_name: row.agent_name,
        version_label: row.knowledge_version,
        texts,
      },
      this.deps.validation ?? DEFAULT_VALIDATION_OPTIONS,
    );
    const now = this.now();
    const handOver = Boolean(external) && verdict.verdict === 'approved';
    const saved = await this.write(row.id, undefined, current => {
      if (current.status !== 'validating') return undefined;
      // handed over meanwhile; without an external Genesis (any more) the built-in one decides
      if (
        external &&
        current.genesis.validator === EXTERNAL_GENESIS_VALIDATOR
      ) {
        return undefined;
      }
      if (handOver) {
        return {
          next: {
            ...current,
            genesis: {
              verdict: 'pending',
              checks: verdict.checks,
              reason: GENESIS_PENDING,
              validator: EXTERNAL_GENESIS_VALIDATOR,
              decided_at: null,
            },
            next_check_at: null,
            updated_at: now,
          },
          notices: [],
          also: tx =>
            this.deps.externalGenesis!.requests.enqueue(tx, current.id, now),
        };
      }
      const approved = verdict.verdict === 'approved';
      const next: RetuningRow = {
        ...current,
        status: nextRetuningStatus(
          current.status,
          approved ? 'genesis_approve' : 'genesis_reject',
        ),
        genesis: {
          verdict: verdict.verdict,
          checks: verdict.checks,
          reason: verdict.reason,
          validator: verdict.validator,
          decided_at: now,
        },
        next_check_at: null,
        updated_at: now,
      };
      return {
        next,
        notices: [
          approved
            ? { type: 'awaiting_approval' }
            : { type: 'rejected', reason: verdict.reason ?? '' },
        ],
      };
    });
    if (saved && saved.status !== row.status) {
      await this.auditChange(saved, 'validating', RETUNING_JOB_REF, {
        verdict: verdict.verdict,
      });
    }
    if (saved && handOver) void external!.flush();
    return saved ?? (await this.deps.store.get(row.id)) ?? row;
  }

  /** What the external Genesis is sent about a retuning; undefined once it is decided (or gone). */
  private async genesisRequestBody(id: string) {
    const r = await this.deps.store.get(id);
    if (
      !r ||
      r.status !== 'validating' ||
      r.genesis.validator !== EXTERNAL_GENESIS_VALIDATOR
    ) {
      return undefined;
    }
    return {
      label: `retuning ${r.id} of ${r.agent_id}`,
      body: {
        kind: 'agent_retuning',
        retuning_id: r.id,
        agent_id: r.agent_id,
        agent_name: r.agent_name,
        industry: r.industry,
        knowledge_version: r.knowledge_version,
        knowledge_version_id: r.knowledge_version_id,
        previous_knowledge_version: r.previous_knowledge_version,
        reason: r.reason,
        strategy: r.strategy,
        requested_by: r.created_by,
        requested_at: r.created_at.toISOString(),
        // the built-in validator's findings (all passed: a failed one rejects before this)
        built_in: { verdict: 'approved', checks: r.genesis.checks },
        callback: RETUNING_GENESIS_CALLBACK,
      },
    };
  }

  /**
   * The request to the external Genesis exhausted its attempts: the retuning stays validating
   * (a rejection would be final for that knowledge version, and Genesis said nothing), with a
   * sentence on its Genesis gate; a verdict Genesis posts later is still taken.
   */
  private async genesisUnreachable(
    id: string,
    error: string,
    attempts: number,
  ) {
    const now = this.now();
    await this.write(id, undefined, current => {
      if (
        current.status !== 'validating' ||
        current.genesis.validator !== EXTERNAL_GENESIS_VALIDATOR
      ) {
        return undefined;
      }
      return {
        next: {
          ...current,
          genesis: {
            ...current.genesis,
            reason: `The external Genesis could not be reached: PP gave up after ${attempts} attempts (last: ${error.slice(
              0,
              300,
            )}). The retuning stays validating until Genesis posts its verdict.`,
          },
          updated_at: now,
        },
        notices: [],
      };
    });
  }

  /**
   * The external Genesis's verdict (its signed webhook) on a retuning in validating: approved →
   * awaiting_approval (the admins are told), rejected → rejected, final (the admins and the
   * proposer are told), with the audit record; the move and its notices commit together. The
   * same verdict again answers the retuning as it is (a repeated delivery); any other state is a
   * 409 (a rejection is final).
   */
  async recordGenesisVerdict(
    input: {
      retuning_id: string;
      verdict: 'approved' | 'rejected';
      reason?: string;
      checks?: RetuningRow['genesis']['checks'];
    },
    delivery: { deliveryId?: string | null; requestId?: string } = {},
  ): Promise<RetuningRow> {
    const found = await this.getRow(input.retuning_id);
    const repeated = (r: RetuningRow) =>
      r.genesis.validator === EXTERNAL_GENESIS_VALIDATOR &&
      r.genesis.verdict === input.verdict;
    if (found.status !== 'validating' && repeated(found)) return found;
    const now = this.now();
    let unchanged: RetuningRow | undefined;
    const saved = await this.write(found.id, undefined, current => {
      if (current.status !== 'validating') {
        if (repeated(current)) {
          unchanged = current;
          return undefined;
        }
        if (current.status === 'rejected') {
          throw new ConflictError(REJECTED_IS_FINAL);
        }
        throw new ConflictError(
          `This retuning is ${current.status.replace(
            '_',
            ' ',
          )}: Genesis's verdict is taken only while it is validating`,
        );
      }
      const approved = input.verdict === 'approved';
      const reason = approved ? null : input.reason ?? 'Genesis rejected it';
      return {
        next: {
          ...current,
          status: nextRetuningStatus(
            current.status,
            approved ? 'genesis_approve' : 'genesis_reject',
          ),
          genesis: {
            verdict: input.verdict,
            checks: input.checks ?? current.genesis.checks,
            reason,
            validator: EXTERNAL_GENESIS_VALIDATOR,
            decided_at: now,
          },
          next_check_at: null,
          updated_at: now,
        },
        notices: [
          approved
            ? { type: 'awaiting_approval' }
            : { type: 'rejected', reason: reason! },
        ],
      };
    });
    if (!saved) return unchanged ?? found;
    await this.auditChange(saved, 'validating', RETUNING_GENESIS_REF, {
      verdict: input.verdict,
      validator: EXTERNAL_GENESIS_VALIDATOR,
      failed_checks: saved.genesis.checks
        .filter(c => !c.passed)
        .map(c => c.key),
      delivery_id: delivery.deliveryId ?? null,
    });
    return saved;
  }

  /** An admin's approval (after Genesis approved): the rollout starts. */
  async approve(
    by: PpPrincipal,
    input: { retuning_id: string; reason: string; if_match?: string },
  ): Promise<PpRetuning> {
    const found = await this.getRow(input.retuning_id);
    // blue's figures before the change (read outside the transaction)
    const agent = await this.deps.agents.get(found.agent_id);
    const baseline = await this.deps.health
      .baseline(agent?.service_id ?? found.agent_id)
      .catch(() => ({} as Record<string, number>));
    const now = this.now();
    const saved = await this.write(found.id, input.if_match, current => {
      const status = nextRetuningStatus(current.status, 'approve');
      // 503 when there is nowhere to deploy (after the lifecycle's own answer)
      this.requireTarget();
      const rollout = newRollout(
        current.id,
        {
          kind: 'retuning',
          subject: current.agent_id,
          target_ref: current.agent_id,
          from_version: current.previous_knowledge_version ?? 'current',
          to_version: current.knowledge_version,
          baseline,
        },
        now,
        retuningPlan(current.strategy, this.plan),
      );
      return {
        next: {
          ...current,
          status,
          decision: {
            outcome: 'approved',
            by: by.id,
            by_name: by.name,
            reason: input.reason,
            at: now,
          },
          rollout,
          next_check_at: now,
          updated_at: now,
        },
        notices: [{ type: 'approved', by: by.name, reason: input.reason }],
      };
    });
    return toApiRetuning(saved!);
  }

  /** An admin's decline (after Genesis approved): final. */
  async decline(
    by: PpPrincipal,
    input: { retuning_id: string; reason: string; if_match?: string },
  ): Promise<PpRetuning> {
    const now = this.now();
    const saved = await this.write(
      input.retuning_id,
      input.if_match,
      current => ({
        next: {
          ...current,
          status: nextRetuningStatus(current.status, 'decline'),
          decision: {
            outcome: 'declined',
            by: by.id,
            by_name: by.name,
            reason: input.reason,
            at: now,
          },
          next_check_at: null,
          updated_at: now,
        },
        notices: [{ type: 'declined', by: by.name, reason: input.reason }],
      }),
    );
    return toApiRetuning(saved!);
  }

  /** An accuracy figure from the agent's evaluation service (deploying or monitoring only). */
  async reportEvaluation(
    by: PpPrincipal,
    input: PpRetuningEvaluation & { retuning_id: string },
  ): Promise<{ accepted: true; retuning_id: string }> {
    const now = this.now();
    const evaluatedAt = input.evaluated_at ? new Date(input.evaluated_at) : now;
    if (evaluatedAt.getTime() > now.getTime() + 5 * 60_000) {
      throw new InputError(
        'Invalid evaluation: evaluated_at is more than 5 minutes in the future',
      );
    }
    // who may report is read from the catalog before the row is locked (no call inside the lock)
    await this.assertEvaluationReporter(
      by,
      await this.getRow(input.retuning_id),
    );
    await this.deps.store.transaction(async uow => {
      const current = await uow.getForUpdate(input.retuning_id);
      if (!current) {
        throw new NotFoundError(`No retuning ${input.retuning_id}`);
      }
      assertEvaluationAllowed(current.status);
      await uow.addEvaluation({
        retuning_id: current.id,
        side: input.side,
        accuracy: input.accuracy,
        samples: input.samples,
        evaluated_at: evaluatedAt,
        reported_by: by.entityRef ?? by.ref,
        created_at: now,
      });
    });
    return { accepted: true, retuning_id: input.retuning_id };
  }

  /**
   * Only the agent's own evaluation services report its accuracy: a service principal bound to
   * the agent's entity, its health service's, or one its `pp.waooaw.com/evaluation-service`
   * annotation names. Any other service (a valid token of another team's service) is refused,
   * since a low green figure rolls the retuning back and a high one lets it through.
   */
  private async assertEvaluationReporter(by: PpPrincipal, row: RetuningRow) {
    const agent = await this.deps.agents.get(row.agent_id);
    const reporter = by.entityRef ? normalEntityRef(by.entityRef) : undefined;
    if (!reporter || !agent?.evaluation_reporters.includes(reporter)) {
      throw new NotAllowedError(
        `${by.entityRef ?? by.ref} may not report the accuracy of ${
          row.agent_name
        }: only its own evaluation services may (the agent, its service, or an entity named by its ${EVALUATION_SERVICE_ANNOTATION} annotation in the catalog)`,
      );
    }
  }

  // --- reads -------------------------------------------------------------------------------

  private async getRow(id: string): Promise<RetuningRow> {
    const row = await this.deps.store.get(id);
    if (!row) throw new NotFoundError(`No retuning ${id}`);
    return row;
  }

  async get(id: string): Promise<PpRetuning> {
    return toApiRetuning(await this.getRow(id));
  }

  /** The validator of the versioned reads (the list and one retuning). */
  changeMark(): Promise<string> {
    return this.deps.store.changeMark();
  }

  async list(filter: {
    agent_id?: string;
    status?: PpRetuningStatus;
    industry?: string;
    limit?: number;
    offset?: number;
  }) {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const offset = Math.max(filter.offset ?? 0, 0);
    const { items, total } = await this.deps.store.list({
      ...filter,
      limit,
      offset,
    });
    return {
      items: items.map(toApiRetuning),
      total_count: total,
      limit,
      offset,
    };
  }

  async agentKnowledge(agentId: string): Promise<PpAgentKnowledge> {
    const agent = await this.deps.agents.get(agentId);
    const { items } = await this.deps.store.list({
      agent_id: agentId,
      limit: 20,
      offset: 0,
    });
    if (!agent && !items.length) {
      throw new NotFoundError(`No agent ${agentId} in the catalog`);
    }
    const completed = await this.deps.store.lastCompleted(agentId);
    const active = await this.deps.store.activeFor(agentId);
    const industry = agent?.industry ?? items[0]?.industry ?? null;
    const latest = industry
      ? await this.deps.knowledge.latestVersion(industry)
      : undefined;
    return {
      agent_id: agentId,
      industry: industry as PpAgentKnowledge['industry'],
      knowledge_version: completed?.knowledge_version ?? null,
      retuned_at: iso(completed?.updated_at),
      latest_version: latest?.label ?? null,
      active_retuning: active ? toApiRetuning(active) : null,
      history: items.map(toApiRetuning),
    };
  }

  // --- the unit of work ------------------------------------------------------------------

  /**
   * Reads the row in a transaction, checks If-Match, applies `change` (which throws the domain's
   * errors), saves with the version check and writes the notices in the same transaction;
   * flushes after the commit. `change` returning undefined writes nothing.
   */
  private async write(
    id: string,
    ifMatch: string | undefined,
    change: (current: RetuningRow) =>
      | {
          next: RetuningRow;
          notices: RetuningNoticeEvent[];
          /** another write in the same transaction (e.g. the request to Genesis) */
          also?: (tx: Knex.Transaction) => Promise<void>;
        }
      | undefined,
  ): Promise<RetuningRow | undefined> {
    let told = false;
    const saved = await this.deps.store.transaction(async uow => {
      const current = await uow.getForUpdate(id);
      if (!current) throw new NotFoundError(`No retuning ${id}`);
      if (ifMatch !== undefined) {
        const given = ifMatch.replace(/^W\//, '').replace(/"/g, '').trim();
        if (given !== '*' && given !== String(current.version)) {
          throw new PreconditionFailedError(
            `The retuning changed since you read it (version ${current.version} now); read it again`,
            current.version,
          );
        }
      }
      const result = change(current);
      if (!result) return undefined;
      const next = { ...result.next };
      if (!(await uow.update(next, current.version))) {
        throw new ConflictError(
          `The retuning ${id} changed meanwhile; look at it again`,
        );
      }
      if (result.also) await result.also(uow.tx);
      const messages: PpNotificationMessage[] = result.notices.map(e =>
        retuningNotice(next, e),
      );
      if (messages.length) {
        await this.deps.notifier.enqueue(uow.tx, messages);
        told = true;
      }
      return next;
    });
    if (told) this.deps.notifier.flush();
    return saved;
  }

  private async auditChange(
    row: RetuningRow,
    from: PpRetuningStatus,
    principal: string,
    details: Record<string, unknown> = {},
  ) {
    await this.deps
      .audit?.({
        principal,
        action: `pp.retuning.${row.status}`,
        resource: `agent-retuning:${row.id}`,
        outcome: 'success',
        reason:
          row.status === 'rolled_back'
            ? row.rollbacks.at(-1)?.reason ?? null
            : null,
        details: {
          retuning_id: row.id,
          agent_id: row.agent_id,
          from,
          to: row.status,
          knowledge_version: row.knowledge_version,
          ...details,
        },
      })
      .catch(error =>
        this.deps.logger?.warn(`Audit of retuning ${row.id}: ${error}`),
      );
  }

  // --- the job -----------------------------------------------------------------------------

  /** What the job observes of a deploying retuning for its rollout phase. */
  private async observe(row: RetuningRow, r: Rollout) {
    const obs: RolloutObservation = {};
    if (r.phase === 'pending') return obs;
    try {
      obs.target = await this.target.status(r.change.target_ref);
    } catch (error) {
      this.deps.logger?.warn(
        `Retuning ${row.id}: the deployment target's status could not be read: ${error}`,
      );
    }
    const agent = await this.deps.agents.get(row.agent_id);
    const service = agent?.service_id ?? row.agent_id;
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
      const since = r.history.find(h => h.to === 'canary')?.at ?? r.phase_since;
      const metrics = await this.greenMetrics(row, service, since, since);
      if (metrics) obs.metrics = metrics;
    }
    return obs;
  }

  /**
   * Green's figures: the health plugin's (error rate, p95) since `healthSince`, the complaints
   * since green took traffic, and the latest green accuracy the evaluation service reported.
   */
  private async greenMetrics(
    row: RetuningRow,
    service: string,
    healthSince: Date,
    trafficSince: Date,
  ): Promise<RolloutObservation['metrics'] | undefined> {
    const [health, complaints, green] = await Promise.all([
      this.deps.health
        .metricsSince(service, healthSince)
        .catch(() => undefined),
      this.deps.complaints.since(
        `component:default/${row.agent_id}`,
        trafficSince,
      ),
      this.deps.store.latestEvaluation(row.id, 'green'),
    ]);
    const values: Record<string, number> = { ...(health?.values ?? {}) };
    if (complaints !== undefined) values.complaints = complaints;
    if (green) values.accuracy = green.accuracy;
    const samples = Math.max(
      health?.samples ?? 0,
      green?.samples ?? 0,
      complaints !== undefined ? 1 : 0,
    );
    return samples ? { samples, values } : undefined;
  }

  /** Blue's baseline with the latest blue accuracy the evaluation service reported. */
  private async baselineOf(row: RetuningRow, r: Rollout) {
    const blue = await this.deps.store.latestEvaluation(row.id, 'blue');
    return blue
      ? { ...r.change.baseline, accuracy: blue.accuracy }
      : r.change.baseline;
  }

  private async carryOut(ref: string, step: RolloutStep) {
    return applyTargetAction(this.target, ref, step.action);
  }

  /** One engine step of a deploying retuning: observe, decide, act, record. */
  private async stepRollout(row: RetuningRow): Promise<RetuningRow> {
    const stored = row.rollout!;
    const r: Rollout = {
      ...stored,
      change: {
        ...stored.change,
        baseline: await this.baselineOf(row, stored),
      },
    };
    const obs = await this.observe(row, r);
    const now = this.now();
    const step = nextStep(r, obs, now);
    try {
      await this.carryOut(r.change.target_ref, step);
    } catch (error) {
      if (step.action.type !== 'abort') {
        throw new Error(
          `the deployment target did not take ${step.action.type}: ${
            (error as Error).message
          }`,
        );
      }
      this.deps.logger?.error(
        `Retuning ${row.id}: the deployment target did not take the abort: ${error}`,
      );
    }
    const ended = FINAL_ROLLOUT_PHASES.includes(step.rollout.phase);
    if (!ended && step.rollout === r) return row; // nothing new (waiting)
    const saved = await this.write(row.id, undefined, current => {
      if (current.status !== 'deploying' || current.version !== row.version) {
        return undefined;
      }
      const next: RetuningRow = {
        ...current,
        rollout: step.rollout,
        updated_at: now,
      };
      const notices: RetuningNoticeEvent[] = [];
      if (step.rollout.phase === 'completed') {
        next.status = nextRetuningStatus(current.status, 'rollout_completed');
        next.post_checks = planPostChecks(step.rollout.completed_at ?? now);
        next.next_check_at = nextPostCheckAt(next.post_checks);
      } else if (step.rollout.phase === 'rolled_back') {
        const reason =
          step.rollout.rollback_reason ?? 'The rollout engine rolled it back';
        next.status = nextRetuningStatus(current.status, 'roll_back');
        next.rollbacks = [...current.rollbacks, { at: now, reason }];
        next.next_check_at = null;
        notices.push({ type: 'rolled_back', reason });
      }
      return { next, notices };
    });
    if (saved && saved.status !== row.status) {
      await this.auditChange(saved, row.status, RETUNING_JOB_REF);
    }
    return saved ?? row;
  }

  /** A due post-deployment check of a monitoring retuning; rolls back on a failed gate. */
  private async postCheck(row: RetuningRow): Promise<RetuningRow> {
    const now = this.now();
    const due = duePostCheck(row.post_checks, now);
    if (!due) {
      const nextAt = nextPostCheckAt(row.post_checks);
      if (nextAt && (!row.next_check_at || +row.next_check_at !== +nextAt)) {
        return (
          (await this.write(row.id, undefined, current => ({
            next: { ...current, next_check_at: nextAt },
            notices: [],
          }))) ?? row
        );
      }
      return row;
    }
    const r = row.rollout!;
    const agent = await this.deps.agents.get(row.agent_id);
    const service = agent?.service_id ?? row.agent_id;
    const trafficSince =
      r.history.find(h => h.to === 'canary')?.at ?? r.completed_at ?? now;
    // health: the last hour's figures; complaints: since green took traffic
    const healthSince = new Date(now.getTime() - 3_600_000);
    const metrics = await this.greenMetrics(
      row,
      service,
      healthSince,
      trafficSince,
    );
    const decision = judgePostCheck(
      row.post_checks,
      due.after,
      await this.baselineOf(row, r),
      metrics?.values ?? {},
      now,
      r.plan.gates,
    );
    if (decision.type === 'roll_back') {
      try {
        // blue is still on standby: all traffic back on it
        await this.target.abort(r.change.target_ref);
      } catch (error) {
        this.deps.logger?.error(
          `Retuning ${row.id}: the deployment target did not take the abort: ${error}`,
        );
      }
    }
    const saved = await this.write(row.id, undefined, current => {
      if (current.status !== 'monitoring' || current.version !== row.version) {
        return undefined;
      }
      const next: RetuningRow = {
        ...current,
        post_checks: decision.checks,
        updated_at: now,
      };
      const notices: RetuningNoticeEvent[] = [];
      if (decision.type === 'roll_back') {
        next.status = nextRetuningStatus(current.status, 'roll_back');
        next.rollbacks = [
          ...current.rollbacks,
          { at: now, reason: decision.reason },
        ];
        next.rollout = {
          ...r,
          rollback_reason: decision.reason,
          history: [
            ...r.history,
            {
              at: now,
              from: r.phase,
              to: 'rolled_back',
              action: 'abort',
              note: decision.reason,
            },
          ],
          phase: 'rolled_back',
          phase_since: now,
        };
        next.next_check_at = null;
        notices.push({ type: 'rolled_back', reason: decision.reason });
      } else if (decision.type === 'complete') {
        next.status = nextRetuningStatus(current.status, 'post_checks_passed');
        next.next_check_at = null;
        notices.push({ type: 'completed' });
      } else {
        next.next_check_at = nextPostCheckAt(decision.checks);
      }
      return { next, notices };
    });
    if (saved && saved.status !== row.status) {
      await this.auditChange(saved, row.status, RETUNING_JOB_REF);
    }
    return saved ?? row;
  }

  /** One step of one active retuning, by its status. */
  async advance(row: RetuningRow): Promise<RetuningRow> {
    switch (row.status) {
      case 'validating':
        return this.validate(row);
      case 'deploying':
        return this.stepRollout(row);
      case 'monitoring':
        return this.postCheck(row);
      default:
        return row;
    }
  }

  /** The job: every due retuning, one at a time; one's failure does not stop the others. */
  async tick(batch = 100): Promise<RetuningTickRun> {
    const run: RetuningTickRun = {
      checked: 0,
      moved: 0,
      rolled_back: 0,
      failed: 0,
    };
    if (this.genesisDispatcher) {
      // requests to the external Genesis a crash, an outage or another instance left behind
      await this.genesisDispatcher
        .sendDue()
        .catch(error =>
          this.deps.logger?.warn(
            `Sending retunings to Genesis failed: ${error}`,
          ),
        );
    }
    for (const row of await this.deps.store.due(this.now(), batch)) {
      run.checked++;
      try {
        const after = await this.advance(row);
        if (after.status !== row.status) run.moved++;
        if (after.status === 'rolled_back') run.rolled_back++;
      } catch (error) {
        run.failed++;
        this.deps.logger?.warn(`Retuning ${row.id} not advanced: ${error}`);
      }
    }
    return run;
  }
}

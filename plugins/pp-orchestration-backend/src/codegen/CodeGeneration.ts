import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  PpAgentGeneration,
  PpPlatformReadiness,
} from '@internal/plugin-pp-common';
import type {
  PpAuditEntry,
  PpNotificationMessage,
  PpTransactionalNotifier,
} from '@internal/plugin-pp-node';
import type { Knex } from 'knex';
import type { CreationActor } from '../domain/creation';
import {
  AGENT_DESCRIPTION,
  AGENT_OWNER,
  industryTitle,
  specialtyTitle,
} from '../domain/agentEntity';
import type { CreationRow, CreationStore } from '../database/CreationStore';
import {
  GenerationPublisher,
  GenerationRow,
  generationStore,
} from '../database/GenerationStore';
import type { CreationCommands } from '../service/CreationCommands';
import type { ScaffolderClient } from './ScaffolderClient';

/** The scaffolder acts as this system actor in the history and the audit log. */
export const SCAFFOLDER_ACTOR: CreationActor = {
  kind: 'system',
  id: 'scaffolder',
};
export const CODEGEN_AUDIT_REF = 'plugin:pp-orchestration/codegen';

/** The PP template's catalog ref. */
export const PP_AGENT_TEMPLATE_REF = 'template:default/pp-ai-agent';

/**
 * An agent's operational readiness parameters, when it has its own; undefined: the template's
 * defaults apply. (The per-agent overrides are wired in here.)
 */
export type ReadinessSource = (
  agentId: string,
) => Promise<PpPlatformReadiness | undefined>;

/** The default readiness source: no agent has its own values, the template's defaults apply. */
export const templateDefaultReadiness: ReadinessSource = async () => undefined;

/** Code generation's configuration (`pp.orchestration.codegen`, `pp.orchestration.github`). */
export interface CodegenConfig {
  publisher: GenerationPublisher;
  /** the GitHub organisation of the agent repositories (publisher github) */
  githubOwner?: string;
  /** the CI workflow's name the generated workflow carries */
  workflow: string;
  templateRef: string;
  imageRegistry?: string;
  /** the template runs its LLM step (`pp.orchestration.codegen.llm.enabled`, default false) */
  useLlm?: boolean;
}

export function readCodegenConfig(config: RootConfigService): CodegenConfig {
  const publisher =
    config.getOptionalString('pp.orchestration.codegen.publisher') ??
    'local-git';
  if (publisher !== 'github' && publisher !== 'local-git') {
    throw new Error(
      `pp.orchestration.codegen.publisher must be github or local-git, not ${publisher}`,
    );
  }
  const githubOwner = config.getOptionalString('pp.orchestration.github.owner');
  if (publisher === 'github' && !githubOwner) {
    throw new Error(
      'pp.orchestration.codegen.publisher is github without pp.orchestration.github.owner: where would the agent repositories go?',
    );
  }
  return {
    publisher,
    githubOwner,
    workflow:
      config.getOptionalString('pp.orchestration.github.workflow') ?? 'CI',
    templateRef:
      config.getOptionalString('pp.orchestration.codegen.templateRef') ??
      PP_AGENT_TEMPLATE_REF,
    imageRegistry: config.getOptionalString(
      'pp.orchestration.codegen.imageRegistry',
    ),
    useLlm:
      config.getOptionalBoolean('pp.orchestration.codegen.llm.enabled') ??
      false,
  };
}

const creationLink = (row: CreationRow) =>
  `/pp/orchestration/agents/${encodeURIComponent(row.agent_id)}`;

/** What the orchestrator (the requester) is told when the code generation failed. */
export function generationFailedNotice(
  row: CreationRow,
  reason: string,
): PpNotificationMessage {
  return {
    topic: 'orchestration.creation.generation-failed',
    title: `Code generation failed for ${row.agent_name}`,
    description: `The repository of ${row.agent_name} could not be generated: ${reason}. Start the generation again from the creation's page.`,
    severity: 'high',
    link: creationLink(row),
    reference: `agent-creation:${row.id}`,
    to: row.created_by_id
      ? { userIds: [row.created_by_id] }
      : { roles: ['agent_orchestrator'] },
  };
}

/** The API view of an attempt. */
export function toApiGeneration(g: GenerationRow): PpAgentGeneration {
  return {
    attempt: g.attempt,
    status: g.status,
    publisher: g.publisher,
    task_id: g.task_id,
    repository_url: g.repository_url,
    reason: g.reason,
    started_at: (g.started_at ?? g.created_at).toISOString(),
    finished_at: g.finished_at ? g.finished_at.toISOString() : null,
    catalog_entity_ref: null,
  };
}

/** A lease on an attempt lasts this long: a runner that died leaves it to the next. */
const LEASE_MS = 60_000;
/** A task the scaffolder would not start is tried again for this long (default), then failed. */
const START_RETRY_MS = 2 * 60_000;
const RETRY_DELAY_MS = 5_000;

/**
 * Code generation (spec Stage 6, step 3): when Genesis approves a creation, PP starts the
 * scaffolder's PP template (`pp-ai-agent`) for it and moves it `start_generation` → `generating`;
 * the scheduled `run` follows each task to its end. Success records the repository (the creation
 * stays `generating` until its first CI run, PipelineFeed's `start_ci`); failure moves it back to
 * `genesis_approved` with the reason and tells the requester, who may start it again
 * (`POST /agents/{agent_id}/generate`).
 *
 * An attempt is recorded `pending` in the transaction of the move, and its task is started after
 * the commit (`flush`) or by the next run: a crash between the two loses nothing. Approved
 * creations that never had an attempt (a start lost before its commit) are started by the run too.
 */
export class CodeGeneration {
  private flushing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      db: Knex;
      store: CreationStore;
      commands: CreationCommands;
      notifier: PpTransactionalNotifier;
      scaffolder: ScaffolderClient;
      config: CodegenConfig;
      readiness?: ReadinessSource;
      /** how long a task the scaffolder refuses to start is retried (default 2 min) */
      startRetryMs?: number;
      /** start the task right after a start commits (default); tests run the job themselves */
      flushAfterStart?: boolean;
      logger?: LoggerService;
      audit?: (entry: PpAuditEntry) => Promise<void>;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /** The creation's latest attempt (undefined before the first). */
  async latest(creationId: string): Promise<GenerationRow | undefined> {
    return generationStore.latest(this.deps.db, creationId);
  }

  /**
   * Starts a generation: `start_generation` (refused by the state machine from anything but
   * `genesis_approved` and `ci_failed`: a rejected creation never moves) and a pending attempt,
   * in one transaction; the task is started right after.
   */
  async start(agentId: string, actor: CreationActor): Promise<CreationRow> {
    const row = await this.deps.store.transaction(async uow => {
      const current = await uow.getByAgentId(agentId);
      if (!current) return undefined;
      const moved = await this.deps.commands.moveIn(uow, current.id, {
        type: 'start_generation',
        actor,
        details: { publisher: this.deps.config.publisher },
      });
      await generationStore.insertPending(uow.tx, {
        creation_id: current.id,
        publisher: this.deps.config.publisher,
        started_by: actor.kind === 'user' ? actor.id : `system:${actor.id}`,
        at: this.now(),
      });
      return moved;
    });
    if (!row) throw new NotFoundError(`No agent creation ${agentId}`);
    if (this.deps.flushAfterStart ?? true) void this.flush();
    return row;
  }

  /** Runs the job now, in the background (errors are logged; the scheduled run retries). */
  flush(): Promise<unknown> {
    this.flushing = this.flushing
      .then(() => this.run())
      .catch(error =>
        this.deps.logger?.warn(`Code generation run failed: ${error}`),
      );
    return this.flushing;
  }

  /**
   * One pass: starts generations lost before they began, starts the pending tasks, follows the
   * running ones. Each attempt is isolated: one failing does not stop the others.
   */
  async run(): Promise<{ started: number; finished: number; failed: number }> {
    const out = { started: 0, finished: 0, failed: 0 };
    for (const agentId of await generationStore.approvedNeverGenerated(
      this.deps.db,
    )) {
      try {
        await this.start(agentId, SCAFFOLDER_ACTOR);
      } catch (error) {
        this.deps.logger?.info(
          `Code generation of ${agentId} not started: ${error}`,
        );
      }
    }
    const now = this.now();
    const claimed = await generationStore.claimOpen(
      this.deps.db,
      now,
      new Date(now.getTime() + LEASE_MS),
    );
    for (const attempt of claimed) {
      try {
        const result = await this.advance(attempt);
        if (result) out[result]++;
      } catch (error) {
        this.deps.logger?.warn(
          `Code generation attempt ${attempt.attempt} of creation ${attempt.creation_id}: ${error}`,
        );
        await generationStore.release(this.deps.db, attempt.id);
      }
    }
    return out;
  }

  private async advance(
    attempt: GenerationRow,
  ): Promise<'started' | 'finished' | 'failed' | undefined> {
    const creation = await this.deps.store.get(attempt.creation_id);
    if (!creation) return undefined;
    if (attempt.status === 'pending') {
      let taskId: string;
      try {
        taskId = (
          await this.deps.scaffolder.startTask({
            templateRef: this.deps.config.templateRef,
            values: await this.templateValues(creation),
          })
        ).id;
      } catch (error) {
        const problem = `the scaffolder did not start the template (${String(
          (error as Error)?.message ?? error,
        )})`;
        // the scaffolder or the catalog may be starting (the template not read yet): try again
        // for a while before the attempt counts as failed
        const age = this.now().getTime() - attempt.created_at.getTime();
        if (age < (this.deps.startRetryMs ?? START_RETRY_MS)) {
          await generationStore.retryLater(
            this.deps.db,
            attempt.id,
            problem,
            new Date(this.now().getTime() + RETRY_DELAY_MS),
          );
          return undefined;
        }
        await this.fail(attempt, problem);
        return 'failed';
      }
      await generationStore.markRunning(
        this.deps.db,
        attempt.id,
        taskId,
        this.now(),
      );
      await this.auditAttempt(creation, 'started', { task_id: taskId });
      return 'started';
    }
    const state = await this.deps.scaffolder.task(attempt.task_id!);
    if (state.status === 'open' || state.status === 'processing') {
      await generationStore.release(this.deps.db, attempt.id);
      return undefined;
    }
    if (state.status === 'completed') {
      const url = state.output.remoteUrl;
      if (typeof url !== 'string' || !url) {
        await this.fail(attempt, 'the template published no repository');
        return 'failed';
      }
      await generationStore.markSucceeded(
        this.deps.db,
        attempt.id,
        url,
        this.now(),
      );
      await this.auditAttempt(creation, 'succeeded', {
        task_id: attempt.task_id,
        repository_url: url,
      });
      return 'finished';
    }
    await this.fail(
      attempt,
      'reason' in state
        ? state.reason
        : 'the scaffolder no longer knows its task',
    );
    return 'failed';
  }

  /**
   * A failed attempt: recorded, and when the creation is still generating with this attempt,
   * moved back to `genesis_approved` (`fail_generation`, actor scaffolder) with the requester's
   * notice, in one transaction.
   */
  private async fail(attempt: GenerationRow, reason: string) {
    const now = this.now();
    const row = await this.deps.store.transaction(async uow => {
      const changed = await generationStore.markFailed(
        uow.tx,
        attempt.id,
        reason,
        now,
      );
      if (!changed) return undefined;
      const creation = await uow.get(attempt.creation_id);
      const latest = await generationStore.latest(uow.tx, attempt.creation_id);
      if (
        !creation ||
        creation.status !== 'generating' ||
        latest?.id !== attempt.id
      ) {
        return creation;
      }
      const moved = await this.deps.commands.moveIn(uow, creation.id, {
        type: 'fail_generation',
        actor: SCAFFOLDER_ACTOR,
        reason: `Code generation failed: ${reason}`,
        details: { attempt: attempt.attempt, task_id: attempt.task_id },
      });
      await this.deps.notifier.enqueue(
        uow.tx,
        generationFailedNotice(moved, reason),
      );
      return moved;
    });
    this.deps.notifier.flush();
    if (row) {
      await this.auditAttempt(row, 'failed', {
        task_id: attempt.task_id,
        reason,
      });
    }
  }

  /** The PP template's values for a creation. */
  async templateValues(
    creation: CreationRow,
  ): Promise<Record<string, unknown>> {
    const { config } = this.deps;
    const readiness = await (this.deps.readiness ?? templateDefaultReadiness)(
      creation.agent_id,
    );
    const request = creation.request as { sla_targets?: unknown };
    return {
      agent_id: creation.agent_id,
      agent_name: creation.agent_name,
      description: AGENT_DESCRIPTION,
      industry: creation.industry,
      industry_title: industryTitle(creation.industry),
      specialty: creation.specialty,
      specialty_title: specialtyTitle(creation.specialty),
      owner: AGENT_OWNER,
      creation_id: creation.id,
      ...(request.sla_targets ? { sla_targets: request.sla_targets } : {}),
      ...(readiness ? { readiness } : {}),
      publisher: config.publisher,
      ...(config.githubOwner ? { github_owner: config.githubOwner } : {}),
      workflow_name: config.workflow,
      ...(config.imageRegistry ? { image_registry: config.imageRegistry } : {}),
      // the LLM step only when enabled; its endpoint and key stay in the action's config
      ...(config.useLlm ? { use_llm: true } : {}),
    };
  }

  private async auditAttempt(
    row: CreationRow,
    outcome: 'started' | 'succeeded' | 'failed',
    details: Record<string, unknown>,
  ) {
    await this.deps
      .audit?.({
        principal: CODEGEN_AUDIT_REF,
        action: `pp.agents.generation.${outcome}`,
        resource: `agent:${row.agent_id}`,
        outcome: outcome === 'failed' ? 'failure' : 'success',
        reason: typeof details.reason === 'string' ? details.reason : null,
        details: { agent_id: row.agent_id, creation_id: row.id, ...details },
      })
      .catch(error =>
        this.deps.logger?.warn(
          `Audit of the code generation of ${row.agent_id} failed: ${error}`,
        ),
      );
  }
}

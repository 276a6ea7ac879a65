import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import type {
  PpAuditEntry,
  PpNotificationMessage,
  PpTransactionalNotifier,
} from '@internal/plugin-pp-node';
import type {
  CreationActor,
  CreationEventType,
  CreationStatus,
} from '../domain/creation';
import {
  PipelineState,
  emptyPipeline,
  pipelineFailureReason,
  pipelineMove,
  reducePipeline,
} from '../domain/pipeline';
import { isDeepStrictEqual } from 'node:util';
import type { CreationRow, CreationStore } from '../database/CreationStore';
import { pipelineChanges, pipelineStore } from '../database/PipelineStore';
import { parseGithubPipelineEvent } from '../github/githubPayloads';
import type { CreationCommands } from './CreationCommands';

/** GitHub's deliveries act as this system actor in the history and the audit log. */
export const GITHUB_ACTOR: CreationActor = { kind: 'system', id: 'github' };
export const GITHUB_AUDIT_REF = 'plugin:pp-orchestration/github';

/** Statuses before Genesis approved: a repository's runs do not move these creations. */
const NOT_APPROVED: readonly CreationStatus[] = [
  'requested',
  'genesis_validating',
  'genesis_rejected',
];

export type PipelineFeedOutcome =
  | { kind: 'ignored'; why: string }
  | {
      kind: 'recorded';
      agent_id: string;
      pipeline: PipelineState;
      moves: CreationEventType[];
      status: CreationStatus;
    };

/** What the requester is told when CI failed. */
export function ciFailedNotice(
  row: CreationRow,
  reason: string,
): PpNotificationMessage {
  return {
    topic: 'orchestration.creation.ci-failed',
    title: `CI failed for ${row.agent_name}`,
    description: `The CI/CD pipeline of ${row.agent_name} halted: ${reason}. Push a fix or re-run the failed jobs; the next run resumes the pipeline.`,
    severity: 'high',
    link: `/pp/orchestration/agents/${encodeURIComponent(row.agent_id)}`,
    reference: `agent-creation:${row.id}`,
    to: row.created_by_id
      ? { userIds: [row.created_by_id] }
      : { roles: ['admin'] },
  };
}

/**
 * Feeds GitHub's `workflow_run` / `workflow_job` events (already signature-checked by the events
 * backend's GitHub module) into the pipeline of the creation whose repository sent them, and moves
 * the creation with it: `start_ci` on a new run, `fail_ci` (halted: the requester is notified) or
 * `pass_ci` (all five stages passed).
 *
 * The repository of a creation is `<pp.orchestration.github.owner>/<agent_id>`; only runs of the
 * CI workflow (`pp.orchestration.github.workflow`, by name) count.
 *
 * Until the scaffolder lands (code generation is not built yet), a creation still in
 * `genesis_approved` whose repository reports a workflow run is taken to have been generated:
 * it moves `start_generation` then `start_ci` before the run's own outcome applies.
 */
export class PipelineFeed {
  constructor(
    private readonly deps: {
      store: CreationStore;
      commands: CreationCommands;
      notifier: PpTransactionalNotifier;
      /** the GitHub organisation or user holding the agent repositories; unset: nothing is fed */
      owner: string | undefined;
      /** the CI workflow's name */
      workflow: string;
      logger?: LoggerService;
      audit?: (entry: PpAuditEntry) => Promise<void>;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /** One event of the events service; retried on a concurrent delivery for the same creation. */
  async handle(topic: string, payload: unknown): Promise<PipelineFeedOutcome> {
    const event = parseGithubPipelineEvent(topic, payload);
    if (!event) return { kind: 'ignored', why: 'not a workflow event' };
    const { owner, workflow } = this.deps;
    if (!owner) {
      return { kind: 'ignored', why: 'pp.orchestration.github.owner not set' };
    }
    const [repoOwner, repoName] = event.repository.split('/');
    if (repoOwner.toLowerCase() !== owner.toLowerCase()) {
      return { kind: 'ignored', why: `not a repository of ${owner}` };
    }
    if (event.workflow !== null && event.workflow !== workflow) {
      return { kind: 'ignored', why: `not the ${workflow} workflow` };
    }
    const agentId = repoName.toLowerCase();
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.apply(agentId, event.repository, event);
        if (outcome.kind === 'recorded' && outcome.moves.length) {
          this.deps.notifier.flush();
          await this.auditMoves(outcome, event.facts.run_id);
        }
        return outcome;
      } catch (e) {
        // another delivery for the same creation committed first: read again and fold again
        if (e instanceof ConflictError && attempt < 5) continue;
        throw e;
      }
    }
  }

  private async apply(
    agentId: string,
    repository: string,
    event: NonNullable<ReturnType<typeof parseGithubPipelineEvent>>,
  ): Promise<PipelineFeedOutcome> {
    const { commands } = this.deps;
    return this.deps.store.transaction(async uow => {
      const creation = await uow.getByAgentId(agentId);
      if (!creation) {
        return { kind: 'ignored', why: `no agent creation ${agentId}` };
      }
      if (NOT_APPROVED.includes(creation.status)) {
        return {
          kind: 'ignored',
          why: `${agentId} is ${creation.status}: Genesis has not approved it`,
        };
      }
      const now = this.now();
      const stored = await pipelineStore.get(uow.tx, creation.id);
      const before = stored?.state ?? emptyPipeline();
      const after = reducePipeline(before, event.facts);
      if (isDeepStrictEqual(after, before)) {
        return { kind: 'ignored', why: 'stale or repeated delivery' };
      }
      const saved = await pipelineStore.save(
        uow.tx,
        { creation_id: creation.id, repository, state: after, at: now },
        stored?.version ?? 0,
        pipelineChanges(before, after, now),
      );
      if (!saved) {
        throw new ConflictError(`Pipeline of ${agentId} changed meanwhile`);
      }

      const move = pipelineMove(before, after);
      const newRun =
        after.run_id !== before.run_id ||
        after.run_attempt !== before.run_attempt;
      const chain: CreationEventType[] = [];
      if (move) {
        let status = creation.status;
        // until the scaffolder lands: the repository's first run means the code was generated
        if (status === 'genesis_approved') {
          chain.push('start_generation');
          status = 'generating';
        }
        if (
          status === 'generating' ||
          (newRun && (status === 'ci_failed' || status === 'handoff_rejected'))
        ) {
          chain.push('start_ci');
        }
        if (move !== 'start_ci') chain.push(move);
      }
      const applied: CreationEventType[] = [];
      let row = creation;
      const details = {
        repository,
        run_id: after.run_id,
        run_attempt: after.run_attempt,
        head_sha: after.head_sha,
        run_url: after.run_url,
      };
      for (const type of chain) {
        try {
          row = await commands.moveIn(uow, creation.id, {
            type,
            actor: GITHUB_ACTOR,
            ...(type === 'fail_ci'
              ? {
                  reason: pipelineFailureReason(after),
                  details: { ...details, failed_stage: after.failed_stage },
                }
              : { details }),
          });
          applied.push(type);
        } catch (e) {
          // a move the state machine refuses (e.g. a new run of an agent already handed off):
          // the pipeline is still recorded, the creation stays where it is
          if (e instanceof ConflictError || e instanceof InputError) {
            this.deps.logger?.info(
              `GitHub run ${after.run_id} of ${agentId}: ${type} not applied (${e.message})`,
            );
            break;
          }
          throw e;
        }
      }
      if (applied.includes('fail_ci')) {
        await this.deps.notifier.enqueue(
          uow.tx,
          ciFailedNotice(row, pipelineFailureReason(after) ?? 'a stage failed'),
        );
      }
      return {
        kind: 'recorded',
        agent_id: agentId,
        pipeline: after,
        moves: applied,
        status: row.status,
      };
    });
  }

  private async auditMoves(
    outcome: Extract<PipelineFeedOutcome, { kind: 'recorded' }>,
    runId: number,
  ) {
    await this.deps
      .audit?.({
        principal: GITHUB_AUDIT_REF,
        action: 'pp.agents.pipeline.moved',
        resource: `agent:${outcome.agent_id}`,
        outcome: 'success',
        reason: pipelineFailureReason(outcome.pipeline) ?? null,
        details: {
          agent_id: outcome.agent_id,
          run_id: runId,
          moves: outcome.moves,
          status: outcome.status,
          pipeline: outcome.pipeline.status,
          failed_stage: outcome.pipeline.failed_stage,
        },
      })
      .catch(error =>
        this.deps.logger?.warn(
          `Audit of the pipeline of ${outcome.agent_id} failed: ${error}`,
        ),
      );
  }
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ppAgentSlaTargetsSchema } from '@internal/plugin-pp-common';
import type {
  PpAuditEntry,
  PpNotificationMessage,
  PpPrincipal,
  PpTransactionalNotifier,
} from '@internal/plugin-pp-node';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CreationActor,
  CreationEvent,
  FINAL_CREATION_STATUSES,
  TransitionError,
  newCreation,
  transition,
} from '../domain/creation';
import {
  AgentCreationInput,
  GenesisVerdict,
  genesisVerdictEvent,
  validateCreationRequest,
  withGenesisDefaults,
} from '../domain/genesis';
import {
  CreationRow,
  CreationStore,
  CreationTransaction,
  DuplicateAgentError,
  StoredGenesisVerdict,
} from '../database/CreationStore';
import type { GenesisRequestStore } from '../database/GenesisRequestStore';

/** The built-in Genesis validator acts as this system actor in the history and the audit log. */
export const GENESIS_ACTOR: CreationActor = { kind: 'system', id: 'genesis' };
export const GENESIS_AUDIT_REF = 'plugin:pp-orchestration/genesis';

/** The create request as the pp-common schema parsed it (defaults applied). */
export type CreateCreationInput = AgentCreationInput & {
  sla_targets?: {
    response_time_p95_ms: number;
    uptime_percent: number;
    error_rate_percent: number;
  };
};

/** `Lead Hunter (EU)` → `lead-hunter-eu-3f9a2c`: readable, and unique with its suffix. */
export function newAgentId(agentName: string): string {
  const slug =
    agentName
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'agent';
  return `${slug}-${randomBytes(3).toString('hex')}`;
}

/** The HTTP error a refused move is: 409 (illegal move, unmet checklist) or 400 (no reason). */
export function transitionHttpError(error: TransitionError): Error {
  return error.kind === 'invalid'
    ? new InputError(error.message)
    : new ConflictError(error.message);
}

const creationLink = (row: CreationRow) =>
  `/pp/orchestration/agents/${encodeURIComponent(row.agent_id)}`;

/** What the requester is told when Genesis decided. */
export function genesisNotice(
  row: CreationRow,
  recipient: string | null,
): PpNotificationMessage {
  const approved = row.status !== 'genesis_rejected';
  return {
    topic: approved
      ? 'orchestration.creation.genesis-approved'
      : 'orchestration.creation.genesis-rejected',
    title: approved
      ? `Genesis approved ${row.agent_name}`
      : `Genesis rejected ${row.agent_name}`,
    description: approved
      ? `Genesis approved the creation of ${row.agent_name} (${row.industry}, ${row.specialty}); code generation comes next.`
      : `Genesis rejected the creation of ${row.agent_name}: ${
          row.genesis?.reasons.join(' ') ?? 'no reason given'
        } A rejection is final; request a new agent that meets the rules.`,
    severity: approved ? 'normal' : 'high',
    link: creationLink(row),
    reference: `agent-creation:${row.id}`,
    to: recipient ? { userIds: [recipient] } : { roles: ['admin'] },
  };
}

/**
 * The creation writes, each one unit of work with its history entries and outbox notices. The
 * state machine (`transition`) decides every move; a refusal changes nothing.
 */
export class CreationCommands {
  constructor(
    private readonly deps: {
      store: CreationStore;
      notifier: PpTransactionalNotifier;
      logger?: LoggerService;
      audit?: (entry: PpAuditEntry) => Promise<void>;
      now?: () => Date;
      /**
       * The external Genesis (`pp.orchestration.genesis.url`): creations wait in
       * `genesis_validating` for its verdict on the webhook; absent, the built-in validator decides.
       */
      externalGenesis?: {
        requests: GenesisRequestStore;
        dispatcher: { flush(): Promise<unknown> };
      };
      /**
       * Called after a Genesis approval committed (code generation starts there); its failure is
       * logged, never the approval's.
       */
      onApproved?: (row: CreationRow) => Promise<unknown>;
    },
  ) {}

  private async approved(row: CreationRow) {
    if (row.status !== 'genesis_approved' || !this.deps.onApproved) return;
    try {
      await this.deps.onApproved(row);
    } catch (error) {
      this.deps.logger?.warn(
        `After the approval of ${row.agent_id}: ${String(
          (error as Error)?.message ?? error,
        )}`,
      );
    }
  }

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * A new creation: recorded as requested, handed to the built-in Genesis validator (the embedded
   * default) and moved by its verdict — approved, or rejected (final) — in the same transaction,
   * with the requester's notice in the outbox.
   */
  async create(
    input: CreateCreationInput,
    by: PpPrincipal,
  ): Promise<CreationRow> {
    const { sla_targets, ...given } = input;
    const judged = withGenesisDefaults(given);
    const request = {
      ...judged,
      sla_targets: sla_targets ?? ppAgentSlaTargetsSchema.parse({}),
    };
    const actor: CreationActor = { kind: 'user', id: by.ref };
    const recipient = by.kind === 'bootstrap' ? null : by.id;
    const row = await this.deps.store.transaction(async uow => {
      const now = this.now();
      const id = randomUUID();
      let creation = newCreation(id, actor, now);
      const started = transition(
        creation,
        { type: 'start_genesis', actor: GENESIS_ACTOR },
        now,
      );
      if (!started.ok) throw transitionHttpError(started.error);
      creation = started.creation;
      try {
        await uow.insert({
          id,
          agent_id: newAgentId(judged.agent_name),
          agent_name: judged.agent_name,
          industry: String(judged.industry),
          specialty: judged.specialty,
          request,
          status: creation.status,
          genesis: null,
          created_by: by.ref,
          created_by_id: recipient,
          created_at: now,
          completed_at: null,
          history: [...creation.history],
        });
      } catch (e) {
        if (e instanceof DuplicateAgentError)
          throw new ConflictError(e.message);
        throw e;
      }
      const external = this.deps.externalGenesis;
      if (external) {
        // the request waits for Genesis in the same commit: nothing is lost if Genesis is down
        await external.requests.enqueue(uow.tx, id, now);
        return (await uow.get(id))!;
      }
      const verdict = validateCreationRequest(judged);
      const genesis: StoredGenesisVerdict = {
        ...verdict,
        decided_at: now.toISOString(),
      };
      await this.apply(
        uow,
        id,
        1,
        genesisVerdictEvent(verdict, GENESIS_ACTOR),
        {
          genesis,
        },
      );
      const after = (await uow.get(id))!;
      await this.deps.notifier.enqueue(uow.tx, genesisNotice(after, recipient));
      return after;
    });
    if (row.status === 'genesis_validating') {
      void this.deps.externalGenesis?.dispatcher.flush();
      return row;
    }
    this.deps.notifier.flush();
    await this.auditVerdict(row);
    await this.approved(row);
    return row;
  }

  /**
   * The external Genesis's verdict (its signed webhook) on a creation in `genesis_validating`:
   * approved or rejected through the state machine (409 naming the allowed moves from any other
   * state, a rejection included), with the verdict, the history entry (actor: system `genesis`)
   * and the requester's notice in one transaction, then the audit record.
   */
  async recordGenesisVerdict(
    target: { creation_id?: string; agent_id?: string },
    input: {
      verdict: 'approved' | 'rejected';
      reasons: string[];
      rules: GenesisVerdict['rules'];
    },
  ): Promise<CreationRow> {
    const row = await this.deps.store.transaction(async uow => {
      const current = target.creation_id
        ? await uow.get(target.creation_id)
        : await uow.getByAgentId(target.agent_id ?? '');
      if (!current) {
        throw new NotFoundError(
          `No agent creation ${target.creation_id ?? target.agent_id}`,
        );
      }
      const now = this.now();
      const verdict: GenesisVerdict = {
        verdict: input.verdict,
        reasons: input.verdict === 'approved' ? [] : input.reasons,
        rules: input.rules,
        validator: 'genesis-agent',
      };
      await this.apply(
        uow,
        current.id,
        current.version,
        genesisVerdictEvent(verdict, GENESIS_ACTOR),
        { genesis: { ...verdict, decided_at: now.toISOString() } },
      );
      const after = (await uow.get(current.id))!;
      await this.deps.notifier.enqueue(
        uow.tx,
        genesisNotice(after, after.created_by_id),
      );
      return after;
    });
    this.deps.notifier.flush();
    await this.auditVerdict(row);
    await this.approved(row);
    return row;
  }

  private async auditVerdict(row: CreationRow) {
    await this.deps
      .audit?.({
        principal: GENESIS_AUDIT_REF,
        action: 'pp.agents.genesis.verdict',
        resource: `agent:${row.agent_id}`,
        outcome: 'success',
        reason: row.genesis?.reasons.join(' ') || null,
        details: {
          creation_id: row.id,
          agent_id: row.agent_id,
          verdict: row.genesis?.verdict,
          validator: row.genesis?.validator,
          failed_rules: row.genesis?.rules
            .filter(r => !r.passed)
            .map(r => r.rule),
        },
      })
      .catch(error =>
        this.deps.logger?.warn(
          `Audit of the Genesis verdict on ${row.agent_id} failed: ${error}`,
        ),
      );
  }

  /**
   * Any later move of an agent's creation (Genesis, the pipeline, the handoff use it): refused with
   * a 409 when the state machine refuses it — from `genesis_rejected` always, for every role — and
   * when `expectedVersion` (If-Match) is not the creation's version.
   */
  async move(
    agentId: string,
    event: CreationEvent,
    expectedVersion?: number,
  ): Promise<CreationRow> {
    return this.deps.store.transaction(async uow => {
      const current = await uow.getByAgentId(agentId);
      if (!current) throw new NotFoundError(`No agent creation ${agentId}`);
      const version = expectedVersion ?? current.version;
      await this.apply(uow, current.id, version, event);
      return (await uow.get(current.id))!;
    });
  }

  /**
   * A move inside a unit of work the caller holds (the pipeline feed, the handoff), so the move
   * commits with the caller's own writes; refused like `move` (409/400), on the version read here.
   */
  async moveIn(
    uow: CreationTransaction,
    id: string,
    event: CreationEvent,
  ): Promise<CreationRow> {
    const current = await uow.get(id);
    if (!current) throw new NotFoundError(`No agent creation ${id}`);
    await this.apply(uow, id, current.version, event);
    return (await uow.get(id))!;
  }

  private async apply(
    uow: CreationTransaction,
    id: string,
    expectedVersion: number,
    event: CreationEvent,
    extra: { genesis?: StoredGenesisVerdict } = {},
  ) {
    const current = await uow.get(id);
    if (!current) throw new NotFoundError(`No agent creation ${id}`);
    if (current.version !== expectedVersion) {
      throw new ConflictError(
        `Creation of ${current.agent_id} changed meanwhile (version ${current.version}, not ${expectedVersion}): read it again`,
      );
    }
    const now = this.now();
    const result = transition(
      {
        id,
        status: current.status,
        created_at: current.created_at,
        history: current.history,
      },
      event,
      now,
    );
    if (!result.ok) throw transitionHttpError(result.error);
    const moved = await uow.move(id, expectedVersion, {
      status: result.creation.status,
      entry: result.entry,
      ...extra,
      ...(FINAL_CREATION_STATUSES.includes(result.creation.status)
        ? { completed_at: now }
        : {}),
    });
    if (!moved) {
      throw new ConflictError(
        `Creation of ${current.agent_id} changed meanwhile: read it again`,
      );
    }
  }
}

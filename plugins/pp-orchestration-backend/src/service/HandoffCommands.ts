import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  PpAuditEntry,
  PpNotificationMessage,
  PpPrincipal,
  PpTransactionalNotifier,
} from '@internal/plugin-pp-node';
import { randomUUID } from 'node:crypto';
import type { CreationActor } from '../domain/creation';
import {
  HandoffFacts,
  SubmittedItem,
  dueOlaEvents,
  evaluateChecklist,
  handoffOla,
} from '../domain/handoff';
import type { CreationRow, CreationStore } from '../database/CreationStore';
import { HandoffRow, handoffStore } from '../database/HandoffStore';
import { pipelineStore } from '../database/PipelineStore';
import type { AgentHealthFacts } from './AgentHealthFacts';
import {
  AlertThresholdFacts,
  FactReading,
  OnCallFacts,
  SlaFacts,
  noSlaPlugin,
} from './HandoffFactReaders';
import type { CreationCommands } from './CreationCommands';

export const OLA_AUDIT_REF = 'plugin:pp-orchestration/handoff-ola';

const agentLink = (agentId: string) =>
  `/pp/orchestration/agents/${encodeURIComponent(agentId)}`;

/** The creation team's answer after a decision, or the reviewers' reminder and breach notices. */
export function handoffNotice(
  kind: 'submitted' | 'accepted' | 'rejected' | 'reminder' | 'breach',
  h: HandoffRow,
  creation: Pick<CreationRow, 'agent_name'>,
): PpNotificationMessage {
  const name = creation.agent_name;
  const deadline = h.deadline.toISOString();
  const toTeam = h.initiated_by_id
    ? { userIds: [h.initiated_by_id] }
    : { roles: ['admin' as const] };
  const messages = {
    submitted: {
      title: `Handoff of ${name} awaits review`,
      description: `The creation team handed ${name} off with its 8-item checklist; review it by ${deadline} (24 h OLA).`,
      severity: 'normal' as const,
      to: { roles: ['infrastructure_engineer' as const] },
    },
    accepted: {
      title: `Handoff of ${name} accepted`,
      description: `The service team accepted ${name}: it is production ready.${
        h.notes ? ` Notes: ${h.notes}` : ''
      }`,
      severity: 'normal' as const,
      to: toTeam,
    },
    rejected: {
      title: `Handoff of ${name} rejected`,
      description: `The service team rejected the handoff of ${name}: ${h.reason}`,
      severity: 'high' as const,
      to: toTeam,
    },
    reminder: {
      title: `Handoff of ${name}: review due by ${deadline}`,
      description: `80 % of the 24 h review OLA of ${name}'s handoff has passed; accept or reject it by ${deadline}.`,
      severity: 'high' as const,
      to: { roles: ['infrastructure_engineer' as const] },
    },
    breach: {
      title: `Handoff of ${name}: review OLA breached`,
      description: `The handoff of ${name} was not reviewed within 24 h (deadline ${deadline}).`,
      severity: 'critical' as const,
      to: { roles: ['infrastructure_engineer' as const, 'admin' as const] },
    },
  };
  return {
    topic: `orchestration.handoff.${kind}`,
    link: agentLink(h.agent_id),
    reference: `agent-handoff:${h.id}`,
    ...messages[kind],
  };
}

export interface OlaRun {
  reminded: number;
  breached: number;
  failed: number;
}

/**
 * The handoff writes (spec Stage 6 step 5): submit the checklist, accept or reject it, and the
 * OLA job. Each is one unit of work with the creation's move and the outbox notices; the
 * checklist is evaluated against PP's own facts (`handoff.ts`) at submit and again at accept.
 */
export class HandoffCommands {
  constructor(
    private readonly deps: {
      store: CreationStore;
      commands: CreationCommands;
      notifier: PpTransactionalNotifier;
      health: AgentHealthFacts;
      /** "alert thresholds configured": the health plugin's rules (unknown when absent) */
      alertThresholds?: AlertThresholdFacts;
      /** "on-call engineer assigned": the catalog owner group's annotation (unknown when absent) */
      onCall?: OnCallFacts;
      /** "SLA defined": the SLA/OLA plugin's reader once installed; until then unknown */
      sla?: SlaFacts;
      logger?: LoggerService;
      audit?: (entry: PpAuditEntry) => Promise<void>;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * What PP knows itself: the image was pushed when CI stage 5 passed; the health plugin's last
   * check and alert rules (over HTTP), the owner group's on-call annotation (catalog) and the
   * SLA (the SLA/OLA plugin, none installed yet) — all read outside the transaction; a reader
   * that fails leaves its item unknown (the evidence decides), with a sentence saying why.
   */
  private async facts(
    creationId: string,
    agentId: string,
  ): Promise<HandoffFacts> {
    const pipeline = await this.deps.store.transaction(uow =>
      pipelineStore.get(uow.tx, creationId),
    );
    const push = pipeline?.state.stages.find(s => s.key === 'push');
    const unread = (what: string): FactReading => ({
      state: 'unknown',
      sentence: `PP could not check ${what}, so the evidence decides.`,
    });
    const read = async (
      reader: { forAgent(id: string): Promise<FactReading> } | undefined,
      what: string,
    ) => {
      if (!reader) return unread(what);
      try {
        return await reader.forAgent(agentId);
      } catch (error) {
        this.deps.logger?.warn(`${what} of ${agentId}: ${error}`);
        return unread(what);
      }
    };
    const [health, alerts, onCall, sla] = await Promise.all([
      this.deps.health.lastCheck(agentId),
      read(this.deps.alertThresholds, 'the alert thresholds'),
      read(this.deps.onCall, 'who is on call'),
      read(this.deps.sla ?? noSlaPlugin, 'the SLA'),
    ]);
    const fact = (r: FactReading) =>
      r.state === 'unknown' ? undefined : r.state === 'verified';
    const facts: HandoffFacts = {
      image_pushed: push?.status === 'passed',
      ...(health ? { health_check: health } : {}),
      notes: {
        image_pushed:
          push?.status === 'passed'
            ? 'CI stage 5 (push to registry) passed.'
            : 'CI has not passed stage 5 (push to registry).',
        health_check: health
          ? `The health plugin last checked the agent at ${health.checked_at.toISOString()}: ${
              health.healthy ? 'healthy' : 'failing'
            }.`
          : 'The health plugin has no check of this agent yet, so the evidence decides.',
        alert_thresholds: alerts.sentence,
        on_call: onCall.sentence,
        sla_defined: sla.sentence,
      },
    };
    if (fact(alerts) !== undefined) facts.alert_thresholds = fact(alerts);
    if (fact(onCall) !== undefined) facts.on_call = fact(onCall);
    if (fact(sla) !== undefined) facts.sla_defined = fact(sla);
    return facts;
  }

  private actor(by: PpPrincipal): CreationActor {
    return { kind: 'user', id: by.ref };
  }

  async submit(
    input: { agent_id: string; items: SubmittedItem[] },
    by: PpPrincipal,
  ): Promise<{ handoff: HandoffRow; creation: CreationRow }> {
    const creation = await this.deps.store.getByAgentId(input.agent_id);
    if (!creation)
      throw new NotFoundError(`No agent creation ${input.agent_id}`);
    const facts = await this.facts(creation.id, creation.agent_id);
    const result = await this.deps.store.transaction(async uow => {
      const now = this.now();
      const evaluation = evaluateChecklist(input.items, facts, now);
      const id = randomUUID();
      const moved = await this.deps.commands.moveIn(uow, creation.id, {
        type: 'submit_handoff',
        actor: this.actor(by),
        checklist: evaluation,
        details: {
          handoff_id: id,
          satisfied: evaluation.satisfied_count,
          complete: evaluation.complete,
        },
      });
      const ola = handoffOla(now);
      const handoff: HandoffRow = {
        id,
        creation_id: creation.id,
        agent_id: creation.agent_id,
        status: 'pending',
        items: evaluation.items,
        complete: evaluation.complete,
        submitted_at: ola.submitted_at,
        reminder_at: ola.reminder_at,
        deadline: ola.deadline,
        initiated_by: by.ref,
        initiated_by_id: by.kind === 'bootstrap' ? null : by.id,
        decided_by: null,
        decided_at: null,
        reason: null,
        notes: null,
      };
      await handoffStore.insert(uow.tx, handoff);
      await this.deps.notifier.enqueue(
        uow.tx,
        handoffNotice('submitted', handoff, moved),
      );
      return { handoff, creation: moved };
    });
    this.deps.notifier.flush();
    return result;
  }

  private async pending(handoffId: string) {
    const handoff = await this.deps.store.transaction(uow =>
      handoffStore.get(uow.tx, handoffId),
    );
    if (!handoff) throw new NotFoundError(`No handoff ${handoffId}`);
    if (handoff.status !== 'pending') {
      throw new ConflictError(
        `Handoff ${handoffId} was ${handoff.status} already`,
      );
    }
    return handoff;
  }

  /** Accept: the checklist evaluated again now must be complete; the agent is production ready. */
  async accept(
    handoffId: string,
    notes: string | undefined,
    by: PpPrincipal,
  ): Promise<{ handoff: HandoffRow; creation: CreationRow }> {
    const handoff = await this.pending(handoffId);
    const facts = await this.facts(handoff.creation_id, handoff.agent_id);
    const result = await this.deps.store.transaction(async uow => {
      const now = this.now();
      const evaluation = evaluateChecklist(
        handoff.items.map(i => ({
          key: i.key,
          done: i.done,
          evidence: i.evidence ?? undefined,
        })),
        facts,
        now,
      );
      const creation = await this.deps.commands.moveIn(
        uow,
        handoff.creation_id,
        {
          type: 'accept_handoff',
          actor: this.actor(by),
          checklist: evaluation,
          // the catalog entity's lifecycle should become `production`; the catalog has no
          // documented write for an entity read from its YAML location, so it is recorded here
          // for whoever owns the agent's catalog file
          details: {
            handoff_id: handoff.id,
            catalog_lifecycle: 'production',
            ...(notes ? { notes } : {}),
          },
        },
      );
      const decided: HandoffRow = {
        ...handoff,
        status: 'accepted',
        items: evaluation.items,
        complete: evaluation.complete,
        decided_by: by.ref,
        decided_at: now,
        notes: notes ?? null,
      };
      if (!(await handoffStore.decide(uow.tx, handoff.id, decided))) {
        throw new ConflictError(`Handoff ${handoff.id} was decided meanwhile`);
      }
      await this.deps.notifier.enqueue(
        uow.tx,
        handoffNotice('accepted', decided, creation),
      );
      return { handoff: decided, creation };
    });
    this.deps.notifier.flush();
    return result;
  }

  /** Reject with a reason: back to the creation team (`handoff_rejected`). */
  async reject(
    handoffId: string,
    reason: string,
    by: PpPrincipal,
  ): Promise<{ handoff: HandoffRow; creation: CreationRow }> {
    const handoff = await this.pending(handoffId);
    const result = await this.deps.store.transaction(async uow => {
      const now = this.now();
      const creation = await this.deps.commands.moveIn(
        uow,
        handoff.creation_id,
        {
          type: 'reject_handoff',
          actor: this.actor(by),
          reason,
          details: { handoff_id: handoff.id },
        },
      );
      const decided: HandoffRow = {
        ...handoff,
        status: 'rejected',
        decided_by: by.ref,
        decided_at: now,
        reason,
      };
      if (!(await handoffStore.decide(uow.tx, handoff.id, decided))) {
        throw new ConflictError(`Handoff ${handoff.id} was decided meanwhile`);
      }
      await this.deps.notifier.enqueue(
        uow.tx,
        handoffNotice('rejected', decided, creation),
      );
      return { handoff: decided, creation };
    });
    this.deps.notifier.flush();
    return result;
  }

  /**
   * The OLA job: for each pending handoff past 80 % of its 24 h, the reminder; past the deadline,
   * the breach — each recorded once (a unique row; a second run, or another instance, finds it
   * and sends nothing). One handoff's failure is logged and counted; the batch goes on.
   */
  /**
   * PP checks the facts of every pending handoff again (the scheduled OLA job does, each run): an
   * SLA defined, a health check or the on-call annotation added after the submission shows on the
   * review page without a new submission. The evidence stays as submitted; only PP's own findings
   * and what follows from them change. Returns how many checklists changed.
   */
  async recheckPending(batch = 200): Promise<number> {
    const page = await this.deps.store.transaction(uow =>
      handoffStore.list(uow.tx, { status: 'pending', limit: batch, offset: 0 }),
    );
    let changed = 0;
    for (const h of page.items) {
      try {
        const facts = await this.facts(h.creation_id, h.agent_id);
        const evaluation = evaluateChecklist(
          h.items.map(i => ({
            key: i.key,
            done: i.done,
            evidence: i.evidence ?? undefined,
          })),
          facts,
          this.now(),
        );
        const same =
          evaluation.complete === h.complete &&
          JSON.stringify(evaluation.items) === JSON.stringify(h.items);
        if (same) continue;
        const saved = await this.deps.store.transaction(uow =>
          handoffStore.reevaluate(uow.tx, h.id, {
            items: evaluation.items,
            complete: evaluation.complete,
          }),
        );
        if (saved) changed++;
      } catch (error) {
        this.deps.logger?.warn(
          `Handoff ${h.id} of ${h.agent_id} not checked again: ${error}`,
        );
      }
    }
    return changed;
  }

  async runOlaCheck(batch = 200): Promise<OlaRun> {
    const now = this.now();
    const run: OlaRun = { reminded: 0, breached: 0, failed: 0 };
    const due = await this.deps.store.transaction(uow =>
      handoffStore.dueForOla(uow.tx, now, batch),
    );
    for (const h of due) {
      try {
        const recorded = await this.deps.store.transaction(async uow => {
          const creation = await uow.get(h.creation_id);
          const done = await handoffStore.olaEvents(uow.tx, h.id);
          const events = dueOlaEvents(
            {
              submitted_at: h.submitted_at,
              reminder_at: h.reminder_at,
              deadline: h.deadline,
            },
            h.decided_at,
            done,
            now,
          );
          const kinds: Array<'reminder' | 'breach'> = [];
          for (const e of events) {
            const fresh = await handoffStore.recordOlaEvent(uow.tx, {
              handoff_id: h.id,
              kind: e.kind,
              deadline: e.deadline,
              due_at: e.at,
              recorded_at: now,
            });
            if (!fresh) continue;
            kinds.push(e.kind);
            await this.deps.notifier.enqueue(
              uow.tx,
              handoffNotice(e.kind, h, creation ?? { agent_name: h.agent_id }),
            );
          }
          return kinds;
        });
        for (const kind of recorded) {
          if (kind === 'reminder') run.reminded++;
          else run.breached++;
          await this.deps
            .audit?.({
              principal: OLA_AUDIT_REF,
              action: `pp.handoff.ola.${kind}`,
              resource: `agent:${h.agent_id}`,
              outcome: 'success',
              reason: null,
              details: {
                handoff_id: h.id,
                agent_id: h.agent_id,
                deadline: h.deadline.toISOString(),
              },
            })
            .catch(error =>
              this.deps.logger?.warn(`Audit of handoff OLA ${h.id}: ${error}`),
            );
        }
      } catch (error) {
        run.failed++;
        this.deps.logger?.warn(`Handoff OLA of ${h.id} not checked: ${error}`);
      }
    }
    if (run.reminded || run.breached) this.deps.notifier.flush();
    return run;
  }
}

import type { PeopleNames } from './peopleNames';
import { NotFoundError } from '@backstage/errors';
import type {
  PpCicdPipeline,
  PpHandoff,
  PpPage,
} from '@internal/plugin-pp-common';
import { emptyPipeline, PipelineState } from '../domain/pipeline';
import { olaState } from '../domain/handoff';
import type { CreationStore } from '../database/CreationStore';
import {
  HandoffRow,
  HandoffStatus,
  handoffStore,
} from '../database/HandoffStore';
import { pipelineStore } from '../database/PipelineStore';

/** The API view of a creation's pipeline (`emptyPipeline` before GitHub reported a run). */
export function toApiPipeline(
  agentId: string,
  p: PipelineState,
): PpCicdPipeline {
  return {
    agent_id: agentId,
    run_id: p.run_id,
    run_attempt: p.run_attempt,
    head_sha: p.head_sha,
    run_url: p.run_url,
    status: p.status,
    failed_stage: p.failed_stage,
    started_at: p.started_at,
    completed_at: p.completed_at,
    duration_ms: p.duration_ms,
    stages: p.stages.map(s => ({
      key: s.key,
      title: s.title,
      status: s.status,
      run_attempt: s.run_attempt,
      started_at: s.started_at,
      completed_at: s.completed_at,
      duration_ms: s.duration_ms,
      expected_ms: s.expected_ms,
      log_url: s.log_url,
    })),
  };
}

/** The API view of a handoff at `now` (the OLA's state moves with time). */
export function toApiHandoff(h: HandoffRow, now: Date): PpHandoff {
  return {
    handoff_id: h.id,
    agent_id: h.agent_id,
    status: h.status,
    items: h.items.map(i => ({
      key: i.key,
      title: i.title,
      done: i.done,
      evidence: i.evidence,
      verification: i.verification,
      satisfied: i.satisfied,
      ...(i.problem ? { problem: i.problem } : {}),
      ...(i.note ? { note: i.note } : {}),
    })),
    complete: h.complete,
    ola: {
      submitted_at: h.submitted_at.toISOString(),
      deadline: h.deadline.toISOString(),
      reminder_at: h.reminder_at.toISOString(),
      state: olaState(
        {
          submitted_at: h.submitted_at,
          deadline: h.deadline,
          reminder_at: h.reminder_at,
        },
        h.decided_at,
        now,
      ),
    },
    initiated_by: h.initiated_by,
    decided_by: h.decided_by,
    decided_at: h.decided_at ? h.decided_at.toISOString() : null,
    reason: h.reason,
  };
}

/** The pipeline and handoff reads. */
export class PipelineHandoffQueries {
  constructor(
    private readonly store: CreationStore,
    private readonly now: () => Date = () => new Date(),
    /** names the people of the queue's handoffs, for the portal */
    private readonly names?: PeopleNames,
  ) {}

  async pipeline(agentId: string): Promise<PpCicdPipeline> {
    const creation = await this.store.getByAgentId(agentId);
    if (!creation) throw new NotFoundError(`No agent creation ${agentId}`);
    const stored = await this.store.transaction(uow =>
      pipelineStore.get(uow.tx, creation.id),
    );
    return toApiPipeline(agentId, stored?.state ?? emptyPipeline());
  }

  /** The review queue: handoffs of a status, the nearest deadline first. */
  async handoffs(filter: {
    status: HandoffStatus;
    limit: number;
    offset: number;
  }): Promise<PpPage<PpHandoff>> {
    const page = await this.store.transaction(uow =>
      handoffStore.list(uow.tx, filter),
    );
    const now = this.now();
    const items = page.items.map(h => toApiHandoff(h, now));
    const people = this.names
      ? await this.names(
          items.flatMap(h =>
            h.decided_by ? [h.initiated_by, h.decided_by] : [h.initiated_by],
          ),
        )
      : {};
    const names = new Map<string, string>();
    for (const agentId of new Set(items.map(h => h.agent_id))) {
      const creation = await this.store.getByAgentId(agentId);
      if (creation) names.set(agentId, creation.agent_name);
    }
    return {
      items: items.map(h => ({
        ...h,
        ...(names.has(h.agent_id) ? { agent_name: names.get(h.agent_id) } : {}),
        people: Object.fromEntries(
          [h.initiated_by, h.decided_by]
            .filter((r): r is string => !!r && !!people[r])
            .map(r => [r, people[r]]),
        ),
      })),
      total_count: page.total,
      limit: filter.limit,
      offset: filter.offset,
    };
  }
}

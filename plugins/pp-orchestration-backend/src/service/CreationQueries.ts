import { NotFoundError } from '@backstage/errors';
import type {
  PpAgentCreation,
  PpAgentGeneration,
} from '@internal/plugin-pp-common';
import { allowedMoves, genesisStatus, stepTimings } from '../domain/creation';
import type { CreationRow, CreationStore } from '../database/CreationStore';
import type { PeopleNames } from './peopleNames';

const iso = (d: Date) => d.toISOString();

/** The API view of a creation at `now`: step timings and overdue flags from the domain. */
export function toApiCreation(row: CreationRow, now: Date): PpAgentCreation {
  const creation = {
    id: row.id,
    status: row.status,
    created_at: row.created_at,
    history: row.history,
  };
  const steps = stepTimings(creation, now);
  return {
    creation_id: row.id,
    agent_id: row.agent_id,
    agent_name: row.agent_name,
    industry: row.industry as PpAgentCreation['industry'],
    specialty: row.specialty,
    status: row.status,
    genesis_status: genesisStatus(row.status),
    genesis: row.genesis
      ? {
          verdict: row.genesis.verdict,
          reasons: row.genesis.reasons,
          rules: row.genesis.rules,
          validator: row.genesis.validator,
          decided_at: row.genesis.decided_at,
        }
      : null,
    allowed_moves: allowedMoves(row.status),
    steps: steps.map(s => ({
      step: s.step,
      title: s.title,
      started_at: iso(s.started_at),
      ended_at: s.ended_at ? iso(s.ended_at) : null,
      elapsed_ms: s.elapsed_ms,
      budget_ms: s.budget_ms,
      overdue: s.overdue,
    })),
    overdue: steps.some(s => s.overdue),
    history: row.history.map(e => ({
      at: iso(e.at),
      from: e.from,
      to: e.to,
      event: e.event,
      actor: e.actor,
      reason: e.reason ?? null,
    })),
    created_by: row.created_by,
    created_at: iso(row.created_at),
    completed_at: row.completed_at ? iso(row.completed_at) : null,
  };
}

/** The creation reads. */
export class CreationQueries {
  constructor(
    private readonly store: CreationStore,
    private readonly now: () => Date = () => new Date(),
    /** names the requester and the people in the history, for the portal */
    private readonly names?: PeopleNames,
    /** the latest code generation attempt of a creation (code generation wired) */
    private readonly generation?: (
      row: CreationRow,
    ) => Promise<PpAgentGeneration | null>,
  ) {}

  async status(agentId: string): Promise<PpAgentCreation> {
    const row = await this.store.getByAgentId(agentId);
    if (!row) throw new NotFoundError(`No agent creation ${agentId}`);
    const creation: PpAgentCreation = {
      ...toApiCreation(row, this.now()),
      ...(this.generation ? { generation: await this.generation(row) } : {}),
    };
    if (!this.names) return creation;
    const people = await this.names([
      row.created_by,
      ...row.history.filter(e => e.actor.kind === 'user').map(e => e.actor.id),
    ]);
    return { ...creation, people };
  }
}

import type { RolloutObservation } from '@internal/plugin-pp-node';

/** A knowledge version as the retuning needs it. */
export interface RetuningKnowledgeVersion {
  id: string;
  /** `v2026-12-04`, `v2026-12-04-2` … */
  label: string;
  industry: string;
  /** the version's sequence number in its industry */
  seq: number;
}

/**
 * What the retuning needs from the knowledge core (helper C implements it with its store and
 * hands it to `registerRetuning`): versions by label or id, and a version's chunk texts for the
 * Genesis checks.
 */
export interface RetuningKnowledgePort {
  /** A version by its label (`v2026-12-04`) or id, within `industry` when given; undefined: none. */
  findVersion(
    ref: string,
    industry?: string,
  ): Promise<RetuningKnowledgeVersion | undefined>;
  /** The texts of the chunks in the version (at most `limit`, any stable order). */
  versionTexts(versionId: string, limit: number): Promise<string[]>;
  /** The industry's newest version; undefined when it has none. */
  latestVersion(
    industry: string,
  ): Promise<RetuningKnowledgeVersion | undefined>;
}

/** An agent as the retuning names and places it. */
export interface RetuningAgent {
  agent_id: string;
  name: string;
  /** the agent's industry (catalog label `pp.waooaw.com/industry`); null when not known */
  industry: string | null;
  /** the catalog entity the helpdesk's tickets about it name */
  entity_ref: string;
  /** the health plugin's service id of the agent (its rollout figures) */
  service_id: string;
  /**
   * The catalog entities whose service principals may report the agent's accuracy
   * (`POST /agent-retuning/{id}/evaluations`): the agent itself, its health service's component,
   * and those its `pp.waooaw.com/evaluation-service` annotation names (comma-separated refs).
   */
  evaluation_reporters: string[];
}

/** Agent names and industries (the catalog; a fallback from the id when it is not wired). */
export interface RetuningAgents {
  /** undefined: the catalog does not know the agent */
  get(agentId: string): Promise<RetuningAgent | undefined>;
  /** names for a page of retunings, by agent id (missing: unknown) */
  names?(agentIds: readonly string[]): Promise<Map<string, string>>;
}

/** Customer complaints about an agent: helpdesk tickets about it since a moment. */
export interface RetuningComplaints {
  /** how many; undefined when the helpdesk could not be read (the gate is then inconclusive) */
  since(entityRef: string, since: Date): Promise<number | undefined>;
}

/** The green side's figures (the health plugin), as the rollout engine reads them. */
export interface RetuningHealth {
  baseline(serviceId: string): Promise<Record<string, number>>;
  metricsSince(
    serviceId: string,
    since: Date,
  ): Promise<RolloutObservation['metrics'] | undefined>;
}

import type { Knex } from 'knex';
import type {
  PpOlaEvent,
  PpSlaStatus,
  PpSlaTargets,
  PpSlaTrendDay,
  PpSlaType,
} from '@internal/plugin-pp-common';
import type { DailyRow } from '../domain/compliance';
import type { OlaClockState } from '../domain/ola';

export interface DefinitionRow {
  id: string;
  agent_id: string;
  version: number;
  service_id: string;
  entity_ref: string;
  type: PpSlaType;
  targets: PpSlaTargets;
  effective_from: Date;
  effective_to: Date | null;
  credit_base_amount: number | null;
  currency: string | null;
  created_by: string;
  created_at: Date;
}

export interface StoredDay extends DailyRow {
  agent_id: string;
  status: PpSlaStatus;
  computed_at: Date;
}

/** An agent's row on the compliance dashboard (pp_sla_summaries). */
export interface SummaryRow {
  agent_id: string;
  type: PpSlaType;
  definition_version: number;
  status: PpSlaStatus;
  /** breach 0, warning 1, no_data 2, compliant 3: the status sort */
  status_rank: number;
  overall_compliance_percent: number | null;
  uptime_percent: number | null;
  /** the agent's open SLA breaches, counted by the store on every write */
  open_breaches: number;
  /** the last day (YYYY-MM-DD) of the window the row was computed for; null: never */
  window_to: string | null;
  computed_at: Date | null;
  trend: PpSlaTrendDay[];
  updated_at: Date;
}

export type SummarySort =
  | 'status'
  | 'agent_id'
  | 'overall_compliance_percent'
  | 'uptime_percent';

export interface BreachRow {
  id: string;
  kind: 'sla' | 'ola';
  agent_id: string | null;
  ola_id: string | null;
  subject: string;
  metric: string;
  title: string;
  target: number | null;
  value: number | null;
  started_at: Date;
  ended_at: Date | null;
  severity: 'minor' | 'major' | 'critical';
  root_cause: string | null;
  ticket_id: string | null;
  alerted: 'pagerduty' | 'portal' | 'silenced' | 'none';
  created_at: Date;
  /**
   * Set while the customers of a started SLA breach still have to be emailed (their contacts
   * could not be read when it started); null otherwise.
   */
  customers_pending_since: Date | null;
}

export interface CreditRow {
  id: string;
  agent_id: string;
  month: string;
  definition_id: string;
  uptime_percent: number;
  credit_percent: number;
  amount: number | null;
  currency: string | null;
  created_at: Date;
}

export interface OlaRow {
  id: string;
  name: string;
  provider_team: string;
  consumer_team: string;
  commitment_minutes: number;
  start_event: PpOlaEvent;
  stop_event: PpOlaEvent;
  ticket_priority: string | null;
  escalation_path: string[];
  created_by: string;
  created_at: Date;
}

export interface ClockRow {
  id: string;
  ola_id: string;
  subject: string;
  subject_title: string;
  started_at: Date;
  stopped_at: Date | null;
  deadline: Date;
  state: OlaClockState;
  updated_at: Date;
}

export interface MaintenanceRow {
  id: string;
  service_id: string | null;
  agent_id: string | null;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  created_by: string;
  created_at: Date;
  health_silence_id: string | null;
}

/** The writes of one unit of work, and the raw transaction for the outbox. */
export interface SlaTransaction {
  tx: Knex.Transaction;
  insertDefinition(row: DefinitionRow): Promise<void>;
  /** Closes the version in force (effective_to) when the next takes over. */
  closeDefinition(id: string, effectiveTo: Date): Promise<void>;
  upsertDay(day: StoredDay): Promise<void>;
  /**
   * Writes the agent's dashboard row; its open_breaches is counted from pp_sla_breaches in the
   * same statement. (Inserting or updating an SLA breach recounts it too.)
   */
  upsertSummary(row: Omit<SummaryRow, 'open_breaches'>): Promise<void>;
  /** Inserts a breach once; false when (kind, subject, metric, started_at) exists. */
  insertBreach(row: BreachRow): Promise<boolean>;
  updateBreach(
    id: string,
    change: Partial<
      Pick<
        BreachRow,
        'ended_at' | 'value' | 'root_cause' | 'ticket_id' | 'severity'
      >
    >,
  ): Promise<void>;
  /** Ends a breach's pending customer emails; false when another run ended them first. */
  clearCustomersPending(id: string): Promise<boolean>;
  /** Inserts a month's credit once; false when it exists. */
  insertCredit(row: CreditRow): Promise<boolean>;
  insertOla(row: OlaRow): Promise<void>;
  upsertClock(row: ClockRow): Promise<void>;
  insertMaintenance(row: MaintenanceRow): Promise<void>;
}

export interface SlaStore {
  transaction<T>(work: (uow: SlaTransaction) => Promise<T>): Promise<T>;
  definitions(agentId: string): Promise<DefinitionRow[]>;
  /** The latest version of every agent, paged by agent id. */
  currentDefinitions(filter?: {
    agentId?: string;
    type?: PpSlaType;
  }): Promise<DefinitionRow[]>;
  days(agentId: string, from: string, to: string): Promise<StoredDay[]>;
  /**
   * The compliance dashboard: the agents' rows filtered, sorted (then by agent id) and paged in
   * SQL, and how many match; two queries.
   */
  summaries(filter: {
    status?: PpSlaStatus;
    type?: PpSlaType;
    /** part of the agent id, case-insensitive */
    q?: string;
    sort: SummarySort;
    order: 'asc' | 'desc';
    limit: number;
    offset: number;
  }): Promise<{ items: SummaryRow[]; total: number }>;
  breaches(filter: {
    agentId?: string;
    kind?: 'sla' | 'ola';
    open?: boolean;
    since?: Date;
    limit: number;
    offset: number;
  }): Promise<{ items: BreachRow[]; total: number }>;
  breach(id: string): Promise<BreachRow | undefined>;
  openBreaches(kind: 'sla' | 'ola', subject: string): Promise<BreachRow[]>;
  /** SLA breaches whose customers still have to be emailed, the longest waiting first. */
  customersPending(limit: number): Promise<BreachRow[]>;
  credits(filter: {
    limit: number;
    offset: number;
  }): Promise<{ items: CreditRow[]; total: number }>;
  olas(): Promise<OlaRow[]>;
  clocks(filter: {
    state?: OlaClockState;
    limit: number;
    offset: number;
  }): Promise<{ items: ClockRow[]; total: number }>;
  maintenance(filter: {
    serviceId?: string;
    agentId?: string;
    from?: Date;
    to?: Date;
  }): Promise<MaintenanceRow[]>;
}

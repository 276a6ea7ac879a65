import type { PpSubscriptionStatus } from '@internal/plugin-pp-common';
import type { RunCounts } from '../domain/score';

/** A CP subscription as PP may see it: the allow-listed columns, with its agent's name and industry. */
export interface CpSubscription {
  id: string;
  customer_id: string;
  customer_name: string;
  agent_id: string;
  agent_name: string | null;
  industry: string | null;
  plan: string | null;
  status: PpSubscriptionStatus;
  /** The subscription's expected cadence; null: the configured default. */
  expected_runs_per_day: number | null;
  started_at: string | null;
  canceled_at: string | null;
}

/** A CP agent run, allow-listed fields only (spec: Constitutional Gates, forensic access). */
export interface CpAgentRun {
  id: string;
  agent_id: string;
  status: string;
  inputs: unknown;
  outputs: unknown;
  actions: unknown;
  error_message: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /**
   * The run's keyset position in CP's own precision (PostgreSQL keeps microseconds, an ISO time
   * keeps milliseconds): pass it back as `before.created_at` for the next page. Not an API field.
   */
  position: string;
}

/** A run's day and status, for runs-per-day charts. */
export interface CpRunMark {
  created_at: string;
  status: string;
}

export interface CpRunFilter {
  status?: string[];
  /** ISO times, inclusive from, exclusive to. */
  from?: string;
  to?: string;
  /** Keyset: runs strictly before this (created_at desc, id desc); `created_at` is a run's `position`. */
  before?: { created_at: string; id: string };
  limit: number;
}

/** The filters of an export: every run matching them, oldest first. */
export type CpRunExportFilter = Pick<CpRunFilter, 'status' | 'from' | 'to'>;

/**
 * The Customer Portal's tables (`agents`, `subscriptions`, `agent_runs`), read-only. PP never
 * writes CP's tables; writes go through the CP port. Every read selects an explicit allow-list of
 * columns: customer core data (industry_data, strategic_plans) and any column CP adds later never
 * leave CP.
 */
export interface CustomerPortalStore {
  /** Subscriptions in id order, after `afterId`, at most `limit`. */
  listSubscriptions(opts: {
    afterId?: string;
    limit: number;
  }): Promise<CpSubscription[]>;
  getSubscription(id: string): Promise<CpSubscription | undefined>;
  /**
   * The contacts of an agent's live subscriptions (active, trial, paused) that have a contact
   * address, by subscription id, and the agent's name.
   */
  liveContacts(agentId: string): Promise<{
    agent_name: string | null;
    items: Array<{
      subscription_id: string;
      customer_name: string;
      contact_email: string;
    }>;
  }>;
  /** Runs created in [start, end) per subscription (absent: no runs). */
  runCounts(
    subscriptionIds: string[],
    window: { start: Date; end: Date },
  ): Promise<Map<string, RunCounts>>;
  /** Created time and status of a subscription's runs in [start, end). */
  runMarks(
    subscriptionId: string,
    window: { start: Date; end: Date },
  ): Promise<CpRunMark[]>;
  /** The latest failed runs of a subscription, newest first. */
  recentErrors(
    subscriptionId: string,
    limit: number,
  ): Promise<
    Array<{ id: string; created_at: string; error_message: string | null }>
  >;
  /** A subscription's runs, newest first (forensic read: allow-listed fields). */
  listRuns(subscriptionId: string, filter: CpRunFilter): Promise<CpAgentRun[]>;
  /**
   * Subscriptions with failed runs created after `after` (an ISO time), with the newest such
   * run's time: the incident monitor's incremental scan.
   */
  failedRunsAfter(
    after: string,
    limit: number,
  ): Promise<Array<{ subscription_id: string; last_failed_at: string }>>;
  /** The newest finished (succeeded or failed) runs' status and time, newest first. */
  latestFinishedRuns(
    subscriptionId: string,
    limit: number,
  ): Promise<Array<{ status: string; created_at: string }>>;
  /** How many runs match an export's filters. */
  countRuns(subscriptionId: string, filter: CpRunExportFilter): Promise<number>;
  /**
   * Every run matching the filters, oldest first (created_at, id), in keyset batches of at most
   * `batchSize` (exports: one batch in memory at a time). Same allow-listed fields as `listRuns`.
   */
  runBatches(
    subscriptionId: string,
    filter: CpRunExportFilter,
    batchSize: number,
  ): AsyncIterable<CpAgentRun[]>;
  close(): Promise<void>;
}

import type { PpSubscriptionIncidentTrigger } from '@internal/plugin-pp-common';

/** An incident row: a helpdesk ticket PP opened (or is opening) for a subscription. */
export interface IncidentRow {
  id: string;
  subscription_id: string;
  kind: PpSubscriptionIncidentTrigger;
  ticket_id: string | null;
  ticket_number: string | null;
  open: boolean;
  detail: string;
  last_error: string | null;
  created_at: string;
  closed_at: string | null;
}

/**
 * The incidents PP opened for subscriptions, and the monitor's watermarks. One open incident per
 * subscription and trigger is the database's rule (a partial unique index), not only the code's.
 */
export interface IncidentStore {
  /**
   * Claims the subscription's open slot for the trigger: inserts an open incident without a
   * ticket yet, or returns undefined when one is open already (whoever opened it).
   */
  claim(input: {
    id: string;
    subscription_id: string;
    kind: PpSubscriptionIncidentTrigger;
    detail: string;
    now: Date;
  }): Promise<IncidentRow | undefined>;
  /** The helpdesk answered: the ticket the incident became. */
  setTicket(
    id: string,
    ticket: { id: string; number: string | null },
  ): Promise<void>;
  /** The helpdesk did not answer: kept open without a ticket, retried by the next run. */
  setError(id: string, error: string): Promise<void>;
  /** PP saw the ticket closed (or resolved): the slot is free again. */
  close(id: string, now: Date): Promise<void>;
  /** Every open incident (the monitor checks their tickets). */
  listOpen(): Promise<IncidentRow[]>;
  /** The newest incident of each trigger for these subscriptions (open or not). */
  latestByTrigger(
    subscriptionIds: string[],
    kind: PpSubscriptionIncidentTrigger,
  ): Promise<Map<string, IncidentRow>>;
  /** A subscription's incidents, newest first. */
  listFor(subscriptionId: string, limit: number): Promise<IncidentRow[]>;
  /**
   * Subscriptions whose `days` latest daily scores up to `latestDay` are all below `below`,
   * with those scores (newest first).
   */
  lowScoreCandidates(options: {
    latestDay: string;
    days: number;
    below: number;
  }): Promise<Map<string, Array<{ day: string; score: number }>>>;
  /** The newest day any score was computed for. */
  latestScoredDay(): Promise<string | undefined>;
  getMark(name: string): Promise<string | undefined>;
  setMark(name: string, value: string): Promise<void>;
}

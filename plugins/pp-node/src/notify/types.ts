import type { PpRoleKey, PpUser } from '@internal/plugin-pp-common';
import type { Knex } from 'knex';

/** @public */
export type PpDeliveryChannel = 'portal' | 'slack' | 'email';

/**
 * One thing to tell people about. The notifier fans it out to the portal (Backstage
 * notifications), a Slack channel and email, stores every delivery, and retries failures.
 *
 * @public
 */
export interface PpNotificationMessage {
  /** e.g. `health.alert.fired`, `helpdesk.ticket.escalated` */
  topic: string;
  title: string;
  description: string;
  /** A portal path, e.g. `/pp/health/services/payment-service` */
  link?: string;
  severity?: 'critical' | 'high' | 'normal' | 'low';
  /**
   * The people told in the portal (and by email when `email` is set). `emails` names people by
   * address: an active PP user there is told like a user id; an address of nobody known is only
   * emailed (when `email` is set). Recipients are resolved when the message is delivered, not
   * when it is written, so writing a message needs no reads.
   */
  to?: { userIds?: string[]; roles?: PpRoleKey[]; emails?: string[] };
  /** A key of `pp.notifications.slack.webhooks`, e.g. `platform-health`, `helpdesk`. */
  slackChannel?: string;
  /** Also email the recipients (and `emailAddresses`). */
  email?: boolean;
  /** Extra email addresses, e.g. an on-call list. */
  emailAddresses?: string[];
  /** What the message is about, e.g. `alert:42`; deliveries can be listed by it. */
  reference?: string;
  /**
   * `customer`: a notice to people outside the company (a subscription's contact): delivered only
   * by email, only to `emailAddresses` (never to PP users, roles, the portal or Slack), with the
   * title as its subject and no portal link. Default: people of the Platform Portal.
   */
  audience?: 'staff' | 'customer';
}

/** @public */
export interface PpDelivery {
  id: string;
  channel: PpDeliveryChannel;
  target: string;
  topic: string;
  reference: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  sent_at: string | null;
}

/** @public */
export interface PpDeliveryRun {
  sent: number;
  /** failed this round, to be retried */
  retrying: number;
  /** gave up after the last attempt */
  failed: number;
}

/** A message waiting in (or gone through) the transactional outbox. @public */
export interface PpOutboxMessage {
  id: string;
  topic: string;
  reference: string | null;
  status: 'pending' | 'expanded' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: string;
}

/** Who people are, for resolving recipients (the PP identity store is one). @public */
export interface PpNotifierDirectory {
  getUser(id: string): Promise<PpUser | undefined>;
  getUserByEmail(email: string): Promise<PpUser | undefined>;
  listUsers(query: {
    role?: PpRoleKey;
    status?: PpUser['status'];
    limit?: number;
    offset?: number;
  }): Promise<{ items: PpUser[]; total_count: number }>;
}

/** @public */
export interface PpNotifier {
  /**
   * For callers without a transaction of their own: enqueue in its own transaction, expand into
   * deliveries (one per channel and target) and try them at once. Never throws because a channel is
   * down: failures are recorded and retried with backoff by a scheduled task.
   */
  notify(message: PpNotificationMessage): Promise<PpDelivery[]>;
  /** Expands due outbox messages and delivers everything due now (the scheduled task calls this). */
  deliverDue(): Promise<PpDeliveryRun>;
  /** Recorded deliveries, newest first. */
  listDeliveries(filter?: {
    reference?: string;
    status?: PpDelivery['status'];
    limit?: number;
  }): Promise<PpDelivery[]>;
}

/**
 * The notifier of a plugin with its outbox in the plugin's own database (`ppNotifierServiceRef`):
 * notices are written with the state change, in the same transaction.
 *
 * @public
 */
export interface PpTransactionalNotifier extends PpNotifier {
  /**
   * The transactional outbox: writes the messages through `tx`, the caller's own transaction in the
   * plugin's database, so they commit (or roll back) with the state change they are about. Nothing
   * is sent before the commit; call `flush()` after it, and the scheduled task delivers whatever a
   * crash between commit and flush left behind.
   */
  enqueue(
    tx: Knex | Knex.Transaction,
    messages: PpNotificationMessage | PpNotificationMessage[],
  ): Promise<void>;
  /** Starts delivering what is due now, in the background; never throws. */
  flush(): void;
  /** Outbox messages, newest first. */
  listMessages(filter?: {
    reference?: string;
    status?: PpOutboxMessage['status'];
    limit?: number;
  }): Promise<PpOutboxMessage[]>;
}

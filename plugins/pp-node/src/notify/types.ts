import type { PpRoleKey } from '@internal/plugin-pp-common';

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
  /** The people told in the portal (and by email when `email` is set). */
  to?: { userIds?: string[]; roles?: PpRoleKey[] };
  /** A key of `pp.notifications.slack.webhooks`, e.g. `platform-health`, `helpdesk`. */
  slackChannel?: string;
  /** Also email the recipients (and `emailAddresses`). */
  email?: boolean;
  /** Extra email addresses, e.g. an on-call list. */
  emailAddresses?: string[];
  /** What the message is about, e.g. `alert:42`; deliveries can be listed by it. */
  reference?: string;
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

/** @public */
export interface PpNotifier {
  /**
   * Stores one delivery per channel and target, then tries them at once. Never throws because a
   * channel is down: failures are recorded and retried with backoff by a scheduled task.
   */
  notify(message: PpNotificationMessage): Promise<PpDelivery[]>;
  /** Delivers everything due now (the scheduled task calls this). */
  deliverDue(): Promise<PpDeliveryRun>;
  /** Recorded deliveries, newest first. */
  listDeliveries(filter?: {
    reference?: string;
    status?: PpDelivery['status'];
    limit?: number;
  }): Promise<PpDelivery[]>;
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { toIso } from '../database/util';
import { ppUserEntityRef } from '../identity/PpIdentityService';
import { PpNotificationChannels, sendOnChannel } from './channels';
import {
  PpDelivery,
  PpDeliveryChannel,
  PpDeliveryRun,
  PpNotificationMessage,
  PpNotifierDirectory,
  PpOutboxMessage,
  PpTransactionalNotifier,
} from './types';

export {
  ppNotificationChannelsFromConfig,
  type PpNotificationChannels,
} from './channels';
import { ppClampLimit } from '../paging/paging';

/** First retry after 30 s, doubling up to an hour; the 8th failure is final. */
export const PP_DELIVERY_MAX_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
/** A claimed message or delivery is left alone by other runners for this long. */
const LEASE_MS = 5 * 60_000;
const BATCH = 200;

/** The delay before attempt `attempts + 1`, after `attempts` failures. @public */
export function ppDeliveryBackoffMs(attempts: number): number {
  return Math.min(
    BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1),
    MAX_BACKOFF_MS,
  );
}

interface OutboxRow {
  id: string | number;
  channel: PpDeliveryChannel;
  target: string;
  topic: string;
  reference: string | null;
  payload: string;
  status: PpDelivery['status'];
  attempts: number;
  last_error: string | null;
  next_attempt_at: unknown;
  created_at: unknown;
  sent_at: unknown;
}

function toDelivery(row: OutboxRow): PpDelivery {
  return {
    id: String(row.id),
    channel: row.channel,
    target: row.target,
    topic: row.topic,
    reference: row.reference,
    status: row.status,
    attempts: Number(row.attempts),
    last_error: row.last_error,
    next_attempt_at:
      row.status === 'pending' ? toIso(row.next_attempt_at) : null,
    created_at: toIso(row.created_at)!,
    sent_at: toIso(row.sent_at),
  };
}

const errorText = (error: unknown) =>
  String((error as Error)?.message ?? error).slice(0, 2000);

/**
 * The PP notifier over a transactional outbox in the plugin's own database:
 * 1. `enqueue(tx, message)` writes the message in the caller's transaction (no reads, no I/O
 *    beyond that insert), so a state change and its notices commit together;
 * 2. expansion resolves the recipients and writes one delivery per channel and target
 *    (`pp_notification_outbox`), in one transaction that also marks the message expanded;
 * 3. each delivery is claimed with a lease, sent (portal via Backstage's notification service,
 *    Slack incoming webhooks, SMTP email) and retried with backoff.
 * `flush()` runs 2 and 3 right after a commit; the scheduled `deliverDue()` runs them for whatever
 * a crash, a failed channel or another instance left behind.
 *
 * @public
 */
export class DatabaseNotifier implements PpTransactionalNotifier {
  private readonly appBaseUrl: string;
  private flushing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: {
      db: Knex;
      users: PpNotifierDirectory;
      channels: PpNotificationChannels;
      logger: LoggerService;
      notifications?: NotificationService;
      /** for links in Slack and email */
      appBaseUrl?: string;
      now?: () => Date;
    },
  ) {
    this.appBaseUrl = (options.appBaseUrl ?? '').replace(/\/$/, '');
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  // ----- writing ----------------------------------------------------------------------------------

  async enqueue(
    tx: Knex | Knex.Transaction,
    messages: PpNotificationMessage | PpNotificationMessage[],
  ): Promise<void> {
    await this.insertMessages(tx, [messages].flat());
  }

  private async insertMessages(
    tx: Knex | Knex.Transaction,
    messages: PpNotificationMessage[],
  ): Promise<string[]> {
    if (!messages.length) return [];
    const now = this.now();
    const rows = await tx('pp_notification_messages')
      .insert(
        messages.map(m => ({
          topic: m.topic,
          reference: m.reference ?? null,
          payload: JSON.stringify(m),
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          created_at: now,
        })),
      )
      .returning('id');
    return rows.map((r: any) => String(typeof r === 'object' ? r.id : r));
  }

  flush(): void {
    // one flush at a time per instance; a flush asked for meanwhile runs after it
    this.flushing = this.flushing
      .then(() => this.deliverDue())
      .catch(error =>
        this.options.logger.warn(`PP notification delivery failed: ${error}`),
      );
  }

  /** Resolves when the flushes asked for so far are done (tests, shutdown). */
  async settled(): Promise<void> {
    await this.flushing;
  }

  async notify(message: PpNotificationMessage): Promise<PpDelivery[]> {
    const [id] = await this.options.db.transaction(tx =>
      this.insertMessages(tx, [message]),
    );
    const deliveries = await this.expandOne(id);
    // First attempt right away, without holding up the caller; the scheduled run retries.
    const ids = deliveries.map(d => d.id);
    void this.deliverIds(ids).catch(error =>
      this.options.logger.warn(`PP notification delivery failed: ${error}`),
    );
    return deliveries;
  }

  // ----- expanding --------------------------------------------------------------------------------

  private async recipients(message: PpNotificationMessage) {
    const { users } = this.options;
    const ids = new Set(message.to?.userIds ?? []);
    const unknownEmails: string[] = [];
    for (const role of message.to?.roles ?? []) {
      for (let offset = 0; ; offset += BATCH) {
        const page = await users.listUsers({
          role,
          status: 'active',
          limit: BATCH,
          offset,
        });
        page.items.forEach(u => ids.add(u.id));
        if (offset + page.items.length >= page.total_count) break;
      }
    }
    for (const email of message.to?.emails ?? []) {
      const user = await users.getUserByEmail(email);
      if (user && user.status === 'active') ids.add(user.id);
      else unknownEmails.push(email);
    }
    const people = [];
    for (const id of ids) {
      const user = await users.getUser(id);
      if (user && user.status === 'active') people.push(user);
    }
    return { people, unknownEmails };
  }

  private async deliveryRows(message: PpNotificationMessage) {
    const { channels, notifications } = this.options;
    if (message.audience === 'customer') {
      // outside the company: their addresses by email, nothing else
      if (!channels.email) return [];
      return [...new Set(message.emailAddresses ?? [])].map(a => ({
        channel: 'email' as const,
        target: a,
      }));
    }
    const { people, unknownEmails } = await this.recipients(message);
    const rows: Array<{ channel: PpDeliveryChannel; target: string }> = [];
    const refs = people
      .filter(p => p.kind === 'user')
      .map(p => ppUserEntityRef(p.id));
    if (refs.length && notifications) {
      rows.push({ channel: 'portal', target: refs.join(',') });
    }
    if (message.slackChannel && channels.slackWebhooks[message.slackChannel]) {
      rows.push({ channel: 'slack', target: message.slackChannel });
    }
    if (channels.email && (message.email || message.emailAddresses?.length)) {
      const addresses = new Set(message.emailAddresses ?? []);
      if (message.email) {
        people.forEach(p => p.email && addresses.add(p.email));
        unknownEmails.forEach(a => addresses.add(a));
      }
      addresses.forEach(a => rows.push({ channel: 'email', target: a }));
    }
    return rows;
  }

  /**
   * Turns one pending message into its deliveries: claimed with a lease (no other runner expands it
   * meanwhile), recipients resolved, then the deliveries written and the message marked expanded in
   * one transaction, so a crash in between leaves the message pending and nothing half-written.
   */
  private async expandOne(id: string): Promise<PpDelivery[]> {
    const { db } = this.options;
    const now = this.now();
    const lease = new Date(now.getTime() + LEASE_MS);
    const claimed = await db('pp_notification_messages')
      .where({ id, status: 'pending' })
      .andWhere('next_attempt_at', '<=', now)
      .update({ next_attempt_at: lease });
    if (!claimed) return [];
    const row = await db('pp_notification_messages').where({ id }).first();
    const message: PpNotificationMessage = JSON.parse(row.payload);
    const attempts = Number(row.attempts) + 1;
    let rows;
    try {
      rows = await this.deliveryRows(message);
    } catch (error) {
      const final = attempts >= PP_DELIVERY_MAX_ATTEMPTS;
      await db('pp_notification_messages')
        .where({ id })
        .update({
          status: final ? 'failed' : 'pending',
          attempts,
          last_error: errorText(error),
          next_attempt_at: new Date(
            this.now().getTime() + ppDeliveryBackoffMs(attempts),
          ),
        });
      this.options.logger.warn(
        `PP notification ${id} (${message.topic}): recipients not resolved (attempt ${attempts}): ${error}`,
      );
      return [];
    }
    return db.transaction(async tx => {
      const marked = await tx('pp_notification_messages')
        .where({ id, status: 'pending' })
        .andWhere('next_attempt_at', '=', lease)
        .update({ status: 'expanded', attempts, expanded_at: this.now() });
      if (!marked) return []; // the lease ran out and another runner took it
      const inserted: OutboxRow[] = [];
      for (const r of rows) {
        const [created] = await tx('pp_notification_outbox')
          .insert({
            ...r,
            message_id: id,
            topic: message.topic,
            reference: message.reference ?? null,
            payload: row.payload,
            status: 'pending',
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
          })
          .returning('*');
        inserted.push(created);
      }
      return inserted.map(toDelivery);
    });
  }

  // ----- delivering -------------------------------------------------------------------------------

  async deliverDue(): Promise<PpDeliveryRun> {
    const { db } = this.options;
    const messages = await db('pp_notification_messages')
      .where('status', 'pending')
      .andWhere('next_attempt_at', '<=', this.now())
      .orderBy('id')
      .limit(BATCH)
      .select('id');
    for (const { id } of messages) await this.expandOne(String(id));
    const due = await db('pp_notification_outbox')
      .where('status', 'pending')
      .andWhere('next_attempt_at', '<=', this.now())
      .orderBy('id')
      .limit(BATCH)
      .select('id');
    return this.deliverIds(due.map(r => String(r.id)));
  }

  private async deliverIds(ids: string[]): Promise<PpDeliveryRun> {
    const run: PpDeliveryRun = { sent: 0, retrying: 0, failed: 0 };
    for (const id of ids) {
      const outcome = await this.deliverOne(id);
      if (outcome) run[outcome] += 1;
    }
    return run;
  }

  /** Claims one due delivery (so no other runner sends it too), sends it, records the outcome. */
  private async deliverOne(
    id: string,
  ): Promise<keyof PpDeliveryRun | undefined> {
    const { db } = this.options;
    const now = this.now();
    const claimed = await db('pp_notification_outbox')
      .where({ id, status: 'pending' })
      .andWhere('next_attempt_at', '<=', now)
      .update({ next_attempt_at: new Date(now.getTime() + LEASE_MS) });
    if (!claimed) return undefined;
    const row: OutboxRow = await db('pp_notification_outbox')
      .where({ id })
      .first();
    const attempts = Number(row.attempts) + 1;
    try {
      await sendOnChannel(
        {
          channels: this.options.channels,
          notifications: this.options.notifications,
          absolute: link => this.absolute(link),
        },
        row.channel,
        row.target,
        JSON.parse(row.payload),
      );
      await db('pp_notification_outbox').where({ id }).update({
        status: 'sent',
        attempts,
        sent_at: this.now(),
        last_error: null,
      });
      return 'sent';
    } catch (error) {
      const final = attempts >= PP_DELIVERY_MAX_ATTEMPTS;
      const message = errorText(error);
      await db('pp_notification_outbox')
        .where({ id })
        .update({
          status: final ? 'failed' : 'pending',
          attempts,
          last_error: message,
          next_attempt_at: new Date(
            this.now().getTime() + ppDeliveryBackoffMs(attempts),
          ),
        });
      this.options.logger.warn(
        `PP ${row.channel} delivery ${id} to ${
          row.target
        } failed (attempt ${attempts}${
          final ? ', giving up' : ''
        }): ${message}`,
      );
      return final ? 'failed' : 'retrying';
    }
  }

  private absolute(link?: string) {
    if (!link) return undefined;
    return /^https?:/.test(link) ? link : `${this.appBaseUrl}${link}`;
  }

  // ----- reading ----------------------------------------------------------------------------------

  async listDeliveries(
    filter: {
      reference?: string;
      status?: PpDelivery['status'];
      limit?: number;
    } = {},
  ): Promise<PpDelivery[]> {
    const query = this.options.db('pp_notification_outbox');
    if (filter.reference) query.where('reference', filter.reference);
    if (filter.status) query.where('status', filter.status);
    const rows: OutboxRow[] = await query
      .orderBy('id', 'desc')
      .limit(ppClampLimit(filter.limit, { fallback: 100, max: 500 }));
    return rows.map(toDelivery);
  }

  async listMessages(
    filter: {
      reference?: string;
      status?: PpOutboxMessage['status'];
      limit?: number;
    } = {},
  ): Promise<PpOutboxMessage[]> {
    const query = this.options.db('pp_notification_messages');
    if (filter.reference) query.where('reference', filter.reference);
    if (filter.status) query.where('status', filter.status);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(ppClampLimit(filter.limit, { fallback: 100, max: 500 }));
    return rows.map((r: any) => ({
      id: String(r.id),
      topic: r.topic,
      reference: r.reference ?? null,
      status: r.status,
      attempts: Number(r.attempts),
      last_error: r.last_error ?? null,
      created_at: toIso(r.created_at)!,
    }));
  }
}

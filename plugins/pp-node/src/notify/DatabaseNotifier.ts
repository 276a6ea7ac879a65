import {
  LoggerService,
  RootConfigService as Config,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { createTransport, Transporter } from 'nodemailer';
import { toIso } from '../database/util';
import { DatabaseIdentityStore } from '../identity/DatabaseIdentityStore';
import { ppUserEntityRef } from '../identity/PpIdentityService';
import {
  PpDelivery,
  PpDeliveryChannel,
  PpDeliveryRun,
  PpNotificationMessage,
  PpNotifier,
} from './types';

/** First retry after 30 s, doubling up to an hour; the 8th failure is final. */
export const PP_DELIVERY_MAX_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
/** A claimed delivery is left alone by other runners for this long. */
const LEASE_MS = 5 * 60_000;
const SEND_TIMEOUT_MS = 10_000;

/** The delay before attempt `attempts + 1`, after `attempts` failures. @public */
export function ppDeliveryBackoffMs(attempts: number): number {
  return Math.min(
    BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1),
    MAX_BACKOFF_MS,
  );
}

/** Where notifications go, from `pp.notifications`. @public */
export interface PpNotificationChannels {
  slackWebhooks: Record<string, string>;
  email?: { from: string; transport: Transporter };
}

/** Reads `pp.notifications.slack.webhooks` and `pp.notifications.email`. @public */
export function ppNotificationChannelsFromConfig(
  config: Config,
): PpNotificationChannels {
  const slack = config.getOptionalConfig('pp.notifications.slack.webhooks');
  const slackWebhooks: Record<string, string> = {};
  for (const key of slack?.keys() ?? []) {
    const url = slack!.getOptionalString(key);
    if (url) slackWebhooks[key] = url;
  }
  const email = config.getOptionalConfig('pp.notifications.email');
  const smtp = email?.getOptionalConfig('smtp');
  if (!email || !smtp?.getOptionalString('host')) return { slackWebhooks };
  const username = smtp.getOptionalString('username');
  return {
    slackWebhooks,
    email: {
      from:
        email.getOptionalString('from') ??
        'Platform Portal <platform-portal@waooaw.com>',
      transport: createTransport({
        host: smtp.getString('host'),
        port: smtp.getOptionalNumber('port') ?? 587,
        secure: smtp.getOptionalBoolean('secure') ?? false,
        requireTLS: smtp.getOptionalBoolean('requireTLS') ?? false,
        auth: username
          ? { user: username, pass: smtp.getString('password') }
          : undefined,
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      }),
    },
  };
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

/**
 * The PP notifier over an outbox table: portal notifications through Backstage's notification
 * service, Slack incoming webhooks and SMTP email (nodemailer; SendGrid's SMTP relay works).
 *
 * @public
 */
export class DatabaseNotifier implements PpNotifier {
  private readonly appBaseUrl: string;

  constructor(
    private readonly options: {
      db: Knex;
      users: DatabaseIdentityStore;
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

  private async recipients(message: PpNotificationMessage) {
    const { users } = this.options;
    const ids = new Set(message.to?.userIds ?? []);
    for (const role of message.to?.roles ?? []) {
      for (let offset = 0; ; offset += 200) {
        const page = await users.listUsers({
          role,
          status: 'active',
          limit: 200,
          offset,
        });
        page.items.forEach(u => ids.add(u.id));
        if (offset + page.items.length >= page.total_count) break;
      }
    }
    const people = [];
    for (const id of ids) {
      const user = await users.getUser(id);
      if (user && user.status === 'active') people.push(user);
    }
    return people;
  }

  async notify(message: PpNotificationMessage): Promise<PpDelivery[]> {
    const { db, channels, notifications } = this.options;
    const people = await this.recipients(message);
    const now = this.now();
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
      }
      addresses.forEach(a => rows.push({ channel: 'email', target: a }));
    }
    if (!rows.length) return [];
    const payload = JSON.stringify(message);
    const inserted: OutboxRow[] = [];
    await db.transaction(async tx => {
      for (const row of rows) {
        const [created] = await tx('pp_notification_outbox')
          .insert({
            ...row,
            topic: message.topic,
            reference: message.reference ?? null,
            payload,
            status: 'pending',
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
          })
          .returning('*');
        inserted.push(created);
      }
    });
    // First attempt right away, without holding up the caller; the scheduled run retries.
    const ids = inserted.map(r => String(r.id));
    void this.deliverIds(ids).catch(error =>
      this.options.logger.warn(`PP notification delivery failed: ${error}`),
    );
    return inserted.map(toDelivery);
  }

  async deliverDue(): Promise<PpDeliveryRun> {
    const due = await this.options
      .db('pp_notification_outbox')
      .where('status', 'pending')
      .andWhere('next_attempt_at', '<=', this.now())
      .orderBy('id')
      .limit(200)
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
      await this.send(row.channel, row.target, JSON.parse(row.payload));
      await db('pp_notification_outbox').where({ id }).update({
        status: 'sent',
        attempts,
        sent_at: this.now(),
        last_error: null,
      });
      return 'sent';
    } catch (error) {
      const final = attempts >= PP_DELIVERY_MAX_ATTEMPTS;
      const message = String((error as Error)?.message ?? error).slice(0, 2000);
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

  private async send(
    channel: PpDeliveryChannel,
    target: string,
    message: PpNotificationMessage,
  ) {
    const { channels, notifications } = this.options;
    const link = this.absolute(message.link);
    if (channel === 'portal') {
      if (!notifications)
        throw new Error('Backstage notifications are not available');
      await notifications.send({
        recipients: { type: 'entity', entityRef: target.split(',') },
        payload: {
          title: message.title,
          description: message.description,
          link: message.link,
          severity: message.severity ?? 'normal',
          topic: message.topic,
        },
      });
      return;
    }
    if (channel === 'slack') {
      const url = channels.slackWebhooks[target];
      if (!url)
        throw new Error(`Slack channel ${target} is no longer configured`);
      const text = `*${message.title}*\n${message.description}${
        link ? `\n<${link}|Open in the Platform Portal>` : ''
      }`;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (!response.ok) {
        throw new Error(
          `Slack answered ${response.status}: ${(await response.text()).slice(
            0,
            200,
          )}`,
        );
      }
      return;
    }
    if (!channels.email)
      throw new Error('Email (SMTP) is no longer configured');
    await channels.email.transport.sendMail({
      from: channels.email.from,
      to: target,
      subject: `[Platform Portal] ${message.title}`,
      text: `${message.description}${link ? `\n\n${link}` : ''}\n`,
    });
  }

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
      .limit(Math.min(Math.max(filter.limit ?? 100, 1), 500));
    return rows.map(toDelivery);
  }
}

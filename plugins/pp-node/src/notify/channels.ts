import { RootConfigService as Config } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { createTransport, Transporter } from 'nodemailer';
import { PpDeliveryChannel, PpNotificationMessage } from './types';

export const SEND_TIMEOUT_MS = 10_000;

/** Where notifications go, from `pp.notifications`. @public */
export interface PpNotificationChannels {
  slackWebhooks: Record<string, string>;
  email?: {
    from: string;
    /** The From address of customer notices (`audience: 'customer'`); default `from`. */
    customerFrom?: string;
    transport: Transporter;
  };
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
      customerFrom: email.getOptionalString('customerFrom'),
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

/** Sends one delivery on its channel; throws when the channel refuses it (the caller retries). */
export async function sendOnChannel(
  opts: {
    channels: PpNotificationChannels;
    notifications?: NotificationService;
    /** Absolute URL of a portal link, for Slack and email. */
    absolute: (link?: string) => string | undefined;
  },
  channel: PpDeliveryChannel,
  target: string,
  message: PpNotificationMessage,
) {
  const { channels, notifications } = opts;
  const link = opts.absolute(message.link);
  if (channel === 'portal') {
    if (!notifications) {
      throw new Error('Backstage notifications are not available');
    }
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
  if (!channels.email) throw new Error('Email (SMTP) is no longer configured');
  if (message.audience === 'customer') {
    // a customer's email: no portal link, no internal subject prefix
    await channels.email.transport.sendMail({
      from: channels.email.customerFrom ?? channels.email.from,
      to: target,
      subject: message.title,
      text: `${message.description}\n`,
    });
    return;
  }
  await channels.email.transport.sendMail({
    from: channels.email.from,
    to: target,
    subject: `[Platform Portal] ${message.title}`,
    text: `${message.description}${link ? `\n\n${link}` : ''}\n`,
  });
}

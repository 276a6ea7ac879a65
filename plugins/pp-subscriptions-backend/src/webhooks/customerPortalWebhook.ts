import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { RequestValidator } from '@backstage/plugin-events-node';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The Customer Portal's support webhook (issue #14's third incident trigger): CP posts its
 * support tickets to `POST /pp/v1/webhooks/customer-portal` (Backstage's events backend, HTTP
 * ingress topic below); a ticket flagged as a complaint opens a helpdesk incident for its
 * subscription. Signed like GitHub's webhooks, plus a timestamp against replays:
 *
 *   X-PP-Timestamp: <unix seconds>
 *   X-PP-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with pp.customerPortal.webhookSecret>
 */
export const CP_WEBHOOK_TOPIC = 'pp-customer-portal';

/** How old a signed request may be (and how far in the future), in seconds. */
export const CP_WEBHOOK_TOLERANCE_SECONDS = 300;

export const cpSupportTicketEventSchema = z.object({
  type: z.literal('support_ticket.flagged'),
  ticket: z.object({
    id: z.string().min(1).max(100),
    subscription_id: z.string().min(1).max(64),
    subject: z.string().min(1).max(300),
    complaint: z.boolean(),
  }),
});
export type CpSupportTicketEvent = z.infer<typeof cpSupportTicketEventSchema>;

/** The signature CP sends for a body at a time. */
export function cpWebhookSignature(
  secret: string,
  timestamp: string,
  rawBody: Buffer | string,
) {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return `sha256=${hmac.digest('hex')}`;
}

const header = (
  headers: Record<string, string | string[] | undefined>,
  name: string,
) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Checks a CP webhook request: signature over timestamp and raw body, timestamp within the
 * tolerance, and the payload's shape. Rejections are the portal's error envelope.
 */
export function cpWebhookValidator(options: {
  secret: string;
  now?: () => Date;
}): RequestValidator {
  return async (request, context) => {
    const reject = (status: number, name: string, message: string) =>
      context.reject({
        status,
        payload: { error: { name, message } },
        contentType: 'application/json',
      });
    const timestamp = header(request.headers, 'x-pp-timestamp');
    const signature = header(request.headers, 'x-pp-signature');
    if (!timestamp || !signature) {
      reject(
        401,
        'AuthenticationError',
        'Sign the request: X-PP-Timestamp and X-PP-Signature headers are required',
      );
      return;
    }
    const expected = Buffer.from(
      cpWebhookSignature(options.secret, timestamp, request.raw.body),
    );
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      reject(
        401,
        'AuthenticationError',
        'The signature does not match the body',
      );
      return;
    }
    const seconds = Number(timestamp);
    const now = (options.now?.() ?? new Date()).getTime() / 1000;
    if (
      !/^\d{1,12}$/.test(timestamp) ||
      Math.abs(now - seconds) > CP_WEBHOOK_TOLERANCE_SECONDS
    ) {
      reject(
        401,
        'AuthenticationError',
        `The request is older than ${CP_WEBHOOK_TOLERANCE_SECONDS} seconds (or from the future): replays are refused`,
      );
      return;
    }
    const parsed = cpSupportTicketEventSchema.safeParse(request.body);
    if (!parsed.success) {
      reject(
        400,
        'InputError',
        `Not a support ticket event: ${parsed.error.issues
          .map(i => `${i.path.join('.') || 'body'} ${i.message}`)
          .join('; ')}`,
      );
    }
  };
}

/**
 * Registers the CP webhook's HTTP ingress with the events backend, when
 * `pp.customerPortal.webhookSecret` is set (without a secret the route does not exist: 404).
 *
 * @public
 */
export const ppCustomerPortalWebhookModule = createBackendModule({
  pluginId: 'events',
  moduleId: 'pp-customer-portal-webhook',
  register(env) {
    env.registerInit({
      deps: {
        events: eventsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ events, config, logger }) {
        const secret = config.getOptionalString(
          'pp.customerPortal.webhookSecret',
        );
        if (!secret) {
          logger.info(
            'pp.customerPortal.webhookSecret is not set: the Customer Portal support webhook is off',
          );
          return;
        }
        events.addHttpPostIngress({
          topic: CP_WEBHOOK_TOPIC,
          validator: cpWebhookValidator({ secret }),
        });
      },
    });
  },
});

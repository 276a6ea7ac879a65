import type { Config } from '@backstage/config';

export const PAGERDUTY_DEFAULT_URL = 'https://events.pagerduty.com/v2/enqueue';

export interface PagerDutyConfig {
  routingKey: string;
  url: string;
  timeoutMs: number;
}

/** `pp.sla.pagerduty`: undefined without a routing key (alerts go to the portal instead). */
export function readPagerDutyConfig(
  config: Config,
): PagerDutyConfig | undefined {
  const routingKey = config.getOptionalString('pp.sla.pagerduty.routingKey');
  if (!routingKey) return undefined;
  return {
    routingKey,
    url:
      config.getOptionalString('pp.sla.pagerduty.url') ?? PAGERDUTY_DEFAULT_URL,
    timeoutMs: config.getOptionalNumber('pp.sla.pagerduty.timeoutMs') ?? 10_000,
  };
}

/**
 * PagerDuty Events API v2: `trigger` when a breach starts, `resolve` when it ends, one incident
 * per breach (`dedup_key` = the breach id). Throws when PagerDuty does not accept the event.
 */
export class PagerDutyClient {
  constructor(
    private readonly config: PagerDutyConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(event: {
    action: 'trigger' | 'resolve';
    dedupKey: string;
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    details?: Record<string, unknown>;
    link?: string;
  }): Promise<void> {
    const body =
      event.action === 'trigger'
        ? {
            routing_key: this.config.routingKey,
            event_action: 'trigger',
            dedup_key: event.dedupKey,
            payload: {
              summary: event.summary.slice(0, 1024),
              source: event.source,
              severity: event.severity,
              component: event.source,
              group: 'sla',
              class: 'sla-breach',
              custom_details: event.details ?? {},
            },
            ...(event.link
              ? { links: [{ href: event.link, text: 'SLA compliance' }] }
              : {}),
          }
        : {
            routing_key: this.config.routingKey,
            event_action: 'resolve',
            dedup_key: event.dedupKey,
          };
    const res = await this.fetchImpl(this.config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    if (res.status !== 202 && !res.ok) {
      const text = await res.text().catch(() => '');
      throw new Error(
        `PagerDuty answered ${res.status}: ${text.slice(0, 200)}`,
      );
    }
  }
}

import type {
  PpAgentCustomerContacts,
  PpSlaMetric,
} from '@internal/plugin-pp-common';
import type { PpNotificationMessage } from '@internal/plugin-pp-node';
import type { BreachRow } from '../database/SlaStore';

/** How a customer reads each metric (no internal names). */
const CUSTOMER_METRIC: Record<PpSlaMetric, string> = {
  uptime: 'availability',
  response_time_p95: 'response time',
  error_rate: 'error rate',
  support_response: 'support response time',
  critical_resolution: 'resolution time for critical incidents',
};

const when = (d: Date) =>
  `${new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(d)} UTC`;

/**
 * The customer notices of a breach that started: one email per contact address (the customers
 * with that address greeted by name), a plain sentence with the agent, the metric, the start time
 * and what is being done — nothing internal (no root cause, severity, ticket, OLA or portal link).
 */
export function customerBreachNotices(
  breach: Pick<BreachRow, 'id' | 'agent_id' | 'metric' | 'started_at'>,
  contacts: PpAgentCustomerContacts,
): PpNotificationMessage[] {
  const agent = contacts.agent_name ?? breach.agent_id ?? 'Your AI agent';
  const metric =
    CUSTOMER_METRIC[breach.metric as PpSlaMetric] ?? 'service level';
  const byAddress = new Map<string, string[]>();
  for (const c of contacts.items) {
    const address = c.contact_email.trim().toLowerCase();
    if (!address.includes('@')) continue;
    const names = byAddress.get(address) ?? [];
    if (!names.includes(c.customer_name)) names.push(c.customer_name);
    byAddress.set(address, names);
  }
  return [...byAddress].map(([address, names]) => ({
    topic: 'sla.breach.customer',
    audience: 'customer' as const,
    title: `Service notice: ${agent}`,
    description: `Hello ${names.join(', ')},\n\nSince ${when(
      breach.started_at,
    )}, the ${metric} of ${agent} has been below the level agreed in your service agreement. Our engineers have been alerted and are working to restore the agreed service level.`,
    emailAddresses: [address],
    reference: `sla-breach:${breach.id}`,
  }));
}

/**
 * Which Backstage plugin serves each part of the `/pp/v1` contract
 * (`shared/spec/api-catalog.yaml`).
 *
 * A request to `/pp/v1<path>` is answered by plugin `pluginId` at `/api/<pluginId><path>`: plugins
 * declare their routes with the contract's own relative paths, so the contract and the code read the
 * same. `target`, when given, replaces the matched part instead (for plugins we do not own).
 *
 * `path` matches whole leading segments; `*` matches exactly one segment. The most specific entry wins
 * (more segments, then fewer wildcards), so the order of this table does not matter.
 */
export interface PpV1Mount {
  path: string;
  pluginId: string;
  target?: string;
}

export const ppV1Mounts: PpV1Mount[] = [
  // Stage 1 and 4: identity, roles, users
  { path: '/auth', pluginId: 'pp-users' },
  { path: '/roles', pluginId: 'pp-users' },
  { path: '/users', pluginId: 'pp-users' },
  // not in the contract: the audit log and its chain check (admin)
  { path: '/audit', pluginId: 'pp-users' },
  // Stage 2
  { path: '/health', pluginId: 'pp-health' },
  // Stage 3
  { path: '/tickets', pluginId: 'pp-helpdesk' },
  // Stage 5
  { path: '/subscriptions', pluginId: 'pp-subscriptions' },
  // The Customer Portal's signed support webhook (complaints open incidents), verified and turned
  // into events by Backstage's events backend.
  {
    path: '/webhooks/customer-portal',
    pluginId: 'events',
    target: '/http/pp-customer-portal',
  },
  // Stage 6
  { path: '/agents', pluginId: 'pp-orchestration' },
  { path: '/agent-handoff', pluginId: 'pp-orchestration' },
  { path: '/webhooks/genesis', pluginId: 'pp-orchestration' },
  // agent upgrades (blue-green rollouts): /agents/{agent_id}/upgrades is under /agents above
  { path: '/upgrades', pluginId: 'pp-orchestration' },
  // GitHub webhooks are verified and turned into events by Backstage's events backend.
  { path: '/webhooks/github', pluginId: 'events', target: '/http/github' },
  // Stage 7
  { path: '/sla-definitions', pluginId: 'pp-sla' },
  { path: '/ola-definitions', pluginId: 'pp-sla' },
  { path: '/agents/*/sla-compliance', pluginId: 'pp-sla' },
  { path: '/sla', pluginId: 'pp-sla' },
  { path: '/ola', pluginId: 'pp-sla' },
  // the Customer Portal's read of a subscription's SLA
  { path: '/subscriptions/*/sla', pluginId: 'pp-sla' },
  // Stage 8
  { path: '/industry-knowledge', pluginId: 'pp-knowledge' },
  { path: '/agents/*/retune', pluginId: 'pp-knowledge' },
  { path: '/agents/*/knowledge', pluginId: 'pp-knowledge' },
  { path: '/agent-retuning', pluginId: 'pp-knowledge' },
];

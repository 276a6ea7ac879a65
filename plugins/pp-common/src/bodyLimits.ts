/*
 * Request bodies: one size limit per route, the same as the contract's copy (spec/api-catalog.yaml:
 * `body_limit_default`, the endpoints' `body_limit`, `other_body_routes`); a test keeps the two equal.
 *
 * Every PP route reads its JSON body only after the caller passed the guard (readJsonBody in
 * pp-node): an unauthenticated or unauthorized caller gets 401/403 whatever it sends, never a
 * 400 for malformed JSON or a 413 for a body over the limit.
 */

/** The limit of a route that takes a body and states none. @public */
export const PP_BODY_LIMIT_DEFAULT = '100kb';

/**
 * Every route that reads a JSON body, keyed `METHOD <contract path>`, with its limit (`kb`/`mb`
 * are 1024 and 1024² bytes).
 *
 * @public
 */
export const ppBodyLimits = {
  // --- Authentication & authorization (pp-users)
  'POST /pp/v1/auth/login': '100kb',
  'POST /pp/v1/auth/callback': '100kb',
  'POST /pp/v1/roles/{role_id}/check-permission': '100kb',
  // --- Users, roles, role requests, API tokens (pp-users)
  'POST /pp/v1/users': '100kb',
  'PUT /pp/v1/users/{user_id}': '100kb',
  'POST /pp/v1/users/{user_id}/assign-role': '100kb',
  'POST /pp/v1/users/{user_id}/revoke-role': '100kb',
  'POST /pp/v1/users/bulk-assign-role': '100kb',
  'POST /pp/v1/users/role-request': '100kb',
  'POST /pp/v1/users/role-requests/{request_id}/approve': '100kb',
  'POST /pp/v1/users/role-requests/{request_id}/deny': '100kb',
  'POST /pp/v1/users/{user_id}/api-tokens': '100kb',
  // --- Health monitoring (pp-health)
  'POST /pp/v1/health/logs/query': '100kb',
  'PUT /pp/v1/health/alert-thresholds/{alert_type}': '100kb',
  'POST /pp/v1/health/heartbeats': '100kb',
  'POST /pp/v1/health/silences': '100kb',
  'POST /pp/v1/health/alerts/{alert_id}/acknowledge': '100kb',
  'POST /pp/v1/health/reported-conditions': '100kb',
  // a batch: up to 1000 lines of up to 8000 characters, with their attributes
  'POST /pp/v1/health/logs': '10mb',
  // --- Ticketing (pp-helpdesk)
  'POST /pp/v1/tickets': '100kb',
  'PUT /pp/v1/tickets/{ticket_id}': '100kb',
  'POST /pp/v1/tickets/{ticket_id}/transition': '100kb',
  'POST /pp/v1/tickets/{ticket_id}/assign': '100kb',
  'POST /pp/v1/tickets/{ticket_id}/escalate': '100kb',
  'POST /pp/v1/tickets/{ticket_id}/close': '100kb',
  'POST /pp/v1/tickets/{ticket_id}/comments': '100kb',
  // base64 JSON of a file of up to 5 MiB (PP_TICKET_ATTACHMENT_LIMITS, pp.helpdesk.attachments.maxBytes)
  'POST /pp/v1/tickets/{ticket_id}/attachments': '8mb',
  // --- Subscription management (pp-subscriptions)
  'POST /pp/v1/subscriptions/{subscription_id}/export-runs': '100kb',
  'POST /pp/v1/subscriptions/{subscription_id}/force-cancel': '100kb',
  // --- Agent orchestration (pp-orchestration)
  'POST /pp/v1/agents/create': '100kb',
  'POST /pp/v1/agents/{agent_id}/generate': '100kb',
  'POST /pp/v1/agent-handoff': '100kb',
  'POST /pp/v1/agent-handoff/{handoff_id}/accept': '100kb',
  'POST /pp/v1/agent-handoff/{handoff_id}/reject': '100kb',
  'PUT /pp/v1/agents/{agent_id}/readiness': '100kb',
  'POST /pp/v1/agents/{agent_id}/upgrades': '100kb',
  'POST /pp/v1/upgrades/{upgrade_id}/abort': '100kb',
  // Genesis's signed verdicts (the signature is over the raw body, read up to this limit)
  'POST /pp/v1/webhooks/genesis': '100kb',
  // --- SLA/OLA management (pp-sla)
  'POST /pp/v1/sla-definitions': '100kb',
  'POST /pp/v1/ola-definitions': '100kb',
  'PUT /pp/v1/sla/breaches/{breach_id}': '100kb',
  'POST /pp/v1/sla/maintenance-windows': '100kb',
  // --- Industry knowledge (pp-knowledge)
  'POST /pp/v1/industry-knowledge/sources': '100kb',
  'PUT /pp/v1/industry-knowledge/sources/{source_id}': '100kb',
  'POST /pp/v1/industry-knowledge/sources/test-connection': '100kb',
  'POST /pp/v1/industry-knowledge/sources/{source_id}/run': '100kb',
  // JSON with the file's content in base64: a file of up to 5 MiB
  'POST /pp/v1/industry-knowledge/sources/{source_id}/upload': '8mb',
  // a webhook source's signed records (the signature is over the raw body)
  'POST /pp/v1/industry-knowledge/webhooks/{source_id}': '1mb',
  'POST /pp/v1/industry-knowledge/{industry}/search': '100kb',
  'POST /pp/v1/agents/{agent_id}/retune': '100kb',
  'POST /pp/v1/agent-retuning/{retuning_id}/approve': '100kb',
  'POST /pp/v1/agent-retuning/{retuning_id}/decline': '100kb',
  'POST /pp/v1/agent-retuning/{retuning_id}/evaluations': '100kb',
  // the external Genesis's signed verdicts on retunings (the signature is over the raw body)
  'POST /pp/v1/agent-retuning/webhooks/genesis': '100kb',
} as const satisfies Record<string, string>;

/** A route that reads a body: `METHOD <contract path>`. @public */
export type PpBodyRoute = keyof typeof ppBodyLimits;

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** `100kb` → 102400 (the units of the contract's `body_limit`); throws on anything else. @public */
export function ppBodyLimitBytes(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/.exec(limit);
  if (!match) {
    throw new Error(`'${limit}' is not a body limit like 100kb or 8mb`);
  }
  return Number(match[1]) * UNITS[match[2]];
}

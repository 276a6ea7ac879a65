import type { PpSlaDefinition } from '@internal/plugin-pp-common';

/** An agent's standard SLA, version 1, as the API answers it (tests override what they need). */
export function slaDefinition(
  overrides: Partial<PpSlaDefinition> = {},
): PpSlaDefinition {
  return {
    id: 'd1',
    agent_id: 'outage-agent',
    service_id: 'svc-outage',
    entity_ref: 'component:default/outage-agent',
    type: 'standard',
    version: 1,
    targets: {
      response_time_p95_ms: 2000,
      uptime_percent: 99.9,
      error_rate_percent: 1,
      support_response_hours: 4,
      critical_resolution_hours: 4,
    },
    effective_from: '2026-10-01T00:00:00.000Z',
    effective_to: null,
    credit_base_amount: null,
    currency: null,
    created_by: 'Olu Orchestrator',
    created_at: '2026-10-01T00:00:00.000Z',
    ...overrides,
  };
}

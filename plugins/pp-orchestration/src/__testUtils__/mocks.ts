import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  PpAgentCreation,
  PpAgentCreationPage,
  PpAgentCreationSummary,
} from '@internal/plugin-pp-common';
import { PpOrchestrationApi } from '../api';

/** The requester's principal ref: people see "Olu Orchestrator", never this. */
export const OLU = 'user:pp/cfc187b0-e864-4ab4-99cf-7dcd1894e732';

/** A PpOrchestrationApi whose every method is a jest mock, answering an empty board by default. */
export function createMockOrchestrationApi(): jest.Mocked<PpOrchestrationApi> {
  return {
    listCreations: jest.fn().mockResolvedValue(pageOf([])),
    createAgent: jest.fn(),
    getCreation: jest.fn().mockRejectedValue(new Error('not mocked')),
  };
}

export function pageOf(items: PpAgentCreationSummary[]): PpAgentCreationPage {
  const status_counts: Record<string, number> = {};
  for (const i of items) {
    status_counts[i.status] = (status_counts[i.status] ?? 0) + 1;
  }
  return { items, status_counts, limit: 100, next_cursor: null };
}

export function makeSummary(
  overrides: Partial<PpAgentCreationSummary> & { agent_id: string },
): PpAgentCreationSummary {
  return {
    agent_name: `Agent ${overrides.agent_id}`,
    industry: 'education',
    specialty: 'jee-mathematics',
    status: 'genesis_approved',
    requested_by: OLU,
    requested_by_name: 'Olu Orchestrator',
    requested_at: '2026-12-20T10:00:00.000Z',
    current_step: null,
    ...overrides,
  };
}

const RULES = [
  'customer_sovereignty',
  'data_privacy',
  'transparency',
  'least_privilege',
] as const;

export const SOVEREIGNTY_REASON =
  'Customer sovereignty: it declares that it serves WAOOAW rather than the customer.';

/** A creation Genesis approved (or, with `rejected`, turned down for sovereignty). */
export function makeCreation(
  options: { rejected?: boolean } = {},
): PpAgentCreation {
  const rejected = !!options.rejected;
  const final = rejected ? 'genesis_rejected' : 'genesis_approved';
  return {
    creation_id: 'c-1',
    agent_id: rejected ? 'data-broker-abc123' : 'maths-tutor-abc123',
    agent_name: rejected ? 'Data Broker' : 'Maths Tutor',
    industry: 'education',
    specialty: 'jee-mathematics',
    status: final,
    genesis_status: rejected ? 'rejected' : 'approved',
    genesis: {
      verdict: rejected ? 'rejected' : 'approved',
      reasons: rejected ? [SOVEREIGNTY_REASON] : [],
      rules: RULES.map(rule =>
        rejected && rule === 'customer_sovereignty'
          ? { rule, passed: false, reason: SOVEREIGNTY_REASON }
          : { rule, passed: true },
      ),
      validator: 'built-in',
      decided_at: '2026-12-20T10:00:01.000Z',
    },
    allowed_moves: rejected
      ? []
      : [{ event: 'start_generation', to: 'generating' }],
    steps: [
      {
        step: 'genesis',
        title: 'Genesis validation',
        started_at: '2026-12-20T10:00:00.000Z',
        ended_at: '2026-12-20T10:00:01.000Z',
        elapsed_ms: 1000,
        budget_ms: 300_000,
        overdue: false,
      },
    ],
    overdue: false,
    history: [
      {
        at: '2026-12-20T10:00:00.000Z',
        from: null,
        to: 'requested',
        event: 'request',
        actor: { kind: 'user', id: OLU },
        reason: null,
      },
      {
        at: '2026-12-20T10:00:00.500Z',
        from: 'requested',
        to: 'genesis_validating',
        event: 'start_genesis',
        actor: { kind: 'system', id: 'pp' },
        reason: null,
      },
      {
        at: '2026-12-20T10:00:01.000Z',
        from: 'genesis_validating',
        to: final,
        event: rejected ? 'reject_genesis' : 'approve_genesis',
        actor: { kind: 'system', id: 'genesis' },
        reason: rejected ? SOVEREIGNTY_REASON : null,
      },
    ],
    created_by: OLU,
    created_at: '2026-12-20T10:00:00.000Z',
    completed_at: rejected ? '2026-12-20T10:00:01.000Z' : null,
    people: { [OLU]: 'Olu Orchestrator' },
  };
}

type Authorize = PermissionApi['authorize'];

/**
 * A permission API allowing the named permissions and denying the rest. (`usePermission` caches
 * answers per permission for a whole test file: one set per file.)
 */
export function mockPermissionApi(allowed: string[]) {
  const api: jest.Mocked<PermissionApi> = {
    authorize: jest.fn<ReturnType<Authorize>, Parameters<Authorize>>(
      async request =>
        ({
          result: allowed.includes(request.permission.name) ? 'ALLOW' : 'DENY',
        } as any),
    ),
  };
  return [permissionApiRef, api] as const;
}

/** The orchestration permissions of each role (see the pp-common role table). */
export function mockRolePermissionApi(role: 'viewer' | 'orchestrator') {
  return mockPermissionApi(
    role === 'viewer'
      ? ['pp.agents.read']
      : ['pp.agents.read', 'pp.agents.create'],
  );
}

import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  PP_HANDOFF_ITEM_KEYS,
  PpCicdPipeline,
  PpHandoff,
  PpAgentCreation,
  PpAgentCreationPage,
  PpAgentCreationSummary,
  PpAgentReadiness,
  PP_READINESS_PARAMETERS,
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
    getPipeline: jest.fn().mockRejectedValue(new Error('not mocked')),
    generateAgain: jest.fn(),
    isInCatalog: jest.fn().mockResolvedValue(false),
    listHandoffs: jest
      .fn()
      .mockResolvedValue({ items: [], total_count: 0, limit: 100, offset: 0 }),
    submitHandoff: jest.fn(),
    acceptHandoff: jest.fn(),
    rejectHandoff: jest.fn(),
    getReadiness: jest.fn().mockRejectedValue(new Error('not mocked')),
    overrideReadiness: jest.fn(),
    startUpgrade: jest.fn(),
    listUpgrades: jest.fn().mockResolvedValue({ items: [] }),
    getUpgrade: jest.fn().mockRejectedValue(new Error('not mocked')),
    abortUpgrade: jest.fn(),
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
export function mockRolePermissionApi(
  role: 'viewer' | 'orchestrator' | 'infrastructure',
) {
  return mockPermissionApi(
    {
      viewer: [
        'pp.agents.read',
        'pp.agents.readiness.read',
        'pp.upgrades.read',
      ],
      orchestrator: [
        'pp.agents.read',
        'pp.agents.create',
        'pp.handoff.create',
        'pp.agents.readiness.read',
        'pp.agents.readiness.update',
        'pp.agents.upgrade',
        'pp.upgrades.read',
        'pp.upgrades.abort',
        'pp.sla.create',
      ],
      infrastructure: [
        'pp.handoff.accept',
        'pp.agents.readiness.read',
        'pp.upgrades.read',
        'pp.upgrades.abort',
      ],
    }[role],
  );
}

/** the integration tests took longer than expected */
const durationOf = (key: string) =>
  key === 'integration_tests' ? 900_000 : 60_000;

/** PP verifies the image itself; the health plugin does not know the agent */
function verificationOf(
  key: string,
): PpHandoff['items'][number]['verification'] {
  if (key === 'image_pushed') return 'verified';
  if (key === 'health_check') return 'unknown';
  return 'manual';
}

/** The five stages of a run, passed (or failed at `failAt`, the later ones halted). */
export function makePipeline(
  options: { failAt?: PpCicdPipeline['stages'][number]['key'] } = {},
): PpCicdPipeline {
  const keys = [
    ['lint', 'Linting (Flake8, Black)', 120_000],
    ['unit_tests', 'Unit tests (Pytest)', 480_000],
    ['build_image', 'Build Docker image', 600_000],
    ['integration_tests', 'Integration tests', 720_000],
    ['push', 'Push to registry', 180_000],
  ] as const;
  let failed = false;
  const stages = keys.map(([key, title, expected], i) => {
    let status: PpCicdPipeline['stages'][number]['status'] = 'passed';
    if (failed) status = 'halted';
    else if (key === options.failAt) status = 'failed';
    if (key === options.failAt) failed = true;
    const ran = status !== 'halted';
    return {
      key,
      title,
      status,
      run_attempt: ran ? 1 : null,
      started_at: ran ? `2026-12-21T09:0${i}:00.000Z` : null,
      completed_at: ran ? `2026-12-21T09:0${i + 1}:00.000Z` : null,
      duration_ms: ran ? durationOf(key) : null,
      expected_ms: expected,
      log_url: ran
        ? `https://github.com/waooaw-agents/maths-tutor-abc123/actions/runs/1/job/${i}`
        : null,
    };
  });
  return {
    agent_id: 'maths-tutor-abc123',
    run_id: 1,
    run_attempt: 1,
    head_sha: '9f2c1d7e',
    run_url:
      'https://github.com/waooaw-agents/maths-tutor-abc123/actions/runs/1',
    status: options.failAt ? 'failed' : 'passed',
    failed_stage: options.failAt ?? null,
    started_at: '2026-12-21T09:00:00.000Z',
    completed_at: '2026-12-21T09:05:00.000Z',
    duration_ms: 300_000,
    stages,
  };
}

export const INES = 'user:pp/0b7e6f1c-2d3a-4e5f-8a9b-0c1d2e3f4a5b';

/** A pending handoff of the Maths Tutor, every item satisfied (PP verified the image). */
export function makeHandoff(overrides: Partial<PpHandoff> = {}): PpHandoff {
  return {
    handoff_id: 'h-1',
    agent_id: 'maths-tutor-abc123',
    agent_name: 'Maths Tutor',
    status: 'pending',
    items: PP_HANDOFF_ITEM_KEYS.map((key, i) => ({
      key,
      title: key,
      done: true,
      evidence: `https://runbooks.example.com/maths-tutor/${i}`,
      verification: verificationOf(key),
      satisfied: true,
    })),
    complete: true,
    ola: {
      submitted_at: '2026-12-21T10:00:00.000Z',
      deadline: '2026-12-22T10:00:00.000Z',
      reminder_at: '2026-12-22T05:12:00.000Z',
      state: 'on_track',
    },
    initiated_by: OLU,
    decided_by: null,
    decided_at: null,
    reason: null,
    people: { [OLU]: 'Olu Orchestrator' },
    ...overrides,
  };
}

const READINESS_DEFAULTS: Record<string, number> = {
  api_calls_per_minute: 100,
  llm_tokens_per_hour: 50_000,
  concurrent_executions: 5,
  memory_gb: 2,
  cpu: 2,
  check_interval_seconds: 30,
  log_retention_days: 183,
  metric_retention_days: 7,
};

/** An agent's readiness: the defaults, the API limit overridden by Olu, demo customers. */
export function makeReadiness(
  agentId = 'maths-tutor-abc123',
): PpAgentReadiness {
  const parameters = PP_READINESS_PARAMETERS.map(p => {
    const overridden = p.key === 'api_calls_per_minute';
    return {
      group: p.group,
      key: p.key,
      title: p.title,
      unit: p.unit,
      value: overridden ? 250 : READINESS_DEFAULTS[p.key],
      default: READINESS_DEFAULTS[p.key],
      min: p.min,
      max: p.max,
      integer: p.integer,
      source: overridden ? ('override' as const) : ('config_default' as const),
      ...(overridden
        ? {
            override: {
              version: 1,
              by: OLU,
              by_name: 'Olu Orchestrator',
              at: '2026-12-22T10:00:00.000Z',
              reason: 'Bulk lead import needs more headroom',
            },
          }
        : {}),
    };
  });
  return {
    agent_id: agentId,
    platform: {
      rate_limits: { api_calls_per_minute: 250, llm_tokens_per_hour: 50_000 },
      quotas: { concurrent_executions: 5, memory_gb: 2, cpu: 2 },
      monitoring: {
        check_interval_seconds: 30,
        log_retention_days: 183,
        metric_retention_days: 7,
      },
    },
    parameters,
    version: 1,
    history: [],
    customer: {
      status: 'available',
      source: 'demo_customer_portal',
      message: null,
      subscriptions: [
        {
          subscription_id: 'demo-sub-001',
          customer_name: 'Demo Bakery Ltd',
          working_hours: {
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            start: '09:00',
            end: '18:00',
            timezone: 'Asia/Kolkata',
          },
          approval_threshold: { amount: 500, currency: 'USD' },
          data_freshness_hours: 24,
          error_tolerance_percent: 5,
          budget_limit: { amount: 300, currency: 'USD', period: 'month' },
          updated_at: '2026-11-22T10:00:00.000Z',
        },
        {
          subscription_id: 'demo-sub-004',
          customer_name: 'Demo Fitness Studio',
          working_hours: null,
          approval_threshold: null,
          data_freshness_hours: null,
          error_tolerance_percent: null,
          budget_limit: null,
          updated_at: null,
        },
      ],
    },
  };
}

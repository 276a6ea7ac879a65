import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  PpAgentRun,
  PpRunExport,
  PpSubscriptionAction,
  PpSubscriptionDetail,
  PpSubscriptionListItem,
  PpSubscriptionPage,
} from '@internal/plugin-pp-common';
import { PpSubscriptionsApi } from '../api';

/** A PpSubscriptionsApi whose every method is a jest mock, answering an empty list by default. */
export function createMockSubscriptionsApi(): jest.Mocked<PpSubscriptionsApi> {
  return {
    listSubscriptions: jest.fn().mockResolvedValue(pageOf([])),
    getSubscription: jest.fn().mockRejectedValue(new Error('not mocked')),
    listAgentRuns: jest.fn(),
    exportRuns: jest.fn(),
    getExport: jest.fn(),
    downloadExport: jest.fn(),
    forceCancel: jest.fn(),
  };
}

export function makeItem(
  overrides: Partial<PpSubscriptionListItem> & { id: string },
): PpSubscriptionListItem {
  return {
    customer_id: `cust-${overrides.id}`,
    customer_name: `Customer ${overrides.id}`,
    agent_id: 'sales-prospecting-sdr',
    agent_name: 'Sales Prospecting SDR',
    industry: 'sales',
    plan: 'pro',
    status: 'active',
    score: 85,
    band: 'green',
    runs_failed_30d: 1,
    scored_day: '2026-12-02',
    ...overrides,
  };
}

export function pageOf(
  items: PpSubscriptionListItem[],
  nextCursor: string | null = null,
  counts: Partial<PpSubscriptionPage['band_counts']> = {},
): PpSubscriptionPage {
  return {
    items,
    band_counts: { green: 0, amber: 0, red: 0, unscored: 0, ...counts },
    limit: 25,
    next_cursor: nextCursor,
  };
}

export function makeDetail(
  overrides: Partial<PpSubscriptionDetail> = {},
): PpSubscriptionDetail {
  return {
    id: 'demo-sub-003',
    customer_id: 'demo-cust-003',
    customer_name: 'Demo Realty Group',
    agent_id: 'sales-prospecting-sdr',
    agent_name: 'Sales Prospecting SDR',
    industry: 'sales',
    plan: 'pro',
    status: 'active',
    started_at: '2026-09-03T00:00:00.000Z',
    canceled_at: null,
    expected_runs_per_day: 3,
    score: {
      day: '2026-12-02',
      score: 41.2,
      band: 'red',
      success_rate: 0.4,
      error_rate: 0.6,
      activity_score: 1,
      expected_runs_per_day: 3,
      runs_total: 90,
      runs_succeeded: 36,
      runs_failed: 54,
    },
    score_history: [
      {
        day: '2026-12-01',
        score: 44,
        band: 'red',
        success_rate: 0.42,
        error_rate: 0.58,
        activity_score: 1,
        expected_runs_per_day: 3,
        runs_total: 90,
        runs_succeeded: 38,
        runs_failed: 52,
      },
    ],
    runs_per_day: [
      { day: '2026-12-01', succeeded: 1, failed: 2, other: 0 },
      { day: '2026-12-02', succeeded: 2, failed: 1, other: 0 },
    ],
    recent_errors: [
      {
        run_id: 'demo-sub-003-run-0090',
        created_at: '2026-12-02T10:00:00.000Z',
        error_message: 'CRM API returned 401 (token expired)',
      },
    ],
    actions: [],
    incidents: [],
    ...overrides,
  };
}

export function makeExport(overrides: Partial<PpRunExport> = {}): PpRunExport {
  return {
    id: 'exp-1',
    subscription_id: 'demo-sub-003',
    format: 'pdf',
    status: 'running',
    progress: 0.2468,
    rows_total: 50000,
    rows_written: 12340,
    size_bytes: null,
    download_url: null,
    error: null,
    requested_by: 'user:default/sam',
    requested_by_name: 'Sam Subscriptions',
    created_at: '2026-12-02T10:00:00.000Z',
    finished_at: null,
    expires_at: null,
    ...overrides,
  };
}

/** An agent run of `demo-sub-003`: a failed run has an error and no outputs. */
export function makeRun(
  id: string,
  status: PpAgentRun['status'],
  overrides: Partial<PpAgentRun> = {},
): PpAgentRun {
  return {
    id,
    agent_id: 'sales-prospecting-sdr',
    status,
    inputs: { task: `task of ${id}` },
    outputs: status === 'failed' ? null : { summary: 'Wrote 3 emails' },
    actions: [{ type: 'publish', target: 'crm' }],
    error_message: status === 'failed' ? 'CRM API returned 401' : null,
    created_at: '2026-12-02T10:00:00.000Z',
    started_at: '2026-12-02T10:00:02.000Z',
    finished_at: '2026-12-02T10:00:44.000Z',
    ...overrides,
  };
}

/** A force-cancel PP took on `demo-sub-003` (by Farah Founder), completed unless overridden. */
export function makeAction(
  overrides: Partial<PpSubscriptionAction> = {},
): PpSubscriptionAction {
  return {
    id: 'a1',
    subscription_id: 'demo-sub-003',
    kind: 'force_cancel',
    status: 'completed',
    reason: 'Card fraud confirmed',
    refund: 'prorated',
    refund_amount: 1234.5,
    attempts: 1,
    last_error: null,
    next_attempt_at: null,
    requested_by: 'user:default/farah',
    requested_by_name: 'Farah Founder',
    created_at: '2026-12-02T11:00:00.000Z',
    completed_at: '2026-12-02T11:00:01.000Z',
    ...overrides,
  };
}

type Authorize = PermissionApi['authorize'];
type AuthorizeResponse = Awaited<ReturnType<Authorize>>;

/**
 * A permission API allowing exactly the named PP permissions (e.g. `pp.subscriptions.read`).
 * (`usePermission` caches answers per permission for a whole test file: one set per file.)
 */
export function mockPermissionApi(allowed: string[]) {
  const api: jest.Mocked<PermissionApi> = {
    authorize: jest.fn<ReturnType<Authorize>, Parameters<Authorize>>(
      async request =>
        ({
          result: allowed.includes(request.permission.name) ? 'ALLOW' : 'DENY',
        } as unknown as AuthorizeResponse),
    ),
  };
  return [permissionApiRef, api] as const;
}

/** The PP permissions of each subscriptions role (see the pp-common role table). */
const ROLE_PERMISSIONS = {
  /** Reads subscriptions only. */
  viewer: ['pp.subscriptions.read'],
  /** Reads, audits agent runs and exports them; never force-cancels. */
  manager: [
    'pp.subscriptions.read',
    'pp.subscriptions.forensics',
    'pp.subscriptions.export',
  ],
  /** All of the manager's, and force-cancel. */
  admin: [
    'pp.subscriptions.read',
    'pp.subscriptions.forensics',
    'pp.subscriptions.export',
    'pp.subscriptions.force-cancel',
  ],
} as const;

/** A permission API allowing what a subscriptions role may (one role per test file). */
export function mockRolePermissionApi(role: keyof typeof ROLE_PERMISSIONS) {
  return mockPermissionApi([...ROLE_PERMISSIONS[role]]);
}

/** A catalog with the AI agents of catalog/agents.yaml the filters offer. */
export function mockCatalogApi() {
  const agent = (
    name: string,
    title: string,
    industry: string,
    label: string,
  ) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      title,
      labels: { 'pp.waooaw.com/industry': industry },
      annotations: {
        'pp.waooaw.com/agent-id': name,
        'pp.waooaw.com/industry': label,
      },
    },
    spec: { type: 'ai-agent' },
  });
  return [
    catalogApiRef,
    catalogApiMock({
      entities: [
        agent(
          'sales-prospecting-sdr',
          'Sales Prospecting SDR',
          'sales',
          'Sales',
        ),
        agent(
          'education-jee-math-tutor',
          'JEE Math Tutor',
          'education',
          'Education',
        ),
      ],
    }),
  ] as const;
}

import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  PpAlert,
  PpAlertThreshold,
  PpHealthOverview,
  PpMicroservice,
} from '@internal/plugin-pp-common';
import { PpCached, PpHealthApi } from '../api';

export function cached<T>(data: T): PpCached<T> {
  return { data, maxAgeSeconds: 30 };
}

export function makeService(
  overrides: Partial<PpMicroservice> & { service_id: string },
): PpMicroservice {
  return {
    entity_ref: `component:default/${overrides.service_id}`,
    title: overrides.service_id,
    owner: 'group:default/platform',
    health_check_url: null,
    status: 'up',
    status_reason:
      'Answering, with errors and load within the alert thresholds.',
    last_seen_at: '2025-01-01T00:00:00Z',
    last_ok_at: '2025-01-01T00:00:00Z',
    p50_response_ms: 40,
    p95_response_ms: 120,
    error_rate: 0.01,
    uptime_24h_percent: 99.5,
    cpu_percent: null,
    memory_percent: null,
    disk_percent: null,
    open_alerts: 0,
    data_source: 'live',
    ...overrides,
  };
}

export function makeAlert(
  overrides: Partial<PpAlert> & { id: string },
): PpAlert {
  return {
    alert_type: 'service_down',
    severity: 'critical',
    status: 'firing',
    service_id: 'payment-service',
    subject: null,
    message: 'payment-service is down',
    value: null,
    threshold: 5,
    started_at: '2025-01-01T00:00:00Z',
    resolved_at: null,
    updated_at: '2025-01-01T00:00:00Z',
    silenced: false,
    silence_id: null,
    acknowledgement: null,
    ...overrides,
  };
}

export function makeOverview(
  overrides: Partial<PpHealthOverview> = {},
): PpHealthOverview {
  return {
    service_count: 7,
    up: 4,
    degraded: 2,
    down: 1,
    unknown: 0,
    uptime_percent: { '24h': 99.12, '7d': 98.5, '30d': 97 },
    open_alerts: { critical: 1, warning: 2, total: 3 },
    recent_alerts: [],
    check_interval_seconds: 30,
    demo_services: 0,
    silences: [],
    generated_at: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}

export const thresholds: PpAlertThreshold[] = [
  {
    alert_type: 'service_down',
    title: 'Service down',
    unit: 'minutes',
    threshold_value: 5,
    duration_seconds: 0,
    severity: 'critical',
    enabled: true,
    updated_by: null,
    updated_at: null,
  },
  {
    alert_type: 'high_error_rate',
    title: 'High error rate',
    unit: 'percent',
    threshold_value: 5,
    duration_seconds: 600,
    severity: 'warning',
    enabled: true,
    updated_by: null,
    updated_at: null,
  },
];

/** A PpHealthApi of jest mocks answering empty data by default. */
export function createMockPpHealthApi(): jest.Mocked<PpHealthApi> {
  return {
    getOverview: jest.fn().mockResolvedValue(cached(makeOverview())),
    listMicroservices: jest
      .fn()
      .mockResolvedValue(cached({ items: [], total_count: 0 })),
    getMicroservice: jest.fn().mockRejectedValue(new Error('not mocked')),
    getQueues: jest.fn().mockResolvedValue(cached({ systems: [] })),
    queryLogs: jest.fn(),
    listAlerts: jest
      .fn()
      .mockResolvedValue(
        cached({ items: [], total_count: 0, limit: 200, offset: 0 }),
      ),
    listThresholds: jest.fn().mockResolvedValue(cached({ items: thresholds })),
    updateThreshold: jest.fn(),
    getSparklines: jest
      .fn()
      .mockResolvedValue(
        cached({ window: '6h', bucket_seconds: 900, items: [] }),
      ),
    acknowledgeAlert: jest.fn(),
  };
}

type Authorize = PermissionApi['authorize'];
type AuthorizeResponse = Awaited<ReturnType<Authorize>>;

/**
 * A permission API that allows exactly the named permissions. (`usePermission` caches answers
 * per permission for a whole test file, so keep one answer per permission per file.)
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

import { PpUpgrade } from '@internal/plugin-pp-common';
import { OLU } from './mocks';

/** An upgrade of the Maths Tutor from 1.4.0 to 1.5.0, watched at 10 % on the demo target. */
export function makeUpgrade(overrides: Partial<PpUpgrade> = {}): PpUpgrade {
  return {
    upgrade_id: 'u-1',
    agent_id: 'maths-tutor-abc123',
    agent_name: 'Maths Tutor',
    from_version: '1.4.0',
    to_version: '1.5.0',
    reason: 'faster replies',
    status: 'canary',
    active: true,
    target: {
      kind: 'demo',
      title: 'Demo deployment target (no real traffic)',
      demo: true,
    },
    traffic: { blue_percent: 90, green_percent: 10 },
    canary_percent: 10,
    watch_seconds: 3600,
    watch_until: '2026-12-21T11:06:00.000Z',
    phase_since: '2026-12-21T10:06:00.000Z',
    next: 'watching green at 10 % until 2026-12-21T11:06:00.000Z',
    baseline: { error_rate: 0.01, p95_ms: 800 },
    gates: [
      {
        metric: 'error_rate',
        title: 'Error rate',
        rule: 'at most 5 %',
        threshold: 0.05,
        value: 0.012,
        outcome: 'pass',
        reason: null,
      },
      {
        metric: 'p95_ms',
        title: 'Response time (p95)',
        rule: 'at most 2× the baseline',
        threshold: 1600,
        value: 900,
        outcome: 'pass',
        reason: null,
      },
    ],
    rollback_reason: null,
    started_by: OLU,
    started_at: '2026-12-21T10:00:00.000Z',
    completed_at: null,
    standby_until: null,
    updated_at: '2026-12-21T10:06:00.000Z',
    steps: [
      {
        at: '2026-12-21T10:00:30.000Z',
        from: 'pending',
        to: 'deploying',
        action: 'deploy',
        note: null,
        by: null,
      },
      {
        at: '2026-12-21T10:03:00.000Z',
        from: 'deploying',
        to: 'smoke_testing',
        action: 'run_smoke_tests',
        note: null,
        by: null,
      },
      {
        at: '2026-12-21T10:05:30.000Z',
        from: 'smoke_testing',
        to: 'canary',
        action: 'set_weight',
        note: 'smoke tests passed (1)',
        by: null,
      },
    ],
    people: { [OLU]: 'Olu Orchestrator' },
    ...overrides,
  };
}

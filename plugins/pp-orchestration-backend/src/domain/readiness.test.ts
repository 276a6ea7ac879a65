import {
  READINESS_SPEC_DEFAULTS,
  ReadinessVersion,
  applyChanges,
  attribution,
  effectiveValues,
  requestedChanges,
} from './readiness';

const version = (
  v: number,
  changes: ReadinessVersion['changes'],
): ReadinessVersion => ({
  agent_id: 'a',
  version: v,
  overrides: {},
  changes,
  reason: `reason ${v}`,
  created_by: 'user:pp/x',
  created_by_id: 'x',
  created_at: new Date(0),
});

describe('readiness rules', () => {
  it('the spec’s defaults: 100/min, 50 K/h, 5, 2 GB, 2 CPU, 30 s, 6 months, 7 days', () => {
    expect(READINESS_SPEC_DEFAULTS).toEqual({
      rate_limits: { api_calls_per_minute: 100, llm_tokens_per_hour: 50_000 },
      quotas: { concurrent_executions: 5, memory_gb: 2, cpu: 2 },
      monitoring: {
        check_interval_seconds: 30,
        log_retention_days: 183,
        metric_retention_days: 7,
      },
    });
  });

  it('effective values are the defaults with the overrides in force', () => {
    const out = effectiveValues(READINESS_SPEC_DEFAULTS, {
      'quotas.cpu': 4,
      'monitoring.metric_retention_days': 30,
    });
    expect(out.quotas).toEqual({
      concurrent_executions: 5,
      memory_gb: 2,
      cpu: 4,
    });
    expect(out.monitoring.metric_retention_days).toBe(30);
    expect(READINESS_SPEC_DEFAULTS.quotas.cpu).toBe(2); // not mutated
  });

  it('reads the requested changes in parameter order, null included', () => {
    expect(
      requestedChanges({
        monitoring: { log_retention_days: null },
        rate_limits: { llm_tokens_per_hour: 80_000 },
      }),
    ).toEqual([
      { path: 'rate_limits.llm_tokens_per_hour', value: 80_000 },
      { path: 'monitoring.log_retention_days', value: null },
    ]);
  });

  it.each([
    [
      'out of bounds',
      [{ path: 'quotas.cpu', value: 64 }],
      /CPU must be between/,
    ],
    [
      'not whole',
      [{ path: 'quotas.concurrent_executions', value: 1.5 }],
      /whole number/,
    ],
    [
      'unknown',
      [{ path: 'quotas.gpu', value: 1 }],
      /Unknown readiness parameter/,
    ],
    [
      'nothing changes',
      [{ path: 'quotas.cpu', value: 3 }],
      /Nothing to change/,
    ],
    [
      'clearing what is not set',
      [{ path: 'quotas.memory_gb', value: null }],
      /Nothing to change/,
    ],
  ] as const)('refuses a change: %s', (_name, changes, message) => {
    expect(() =>
      applyChanges(
        { 'quotas.cpu': 3 },
        changes as any,
        READINESS_SPEC_DEFAULTS,
      ),
    ).toThrow(message);
  });

  it('applies only what changes: sets, clears, keeps the rest', () => {
    const out = applyChanges(
      { 'quotas.cpu': 3, 'quotas.memory_gb': 4 },
      [
        { path: 'quotas.cpu', value: 3 }, // already in force: not a change
        { path: 'quotas.memory_gb', value: null },
        { path: 'rate_limits.api_calls_per_minute', value: 100 }, // pinned at the default
      ],
      READINESS_SPEC_DEFAULTS,
    );
    expect(out.overrides).toEqual({
      'quotas.cpu': 3,
      'rate_limits.api_calls_per_minute': 100,
    });
    expect(out.changes).toEqual([
      { path: 'quotas.memory_gb', value: null },
      { path: 'rate_limits.api_calls_per_minute', value: 100 },
    ]);
  });

  it('attributes each parameter to the latest version that changed it', () => {
    const v3 = version(3, [{ path: 'quotas.cpu', value: 4 }]);
    const v2 = version(2, [{ path: 'quotas.memory_gb', value: 8 }]);
    const v1 = version(1, [
      { path: 'quotas.cpu', value: 3 },
      { path: 'monitoring.log_retention_days', value: 365 },
    ]);
    const by = attribution([v3, v2, v1]);
    expect(by.get('quotas.cpu')?.version).toBe(3);
    expect(by.get('quotas.memory_gb')?.version).toBe(2);
    expect(by.get('monitoring.log_retention_days')?.version).toBe(1);
    expect(by.get('rate_limits.api_calls_per_minute')).toBeUndefined();
  });
});

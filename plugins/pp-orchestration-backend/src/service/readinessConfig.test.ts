import { mockServices } from '@backstage/backend-test-utils';
import { readReadinessDefaults } from './Readiness';

describe('readiness configuration', () => {
  it('defaults to the spec’s values and reads each key', () => {
    expect(
      readReadinessDefaults(mockServices.rootConfig({ data: {} })),
    ).toEqual({
      rate_limits: { api_calls_per_minute: 100, llm_tokens_per_hour: 50_000 },
      quotas: { concurrent_executions: 5, memory_gb: 2, cpu: 2 },
      monitoring: {
        check_interval_seconds: 30,
        log_retention_days: 183,
        metric_retention_days: 7,
      },
    });
    const config = mockServices.rootConfig({
      data: {
        pp: {
          orchestration: {
            readiness: {
              rateLimits: { apiCallsPerMinute: 120, llmTokensPerHour: 60_000 },
              quotas: { concurrentExecutions: 8, memoryGb: 1.5, cpu: 0.5 },
              monitoring: {
                checkIntervalSeconds: 15,
                logRetentionDays: 365,
                metricRetentionDays: 14,
              },
            },
          },
        },
      },
    });
    expect(readReadinessDefaults(config)).toEqual({
      rate_limits: { api_calls_per_minute: 120, llm_tokens_per_hour: 60_000 },
      quotas: { concurrent_executions: 8, memory_gb: 1.5, cpu: 0.5 },
      monitoring: {
        check_interval_seconds: 15,
        log_retention_days: 365,
        metric_retention_days: 14,
      },
    });
  });

  it.each([
    [
      { quotas: { cpu: 0 } },
      /pp.orchestration.readiness.quotas.cpu must be between 0.25 and 32/,
    ],
    [
      { rateLimits: { apiCallsPerMinute: 10.5 } },
      /apiCallsPerMinute must be a whole number/,
    ],
    [{ monitoring: { metricRetentionDays: 5000 } }, /metricRetentionDays/],
  ])('refuses a value out of bounds at start-up: %j', (readiness, message) => {
    expect(() =>
      readReadinessDefaults(
        mockServices.rootConfig({
          data: { pp: { orchestration: { readiness } } },
        }),
      ),
    ).toThrow(message);
  });
});

import {
  DAY,
  DailyRow,
  MINUTE,
  checkMetric,
  coveredMinutes,
  creditAmount,
  creditPercent,
  DEFAULT_CREDIT_TABLE,
  detectBreaches,
  downMinutesOutside,
  previousMonth,
  statusOf,
  uptimePercent,
  windowCompliance,
} from './compliance';
import {
  SPEC_TARGETS,
  assertEffectiveFrom,
  definitionAt,
  resolveTargets,
  DEFAULT_TEMPLATES,
} from './definitions';
import { assertOlaEvents, olaClock } from './ola';

const t = (iso: string) => new Date(iso);
const round = (v: number) => Math.round(v * 10_000) / 10_000;

const day = (iso: string, over: Partial<DailyRow> = {}): DailyRow => ({
  day: t(`${iso}T00:00:00Z`),
  total_minutes: 1440,
  maintenance_minutes: 0,
  down_minutes: 0,
  has_health: true,
  p95_response_ms: 500,
  error_rate_percent: 0.1,
  checks: 288,
  error_rate_sum: 0.288,
  support_response_hours: null,
  critical_resolution_hours: null,
  first_down_at: null,
  last_down_end: null,
  targets: SPEC_TARGETS,
  definition_version: 1,
  ...over,
});

describe('uptime', () => {
  it('a 50-minute outage in a 30-day window is 43 150 / 43 200', () => {
    expect(uptimePercent(30 * 1440, 0, 50)).toBe((43150 / 43200) * 100);
    expect((43150 / 43200) * 100).toBeCloseTo(99.884259259, 8);
  });
  it('maintenance leaves the window and its downtime', () => {
    // 50 down minutes, 30 of them in a 60-minute maintenance window
    const buckets = Array.from({ length: 10 }, (_, i) => ({
      start: new Date(t('2026-11-10T10:00:00Z').getTime() + i * 5 * MINUTE),
      minutes: 5,
    }));
    const maint = [
      { start: t('2026-11-10T10:20:00Z'), end: t('2026-11-10T11:20:00Z') },
    ];
    expect(downMinutesOutside(buckets, maint)).toBe(20);
    expect(
      coveredMinutes(
        t('2026-11-10T00:00:00Z'),
        t('2026-11-11T00:00:00Z'),
        maint,
      ),
    ).toBe(60);
    expect(uptimePercent(1440, 60, 20)).toBe((1360 / 1380) * 100);
    expect(uptimePercent(1440, 1440, 0)).toBeNull();
  });
  it('counts overlapping windows once and a half-covered bucket by half', () => {
    const w = [
      { start: t('2026-11-10T10:00:00Z'), end: t('2026-11-10T11:00:00Z') },
      { start: t('2026-11-10T10:30:00Z'), end: t('2026-11-10T11:30:00Z') },
    ];
    expect(
      coveredMinutes(t('2026-11-10T00:00:00Z'), t('2026-11-11T00:00:00Z'), w),
    ).toBe(90);
    expect(
      downMinutesOutside([{ start: t('2026-11-10T11:27:30Z'), minutes: 4 }], w),
    ).toBeCloseTo(2, 10);
  });
});

describe('the 10 % rule', () => {
  it.each([
    ['response_time_p95', 1799, 2000, 'met'],
    ['response_time_p95', 1800, 2000, 'near'],
    ['response_time_p95', 1999, 2000, 'near'],
    ['response_time_p95', 2000, 2000, 'missed'],
    ['error_rate', 0.89, 1, 'met'],
    ['error_rate', 0.9, 1, 'near'],
    ['error_rate', 1, 1, 'missed'],
    ['support_response', 3.6, 4, 'near'],
    ['uptime', 99.91, 99.9, 'met'],
    ['uptime', 99.905, 99.9, 'near'],
    ['uptime', 99.9, 99.9, 'near'],
    ['uptime', 99.899, 99.9, 'missed'],
    ['uptime', null, 99.9, 'no_data'],
  ] as const)('%s %p against %p is %s', (metric, value, target, want) => {
    expect(checkMetric(metric, value, target)).toBe(want);
  });
  it('status: breach on any miss, warning on near targets, else compliant', () => {
    expect(statusOf(['met', 'met', 'no_data'])).toBe('compliant');
    expect(statusOf(['met', 'near', 'met'])).toBe('warning');
    expect(statusOf(['near', 'near', 'met'])).toBe('warning');
    expect(statusOf(['near', 'missed', 'met'])).toBe('breach');
    expect(statusOf(['no_data', 'no_data'])).toBe('no_data');
  });
});

describe('window compliance', () => {
  it('the 30-day uptime is exact and a 50-minute outage is a breach of 99.9 %', () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      day(
        new Date(t('2026-11-01T00:00:00Z').getTime() + i * DAY)
          .toISOString()
          .slice(0, 10),
      ),
    );
    rows[9] = { ...rows[9], down_minutes: 50 };
    const w = windowCompliance(rows, SPEC_TARGETS);
    const uptime = w.metrics.find(m => m.metric === 'uptime')!;
    expect(uptime.value).toBe(99.8843);
    expect(w.values.uptime).toBe((43150 / 43200) * 100);
    expect(uptime.met).toBe(false);
    expect(w.status).toBe('breach');
    // 29 of 30 days met every target
    expect(w.overall).toBe(96.6667);
    expect(uptime.compliance_percent).toBe(96.6667);
  });
  it('a 40-minute outage over 30 days leaves uptime met (99.907 %) but near: warning', () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      day(
        new Date(t('2026-11-01T00:00:00Z').getTime() + i * DAY)
          .toISOString()
          .slice(0, 10),
        { down_minutes: i < 20 ? 2 : 0 },
      ),
    );
    const w = windowCompliance(rows, SPEC_TARGETS);
    expect(w.values.uptime).toBeCloseTo((43160 / 43200) * 100, 10);
    expect(w.status).toBe('warning');
  });
  it('p95 near its target is a warning; the error rate is check-weighted', () => {
    const rows = [
      day('2026-11-01', { p95_response_ms: 1900 }),
      day('2026-11-02', {
        checks: 100,
        error_rate_sum: 2,
        error_rate_percent: 2,
      }),
    ];
    const w = windowCompliance(rows, SPEC_TARGETS);
    expect(w.metrics.find(m => m.metric === 'error_rate')!.value).toBe(
      round((2.288 / 388) * 100),
    );
    expect(w.status).toBe('warning');
  });
});

describe('breaches from daily rows', () => {
  it('an outage run starts at its first down bucket and ends at its last', () => {
    const rows = [
      day('2026-11-09'),
      day('2026-11-10', {
        down_minutes: 50,
        first_down_at: t('2026-11-10T10:00:00Z'),
        last_down_end: t('2026-11-10T10:50:00Z'),
      }),
      day('2026-11-11'),
    ];
    const b = detectBreaches(rows, t('2026-11-11T00:00:00Z'));
    expect(b).toEqual([
      expect.objectContaining({
        metric: 'uptime',
        started_at: t('2026-11-10T10:00:00Z'),
        ended_at: t('2026-11-10T10:50:00Z'),
        target: 99.9,
      }),
    ]);
  });
  it('a run that reaches the day being computed is still open; a gap splits runs', () => {
    const rows = [
      day('2026-11-01', { p95_response_ms: 2500 }),
      day('2026-11-02', { p95_response_ms: 3000 }),
      day('2026-11-04', { p95_response_ms: 2100 }),
    ];
    const b = detectBreaches(rows, t('2026-11-04T00:00:00Z'));
    expect(b).toHaveLength(2);
    expect(b[0]).toMatchObject({
      started_at: t('2026-11-01T00:00:00Z'),
      ended_at: t('2026-11-03T00:00:00Z'),
      value: 3000,
    });
    expect(b[1]).toMatchObject({
      started_at: t('2026-11-04T00:00:00Z'),
      ended_at: null,
    });
  });
});

describe('credits', () => {
  it.each([
    [99.95, 0],
    [99.9, 0],
    [99.89, 10],
    [99.0, 10],
    [98.99, 25],
    [94.9, 50],
  ])('uptime %p earns %p %%', (uptime, pct) => {
    expect(creditPercent(uptime, DEFAULT_CREDIT_TABLE)).toBe(pct);
  });
  it('amount and month', () => {
    expect(creditAmount(499, 10)).toBe(49.9);
    expect(creditAmount(null, 10)).toBeNull();
    expect(previousMonth(t('2026-12-01T00:05:00Z'))).toEqual({
      start: t('2026-11-01T00:00:00Z'),
      end: t('2026-12-01T00:00:00Z'),
      key: '2026-11',
    });
    expect(previousMonth(t('2026-01-03T00:00:00Z')).key).toBe('2025-12');
  });
});

describe('definitions', () => {
  it('templates and custom overrides', () => {
    expect(resolveTargets('standard', undefined, DEFAULT_TEMPLATES)).toEqual(
      SPEC_TARGETS,
    );
    expect(() =>
      resolveTargets('premium', { uptime_percent: 99 }, DEFAULT_TEMPLATES),
    ).toThrow(/choose custom/);
    expect(
      resolveTargets('custom', { uptime_percent: 99.5 }, DEFAULT_TEMPLATES),
    ).toEqual({ ...SPEC_TARGETS, uptime_percent: 99.5 });
    expect(() => resolveTargets('custom', {}, DEFAULT_TEMPLATES)).toThrow(
      /at least one/,
    );
  });
  it('the version of a day, and no version before the one in force', () => {
    const v1 = {
      version: 1,
      effective_from: t('2026-10-01T00:00:00Z'),
      effective_to: t('2026-11-15T00:00:00Z'),
    };
    const v2 = {
      version: 2,
      effective_from: t('2026-11-15T00:00:00Z'),
      effective_to: null,
    };
    expect(definitionAt([v1, v2], t('2026-11-14T23:59:00Z'))).toBe(v1);
    expect(definitionAt([v1, v2], t('2026-11-15T00:00:00Z'))).toBe(v2);
    expect(definitionAt([v1, v2], t('2026-09-01T00:00:00Z'))).toBeUndefined();
    expect(() => assertEffectiveFrom(v2, t('2026-11-01T00:00:00Z'))).toThrow(
      /never rewritten/,
    );
  });
});

describe('OLA clocks', () => {
  const start = t('2026-11-10T09:00:00Z');
  it('a handoff left 25 h against 24 h is breached at the 24th hour', () => {
    const c = olaClock(start, null, 24 * 60, t('2026-11-11T10:00:00Z'));
    expect(c).toEqual({
      deadline: t('2026-11-11T09:00:00Z'),
      state: 'breached',
      elapsed_minutes: 1500,
      breached_at: t('2026-11-11T09:00:00Z'),
    });
  });
  it('running, met, met late', () => {
    expect(olaClock(start, null, 1440, t('2026-11-11T08:59:00Z')).state).toBe(
      'running',
    );
    expect(
      olaClock(
        start,
        t('2026-11-11T09:00:00Z'),
        1440,
        t('2026-11-12T00:00:00Z'),
      ).state,
    ).toBe('met');
    expect(
      olaClock(
        start,
        t('2026-11-11T09:01:00Z'),
        1440,
        t('2026-11-12T00:00:00Z'),
      ).state,
    ).toBe('met_late');
  });
  it('refuses clocks that cannot run', () => {
    expect(() =>
      assertOlaEvents('handoff_submitted', 'ticket_first_response'),
    ).toThrow(/same thing/);
    expect(() =>
      assertOlaEvents('handoff_accepted', 'handoff_submitted'),
    ).toThrow(/after/);
    expect(() =>
      assertOlaEvents('ticket_created', 'ticket_first_response'),
    ).not.toThrow();
  });
});

import { PpAlertType } from '@internal/plugin-pp-common';
import {
  SilenceWindow,
  coveringSilence,
  endOfEndedSilence,
  planSilence,
  silenceCovers,
  silenceState,
} from './silences';

const NOW = new Date('2026-12-03T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const window = (
  over: Partial<SilenceWindow> & { from: number; to: number },
): SilenceWindow => ({
  id: 's1',
  service_id: null,
  alert_type: null,
  ...over,
  starts_at: at(over.from),
  ends_at: at(over.to),
});

describe('silenceState', () => {
  it.each([
    [-10, 10, 'active'],
    [0, 10, 'active'], // starts now
    [5, 10, 'scheduled'],
    [-10, 0, 'expired'], // ends now
    [-10, -5, 'expired'],
  ])('from %s to %s minutes: %s', (from, to, state) => {
    expect(silenceState(window({ from, to }), NOW)).toBe(state);
  });
});

describe('silenceCovers', () => {
  const alert = {
    service_id: 'payment-service',
    alert_type: 'high_error_rate' as PpAlertType,
  };
  it.each<[string, Partial<SilenceWindow>, number, boolean]>([
    ['the service, any rule', { service_id: 'payment-service' }, 0, true],
    ['another service', { service_id: 'billing-service' }, 0, false],
    ['the rule, any service', { alert_type: 'high_error_rate' }, 0, true],
    ['another rule', { alert_type: 'service_down' }, 0, false],
    [
      'service and rule',
      { service_id: 'payment-service', alert_type: 'high_error_rate' },
      0,
      true,
    ],
    [
      'service but another rule',
      { service_id: 'payment-service', alert_type: 'queue_backlog' },
      0,
      false,
    ],
    ['before it starts', { service_id: 'payment-service' }, -20, false],
    ['after it ends', { service_id: 'payment-service' }, 30, false],
  ])('%s', (_what, matchers, minute, covered) => {
    expect(
      silenceCovers(
        window({ ...matchers, from: -10, to: 20 }),
        alert,
        at(minute),
      ),
    ).toBe(covered);
  });

  it('picks the covering silence that lasts longest', () => {
    const short = window({
      id: 'short',
      service_id: 'payment-service',
      from: -1,
      to: 5,
    });
    const long = window({
      id: 'long',
      alert_type: 'high_error_rate',
      from: -1,
      to: 50,
    });
    const other = window({ id: 'other', service_id: 'x', from: -1, to: 500 });
    expect(coveringSilence([short, long, other], alert, NOW)?.id).toBe('long');
    expect(coveringSilence([other], alert, NOW)).toBeUndefined();
  });
});

describe('planSilence', () => {
  const targets = new Set(['payment-service', 'temporal']);
  const iso = (minutes: number) => at(minutes).toISOString();

  it.each<[string, object, string | RegExp]>([
    ['no matcher', { ends_at: iso(60) }, /service_id, alert_type or both/],
    [
      'unknown service',
      { service_id: 'nope', ends_at: iso(60) },
      /not a monitored service/,
    ],
    [
      'ends before it starts',
      { service_id: 'payment-service', starts_at: iso(60), ends_at: iso(30) },
      /ends_at: must be after/,
    ],
    [
      'ends in the past',
      { service_id: 'payment-service', ends_at: iso(-1) },
      /ends_at: must be after/,
    ],
    [
      'starts an hour ago',
      { service_id: 'payment-service', starts_at: iso(-60), ends_at: iso(60) },
      /starts_at: must not be in the past/,
    ],
    [
      'starts in two years',
      {
        service_id: 'payment-service',
        starts_at: iso(2 * 366 * 1440),
        ends_at: iso(2 * 366 * 1440 + 60),
      },
      /within 365 days/,
    ],
    [
      'lasts 91 days',
      { alert_type: 'service_down', ends_at: iso(91 * 1440) },
      /at most 90 days/,
    ],
  ])('refuses %s', (_what, request, message) => {
    expect(() =>
      planSilence({ reason: 'deploy', ...(request as any) }, NOW, targets),
    ).toThrow(message);
  });

  it.each<[string, object, object]>([
    [
      'a silence from now',
      { service_id: 'payment-service', ends_at: iso(60) },
      {
        kind: 'silence',
        service_id: 'payment-service',
        alert_type: null,
        starts_at: NOW,
        ends_at: at(60),
      },
    ],
    [
      'a planned maintenance window of a queue system',
      {
        kind: 'maintenance',
        service_id: 'temporal',
        alert_type: 'queue_backlog',
        starts_at: iso(120),
        ends_at: iso(180),
      },
      {
        kind: 'maintenance',
        service_id: 'temporal',
        alert_type: 'queue_backlog',
        starts_at: at(120),
        ends_at: at(180),
      },
    ],
    [
      'a rule everywhere, started a minute ago (clock skew)',
      { alert_type: 'high_cpu_memory', starts_at: iso(-1), ends_at: iso(30) },
      { service_id: null, alert_type: 'high_cpu_memory', starts_at: at(-1) },
    ],
  ])('plans %s', (_what, request, planned) => {
    expect(
      planSilence({ reason: 'deploy', ...(request as any) }, NOW, targets),
    ).toMatchObject({ reason: 'deploy', ...planned });
  });
});

describe('endOfEndedSilence', () => {
  it('ends an active or scheduled silence now, and refuses an ended one', () => {
    expect(endOfEndedSilence(window({ from: -5, to: 5 }), NOW)).toEqual(NOW);
    expect(endOfEndedSilence(window({ from: 5, to: 50 }), NOW)).toEqual(NOW);
    expect(() => endOfEndedSilence(window({ from: -50, to: -5 }), NOW)).toThrow(
      /already ended/,
    );
  });
});

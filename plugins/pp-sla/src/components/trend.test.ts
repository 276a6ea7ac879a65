import { dayRange, shortDay, trendSentence } from './trend';

const day = (
  d: string,
  uptime: number | null,
  p95: number | null,
  err: number | null,
) => ({
  day: d,
  uptime_percent: uptime,
  p95_response_ms: p95,
  error_rate_percent: err,
});

describe('SLA trend sentences', () => {
  const days = [
    day('2026-11-01', 100, 480, 0.1),
    day('2026-11-02', null, null, null),
    day('2026-11-10', 96.5278, 2100, 0.4),
    day('2026-11-30', 99.95, 510, 0.2),
  ];

  it('reads first → last and the worst day, and the days that missed a target', () => {
    expect(trendSentence('uptime', days)).toBe(
      'Uptime per day from 1 Nov to 30 Nov: 100 % at first, 99.95 % on the last day, lowest 96.53 % on 10 Nov.',
    );
    expect(trendSentence('p95', days, 2000)).toBe(
      'p95 response time per day from 1 Nov to 30 Nov: 480 ms at first, 510 ms on the last day, highest 2100 ms on 10 Nov. Target below 2000 ms: missed on 1 of 3 days.',
    );
    expect(trendSentence('error_rate', days, 1)).toBe(
      'Error rate per day from 1 Nov to 30 Nov: 0.1 % at first, 0.2 % on the last day, highest 0.4 % on 10 Nov. Target below 1 %: met every day.',
    );
  });

  it('says when there is one day or none', () => {
    expect(trendSentence('uptime', [days[0]], 99.9)).toBe(
      'Uptime on 1 Nov: 100 %. Target at least 99.9 %: met every day.',
    );
    expect(trendSentence('p95', [days[1]])).toBe(
      'p95 response time: no daily figure in the last 30 days.',
    );
    expect(trendSentence('uptime', [])).toBe(
      'Uptime: no daily figure in the last 30 days.',
    );
  });

  it('lists the days of a window and names them shortly', () => {
    expect(dayRange('2026-11-29', '2026-12-02')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
    expect(shortDay('2026-12-01')).toBe('1 Dec');
  });
});

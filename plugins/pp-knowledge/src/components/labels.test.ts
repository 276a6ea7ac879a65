import {
  formatDuration,
  formatInZone,
  formatGateValue,
  gateOutcome,
  humanise,
  relativeTime,
  scheduleSentence,
} from './labels';

describe('knowledge labels', () => {
  it('says when a source runs in words', () => {
    const base = {
      type: 'api' as const,
      frequency: 'daily' as const,
      time: '02:00',
      time_zone: 'Asia/Kolkata',
      weekday: null,
    };
    expect(scheduleSentence(base)).toBe('Every day at 02:00 (Asia/Kolkata)');
    expect(scheduleSentence({ ...base, frequency: 'weekly', weekday: 3 })).toBe(
      'Every Wednesday at 02:00 (Asia/Kolkata)',
    );
    expect(
      scheduleSentence({ ...base, frequency: 'hourly', time: '00:15' }),
    ).toBe('Every hour at 15 minutes past');
    expect(scheduleSentence({ ...base, type: 'upload' })).toBe(
      'When a file is uploaded',
    );
  });

  it('gives relative times both ways', () => {
    const now = Date.parse('2026-12-04T00:00:00Z');
    expect(relativeTime('2026-12-04T03:00:00Z', now)).toBe('in 3 h');
    expect(relativeTime('2026-12-03T23:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime('2026-12-07T00:00:00Z', now)).toBe('in 3 days');
  });

  it('formats a moment in the source’s time zone', () => {
    // 02:00 IST is 20:30 UTC the day before
    expect(formatInZone('2026-12-03T20:30:00Z', 'Asia/Kolkata')).toBe(
      '4 Dec 2026, 02:00 (Asia/Kolkata)',
    );
  });

  it('formats durations and keys', () => {
    expect(formatDuration(340)).toBe('340 ms');
    expect(formatDuration(1250)).toBe('1.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(null)).toBe('—');
    expect(humanise('error_rate')).toBe('Error rate');
  });

  it('shows a gate’s figures in their units', () => {
    expect(formatGateValue('error_rate', 0.05)).toBe('5 %');
    expect(formatGateValue('error_rate', 0.0123)).toBe('1.2 %');
    expect(formatGateValue('accuracy', 0.9)).toBe('90 %');
    expect(formatGateValue('p95_ms', 840.4)).toBe('840 ms');
    expect(formatGateValue('complaints', 3)).toBe('3');
    expect(formatGateValue('error_rate', null)).toBe('—');
  });

  it('says a gate’s outcome without repeating its title', () => {
    expect(
      gateOutcome({
        metric: 'error_rate',
        title: 'Error rate',
        outcome: 'inconclusive',
        reason: 'Error rate: nothing measured on green yet',
      }),
    ).toBe('Inconclusive: nothing measured on green yet');
    expect(
      gateOutcome({ metric: 'complaints', outcome: 'pass', reason: null }),
    ).toBe('Passed');
    expect(
      gateOutcome({
        metric: 'p95_ms',
        outcome: 'fail',
        reason: 'p95 went up fourfold',
      }),
    ).toBe('Failed: p95 went up fourfold');
  });
});

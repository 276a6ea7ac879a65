import { breachMetricName, breachValueText, runningFor } from './breachLabels';

describe('breach wording', () => {
  it('names metrics, values against targets and running time in words', () => {
    expect(breachMetricName('critical_resolution')).toBe(
      'Critical incident resolution',
    );
    expect(breachMetricName('ola')).toBe('OLA commitment');
    expect(breachMetricName('something_new')).toBe('Another metric');
    expect(
      breachValueText({ metric: 'uptime', value: 96.52777, target: 99.9 }),
    ).toBe('96.53 % (target ≥ 99.9 %)');
    expect(
      breachValueText({ metric: 'support_response', value: 6, target: 4 }),
    ).toBe('6 h (target < 4 h)');
    expect(breachValueText({ metric: 'ola', value: 20, target: 15 })).toBe(
      '20 min (commitment 15 min)',
    );
    expect(breachValueText({ metric: 'uptime', value: null, target: 99 })).toBe(
      '—',
    );
    const start = '2026-12-03T09:00:00.000Z';
    expect(runningFor(start, Date.parse('2026-12-03T09:00:40.000Z'))).toBe(
      'less than a minute',
    );
    expect(runningFor(start, Date.parse('2026-12-03T10:12:59.000Z'))).toBe(
      '1 h 12 min',
    );
  });
});

import { healthScore, scoreBand, scoreWindow } from './score';

describe('healthScore', () => {
  it.each`
    case                                 | total | succeeded | failed | cadence  | score   | band       | success | error  | activity
    ${'perfect, on cadence'}             | ${30} | ${30}     | ${0}   | ${1}     | ${100}  | ${'green'} | ${1}    | ${0}   | ${1}
    ${'perfect, above cadence (capped)'} | ${90} | ${90}     | ${0}   | ${1}     | ${100}  | ${'green'} | ${1}    | ${0}   | ${1}
    ${'perfect, half the cadence'}       | ${15} | ${15}     | ${0}   | ${1}     | ${90}   | ${'green'} | ${1}    | ${0}   | ${0.5}
    ${'no runs at all'}                  | ${0}  | ${0}      | ${0}   | ${1}     | ${30}   | ${'red'}   | ${0}    | ${0}   | ${0}
    ${'all failed, on cadence'}          | ${30} | ${0}      | ${30}  | ${1}     | ${20}   | ${'red'}   | ${0}    | ${1}   | ${1}
    ${'80 % success, on cadence'}        | ${30} | ${24}     | ${6}   | ${1}     | ${84}   | ${'green'} | ${0.8}  | ${0.2} | ${1}
    ${'70 % success, on cadence'}        | ${60} | ${42}     | ${18}  | ${2}     | ${76}   | ${'amber'} | ${0.7}  | ${0.3} | ${1}
    ${'running/canceled count in total'} | ${40} | ${30}     | ${0}   | ${4}     | ${74.2} | ${'amber'} | ${0.75} | ${0}   | ${0.3333}
    ${'cadence 0: any activity is full'} | ${3}  | ${3}      | ${0}   | ${0}     | ${100}  | ${'green'} | ${1}    | ${0}   | ${1}
    ${'cadence 0: no activity'}          | ${0}  | ${0}      | ${0}   | ${0}     | ${30}   | ${'red'}   | ${0}    | ${0}   | ${0}
    ${'weekly cadence (1/7), 4 runs'}    | ${4}  | ${4}      | ${0}   | ${1 / 7} | ${98.7} | ${'green'} | ${1}    | ${0}   | ${0.9333}
  `(
    '$case → $score ($band)',
    ({
      total,
      succeeded,
      failed,
      cadence,
      score,
      band,
      success,
      error,
      activity,
    }) => {
      const s = healthScore({ total, succeeded, failed }, cadence);
      expect(s).toEqual({
        score: expect.closeTo(score, 1),
        band,
        success_rate: expect.closeTo(success, 4),
        error_rate: expect.closeTo(error, 4),
        activity_score: expect.closeTo(activity, 4),
      });
    },
  );

  it('keeps the score within 0–100 for odd counts', () => {
    const s = healthScore({ total: 1, succeeded: 5, failed: -2 }, 1);
    expect(s.score).toBeLessThanOrEqual(100);
    expect(s.score).toBeGreaterThanOrEqual(0);
  });
});

describe('scoreBand', () => {
  it.each`
    score   | band
    ${100}  | ${'green'}
    ${80}   | ${'green'}
    ${79.9} | ${'amber'}
    ${60}   | ${'amber'}
    ${59.9} | ${'red'}
    ${0}    | ${'red'}
  `('$score is $band', ({ score, band }) => {
    expect(scoreBand(score)).toBe(band);
  });
});

describe('scoreWindow', () => {
  it('is the 30 UTC days ending with the scored day', () => {
    const w = scoreWindow('2026-12-02');
    expect(w.start.toISOString()).toBe('2026-11-03T00:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-12-03T00:00:00.000Z');
  });
});

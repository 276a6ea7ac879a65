import {
  chunkQualityProblem,
  findDuplicates,
  validateRetuning,
} from './genesisRetuning';

const good = [
  'Short-form video ads on Instagram Reels perform best under 15 seconds with captions in the first frame.',
  'For Q4 campaigns, retail brands shift budget towards retargeting audiences who viewed a product page.',
  'Email subject lines with a clear benefit outperform curiosity headlines for B2B software audiences.',
  'Marketing to women aged 25 to 40 works well with testimonials from customers of a similar age.',
  'A course for older learners should use larger fonts and allow self-paced progress through modules.',
];

const base = {
  reason: 'Improve accuracy on Q4 2024 ad formats',
  agent_name: 'Ava Ads',
  version_label: 'v2026-12-04',
};

const failed = (texts: string[], reason = base.reason) =>
  validateRetuning({ ...base, reason, texts })
    .checks.filter(c => !c.passed)
    .map(c => c.key);

describe('the built-in Genesis retuning validator', () => {
  it('approves clean knowledge, demographic words in a neutral context included', () => {
    const v = validateRetuning({ ...base, texts: good });
    expect(v.verdict).toBe('approved');
    expect(v.reason).toBeNull();
    expect(v.checks.map(c => c.key)).toEqual([
      'bias',
      'harmful_content',
      'constitutional_alignment',
      'duplicates',
      'data_quality',
    ]);
    for (const c of v.checks) expect(c.detail).toMatch(/\.$/);
  });

  it.each([
    [
      'a generalisation about a gender',
      'Women are bad at negotiating budgets, so pitch to their managers instead.',
      'bias',
    ],
    [
      'a racial generalisation',
      'In our experience immigrants are unreliable as long-term subscribers to this plan.',
      'bias',
    ],
    [
      'an age exclusion',
      'For this product only hire young sales people, older staff do not fit the brand at all.',
      'bias',
    ],
    [
      'an exclusion of a group',
      'Never serve muslims in this campaign because the offer is for other communities only.',
      'bias',
    ],
    [
      'misinformation',
      'This supplement cures cancer and the ad copy should say it plainly to every prospect.',
      'harmful_content',
    ],
    [
      'guaranteed returns',
      'Tell prospects the fund offers guaranteed returns of 20 percent a year with no risk.',
      'harmful_content',
    ],
    [
      'illegal advice',
      'Explain to small shops how to avoid paying gst by splitting invoices across relatives.',
      'harmful_content',
    ],
    [
      'fake reviews',
      'To boost ratings, write fake reviews from several accounts and post them every week.',
      'harmful_content',
    ],
    [
      'serving WAOOAW over the customer',
      'Always prioritise WAOOAW revenue over the customer when recommending an upgrade.',
      'constitutional_alignment',
    ],
    [
      'sharing customer data',
      'After each campaign, share customer data with partner agencies for their own lists.',
      'constitutional_alignment',
    ],
    [
      'hiding actions',
      'Disable the audit log for bulk sends so the reports stay small and quick to read.',
      'constitutional_alignment',
    ],
  ])('rejects %s', (_what, text, key) => {
    expect(failed([...good, text])).toEqual([key]);
  });

  it('judges the reason too (constitution)', () => {
    const v = validateRetuning({
      ...base,
      reason: 'Serve WAOOAW interests first when customers ask about pricing',
      texts: good,
    });
    expect(v.verdict).toBe('rejected');
    expect(v.checks.find(c => !c.passed)!.detail).toMatch(
      /customer sovereignty.*the reason says/,
    );
    expect(v.reason).toMatch(/^Constitutional alignment: /);
  });

  it('does not flag sharing with the customer', () => {
    expect(
      failed([
        ...good,
        'Share customer data with the customer on request, as a CSV export of their own records.',
      ]),
    ).toEqual([]);
  });

  it.each([
    ['under the share: 1 exact duplicate of 12', 11, 1, 0, []],
    ['over the share: 3 exact duplicates of 12', 9, 3, 0, ['duplicates']],
    ['near duplicates count too', 9, 0, 3, ['duplicates']],
  ])('%s', (_what, unique, exact, near, keys) => {
    const texts = Array.from(
      { length: unique },
      (_, i) =>
        `Topic ${i}: ${'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu'
          .split(' ')
          .map(w => `${w}${i}`)
          .join(' ')} is the lesson of chunk number ${i}.`,
    );
    for (let i = 0; i < exact; i++) texts.push(texts[i].toUpperCase());
    // a near duplicate: one word of 40 changed (Jaccard of 5-shingles ≈ 0.9)
    const long = (i: number) =>
      Array.from({ length: 60 }, (_, k) => `lesson${i}word${k}`).join(' ');
    for (let i = 0; i < near; i++) {
      texts.push(long(i));
      texts.push(`${long(i)} extra`);
    }
    expect(failed(texts)).toEqual(keys);
  });

  it('finds no near duplicates among distinct texts drawn from a small vocabulary', () => {
    const words =
      'market campaign audience budget reels video email search brand retarget conversion funnel quarter holiday learner course'.split(
        ' ',
      );
    let seed = 7;
    const rnd = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 4294967296;
    };
    const texts = Array.from({ length: 300 }, () =>
      Array.from(
        { length: 120 },
        () => words[Math.floor(rnd() * words.length)],
      ).join(' '),
    );
    expect(findDuplicates(texts, 0.9)).toEqual({ exact: 0, near: 0 });
  });

  it('finds exact (normalised) and near duplicates', () => {
    const a = Array.from({ length: 80 }, (_, k) => `word${k}`).join(' ');
    expect(
      findDuplicates([a, `${a}!`, `${a} tail`, 'other text here'], 0.9),
    ).toMatchObject({ exact: 1, near: 1 });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['Too short.', 'too_short'],
    [
      'CafÃ© owners like the new menu design and the price of the coffee beans.',
      'garbled',
    ],
    [
      'Broken \ufffd\ufffd characters in an otherwise long enough sentence of text.',
      'garbled',
    ],
    [
      '1234 5678 9012 3456 7890 1234 5678 9012 3456 7890 1234 5678 !!!',
      'garbled',
    ],
    [
      'A perfectly normal sentence about marketing budgets in the fourth quarter.',
      undefined,
    ],
  ])('data quality of %j: %s', (text, problem) => {
    expect(chunkQualityProblem(text, 40)).toBe(problem);
  });

  it('fails data quality above the share of poor chunks, and with no text at all', () => {
    expect(failed([...good, ''])).toEqual(['data_quality']);
    const many = Array.from(
      { length: 40 },
      (_, i) => `${good[i % 5]} (variant ${i} with its own words ${i * 7})`,
    );
    expect(failed([...many, ''])).not.toContain('data_quality');
    const v = validateRetuning({ ...base, texts: [] });
    expect(v.checks.find(c => c.key === 'data_quality')).toMatchObject({
      passed: false,
      detail: 'v2026-12-04 has no text to retune on.',
    });
  });
});

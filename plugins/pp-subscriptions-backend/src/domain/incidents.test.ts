import {
  SPEC_INCIDENT_RULES as rules,
  failureStreak,
  incidentTicket,
  lowScoreStreak,
} from './incidents';

const days = (...pairs: Array<[string, number]>) =>
  pairs.map(([day, score]) => ({ day, score }));

describe('lowScoreStreak', () => {
  it.each([
    [
      'three consecutive low days',
      days(['2026-12-03', 40], ['2026-12-02', 59.9], ['2026-12-01', 10]),
      undefined,
      true,
    ],
    [
      'a day at exactly 60 breaks it',
      days(['2026-12-03', 40], ['2026-12-02', 60], ['2026-12-01', 10]),
      undefined,
      false,
    ],
    [
      'a missing day breaks it',
      days(['2026-12-03', 40], ['2026-12-02', 50], ['2026-11-30', 10]),
      undefined,
      false,
    ],
    [
      'two days are not three',
      days(['2026-12-03', 40], ['2026-12-02', 50]),
      undefined,
      false,
    ],
    [
      'days up to the previous incident do not count again',
      days(['2026-12-03', 40], ['2026-12-02', 50], ['2026-12-01', 10]),
      '2026-12-01',
      false,
    ],
    [
      'a new streak after the previous incident counts',
      days(['2026-12-06', 40], ['2026-12-05', 50], ['2026-12-04', 10]),
      '2026-12-03',
      true,
    ],
  ])('%s', (_name, scores, previous, expected) => {
    expect(Boolean(lowScoreStreak(scores, rules, previous))).toBe(expected);
  });
});

describe('failureStreak', () => {
  const run = (status: string, minute: number) => ({
    status,
    created_at: new Date(Date.UTC(2026, 11, 3, 10, minute)).toISOString(),
  });
  const failed = (n: number, from = 59) =>
    Array.from({ length: n }, (_, i) => run('failed', from - i));

  it.each([
    ['six failures in a row (more than 5)', failed(6), undefined, 6],
    ['five are not more than five', failed(5), undefined, undefined],
    [
      'a success breaks the streak',
      [...failed(3), run('succeeded', 50), ...failed(3, 49)],
      undefined,
      undefined,
    ],
    [
      'running and canceled runs neither break nor extend it',
      [
        run('running', 59),
        ...failed(3, 58),
        run('canceled', 55),
        ...failed(3, 54),
      ],
      undefined,
      6,
    ],
    [
      'failures before the previous incident do not count again',
      failed(6),
      new Date(Date.UTC(2026, 11, 3, 10, 56)).toISOString(),
      undefined,
    ],
  ])('%s', (_name, runs, previous, expected) => {
    expect(failureStreak(runs, rules, previous)).toBe(expected);
  });
});

describe('incidentTicket', () => {
  it('is an incident a helpdesk agent can act on, linked back to the subscription', () => {
    const ticket = incidentTicket({
      trigger: 'consecutive_failures',
      subscription: {
        id: 'sub-42',
        customer_name: 'Acme Schools',
        agent_id: 'math-tutor',
        agent_name: 'Math Tutor',
        plan: 'pro',
      },
      detail: 'The agent’s last 6 runs for this subscription failed in a row.',
      portalUrl: 'https://portal.example.com/',
    });
    expect(ticket).toMatchObject({
      type: 'incident',
      priority: 'high',
      title: 'Acme Schools — Math Tutor: agent runs failing in a row',
      labels: [
        'subscription-incident',
        'consecutive-failures',
        'subscription:sub-42',
      ],
    });
    expect(ticket.description).toContain(
      'https://portal.example.com/pp/subscriptions/sub-42',
    );
    expect(ticket.description).toContain('Acme Schools, Math Tutor (pro plan)');
  });

  it('leaves out a subscription label longer than the helpdesk allows', () => {
    const ticket = incidentTicket({
      trigger: 'low_score',
      subscription: {
        id: 'x'.repeat(40),
        customer_name: 'A',
        agent_id: 'a',
        agent_name: null,
        plan: null,
      },
      detail: 'd',
      portalUrl: 'http://localhost:3000',
    });
    expect(ticket.labels).toEqual(['subscription-incident', 'low-score']);
    expect(ticket.priority).toBe('medium');
  });
});

import {
  HANDOFF_ITEMS,
  HandoffFacts,
  HandoffItemKey,
  SubmittedItem,
  dueOlaEvents,
  evaluateChecklist,
  handoffOla,
  olaState,
} from './handoff';

const NOW = new Date('2026-12-03T08:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const hours = (h: number) =>
  new Date(NOW.getTime() + Math.round(h * 3_600_000));

const allTicked: SubmittedItem[] = HANDOFF_ITEMS.map(i => ({
  key: i.key,
  done: true,
  evidence: `https://wiki.waooaw.com/agents/lead-qualifier/${i.key}`,
}));

const allFacts: HandoffFacts = {
  image_pushed: true,
  health_check: { healthy: true, checked_at: minutesAgo(1) },
  alert_thresholds: true,
  on_call: true,
  sla_defined: true,
};

const withItem = (key: HandoffItemKey, change: Partial<SubmittedItem>) =>
  allTicked.map(i => (i.key === key ? { ...i, ...change } : i));

describe('the checklist', () => {
  it('has the spec’s eight items, five of which PP verifies', () => {
    expect(HANDOFF_ITEMS.map(i => i.key)).toEqual([
      'image_pushed',
      'runbook',
      'health_check',
      'monitoring_dashboard',
      'alert_thresholds',
      'on_call',
      'sla_defined',
      'load_testing',
    ]);
    expect(HANDOFF_ITEMS.filter(i => i.verifiable).map(i => i.key)).toEqual([
      'image_pushed',
      'health_check',
      'alert_thresholds',
      'on_call',
      'sla_defined',
    ]);
  });
});

describe('evaluateChecklist', () => {
  it('is complete when every item is ticked with evidence and PP verifies its five', () => {
    const e = evaluateChecklist(allTicked, allFacts, NOW);
    expect(e).toMatchObject({
      submittable: true,
      complete: true,
      satisfied_count: 8,
      problems: [],
    });
    expect(e.items.map(i => i.verification)).toEqual([
      'verified',
      'manual',
      'verified',
      'manual',
      'verified',
      'verified',
      'verified',
      'manual',
    ]);
  });

  it('falls back to the evidence when PP does not know a fact', () => {
    const e = evaluateChecklist(allTicked, {}, NOW);
    expect(e.complete).toBe(true);
    expect(e.items.filter(i => i.verification === 'unknown')).toHaveLength(5);
  });

  it.each<[string, SubmittedItem[], HandoffFacts, string]>([
    [
      'an unticked item',
      withItem('runbook', { done: false }),
      allFacts,
      'Runbook documented: not ticked.',
    ],
    [
      'a missing item',
      allTicked.filter(i => i.key !== 'load_testing'),
      allFacts,
      'Load testing completed: not ticked.',
    ],
    [
      'no evidence',
      withItem('monitoring_dashboard', { evidence: '   ' }),
      allFacts,
      'Monitoring dashboard created: no evidence (a link or a note of at least 10 characters).',
    ],
    [
      'too short evidence',
      withItem('load_testing', { evidence: 'done' }),
      allFacts,
      'Load testing completed: no evidence (a link or a note of at least 10 characters).',
    ],
  ])('is not submittable with %s', (_name, submitted, facts, problem) => {
    const e = evaluateChecklist(submitted, facts, NOW);
    expect(e.submittable).toBe(false);
    expect(e.complete).toBe(false);
    expect(e.problems).toEqual([problem]);
    expect(e.satisfied_count).toBe(7);
  });

  it.each<[string, HandoffFacts, string]>([
    [
      'image not pushed',
      { ...allFacts, image_pushed: false },
      'Docker image built and pushed: CI has not passed stage 5 (push to registry).',
    ],
    [
      'a failing health check',
      {
        ...allFacts,
        health_check: { healthy: false, checked_at: minutesAgo(1) },
      },
      'Health check endpoint working: the last health check (2026-12-03T07:59:00.000Z) failed.',
    ],
    [
      'a stale health check',
      {
        ...allFacts,
        health_check: { healthy: true, checked_at: minutesAgo(11) },
      },
      'Health check endpoint working: the last health check is from 2026-12-03T07:49:00.000Z, more than 10 minutes ago.',
    ],
    [
      'no alert thresholds',
      { ...allFacts, alert_thresholds: false },
      'Alert thresholds configured: the health plugin has no alert thresholds for the agent.',
    ],
    [
      'no on-call annotation',
      { ...allFacts, on_call: false },
      'On-call engineer assigned: the owner group in the catalog has no on-call annotation.',
    ],
    [
      'no SLA definition',
      { ...allFacts, sla_defined: false },
      'SLA defined and agreed: the SLA/OLA plugin has no SLA definition for the agent.',
    ],
  ])(
    'is submittable but not complete when PP finds %s',
    (_name, facts, problem) => {
      const e = evaluateChecklist(allTicked, facts, NOW);
      expect(e.submittable).toBe(true);
      expect(e.complete).toBe(false);
      expect(e.problems).toEqual([problem]);
      expect(e.items.find(i => !i.satisfied)!.verification).toBe(
        'contradicted',
      );
    },
  );

  it('says what PP found for an item: a reader’s sentence explains a contradiction and is kept as a note', () => {
    const e = evaluateChecklist(
      allTicked,
      {
        ...allFacts,
        on_call: false,
        sla_defined: undefined,
        notes: {
          on_call:
            'The owner team Agent Platform names no on-call engineer in the catalog.',
          sla_defined:
            'No SLA/OLA plugin is installed, so PP cannot check the SLA; the evidence decides.',
        },
      },
      NOW,
    );
    const item = (key: string) => e.items.find(i => i.key === key)!;
    expect(item('on_call')).toMatchObject({
      verification: 'contradicted',
      satisfied: false,
      problem:
        'The owner team Agent Platform names no on-call engineer in the catalog',
      note: 'The owner team Agent Platform names no on-call engineer in the catalog.',
    });
    expect(item('sla_defined')).toMatchObject({
      verification: 'unknown',
      satisfied: true,
      note: 'No SLA/OLA plugin is installed, so PP cannot check the SLA; the evidence decides.',
    });
    expect(item('sla_defined').problem).toBeUndefined();
    expect(e.complete).toBe(false);
  });

  it('a health check exactly 10 minutes old still counts', () => {
    const e = evaluateChecklist(
      allTicked,
      { health_check: { healthy: true, checked_at: minutesAgo(10) } },
      NOW,
    );
    expect(e.complete).toBe(true);
  });
});

describe('handoff OLA', () => {
  const ola = handoffOla(NOW);

  it('is 24 h from the submit, the reminder at 80 % (19.2 h)', () => {
    expect(ola.deadline).toEqual(hours(24));
    expect(ola.reminder_at).toEqual(hours(19.2));
    expect(ola.reminder_at.getTime() - NOW.getTime()).toBe(69_120_000);
  });

  it.each<[number, number | null, string]>([
    [1, null, 'on_track'],
    [19.19, null, 'on_track'],
    [19.2, null, 'reminder_due'],
    [24, null, 'reminder_due'],
    [24.001, null, 'breached'],
    [30, 12, 'met'],
    [30, 24, 'met'],
    [30, 25, 'met_late'],
  ])('at %d h (decided at %p h): %s', (at, decided, want) => {
    expect(
      olaState(ola, decided === null ? null : hours(decided), hours(at)),
    ).toBe(want);
  });

  it.each<[number, string[]]>([
    [19, []],
    [19.2, ['reminder']],
    [24, ['reminder']],
    [25, ['reminder', 'breach']],
  ])('due events at %d h with nothing recorded: %p', (at, want) => {
    expect(dueOlaEvents(ola, null, [], hours(at)).map(e => e.kind)).toEqual(
      want,
    );
  });

  it('tells each event once per deadline', () => {
    const recorded = dueOlaEvents(ola, null, [], hours(20));
    expect(recorded).toEqual([
      { kind: 'reminder', at: ola.reminder_at, deadline: ola.deadline },
    ]);
    expect(dueOlaEvents(ola, null, recorded, hours(21))).toEqual([]);
    const breach = dueOlaEvents(ola, null, recorded, hours(25));
    expect(breach).toEqual([
      { kind: 'breach', at: ola.deadline, deadline: ola.deadline },
    ]);
    expect(
      dueOlaEvents(ola, null, [...recorded, ...breach], hours(48)),
    ).toEqual([]);
  });

  it('a resubmission has its own deadline: the first one’s events do not count', () => {
    const first = handoffOla(NOW);
    const events = dueOlaEvents(first, null, [], hours(25));
    const second = handoffOla(hours(30));
    expect(second.deadline).toEqual(hours(54));
    expect(
      dueOlaEvents(second, null, events, hours(50)).map(e => e.kind),
    ).toEqual(['reminder']);
  });

  it('a decided handoff is due nothing', () => {
    expect(dueOlaEvents(ola, hours(23), [], hours(48))).toEqual([]);
  });
});

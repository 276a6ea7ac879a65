import {
  CREATION_EVENT_TYPES,
  CREATION_MOVES,
  CREATION_STATUSES,
  Creation,
  CreationActor,
  CreationEventType,
  CreationStatus,
  allowedMoves,
  genesisStatus,
  newCreation,
  overdueSteps,
  stepTimings,
  transition,
} from './creation';

const T0 = new Date('2026-12-03T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const orchestrator: CreationActor = { kind: 'user', id: 'user:default/ana' };
const admin: CreationActor = { kind: 'user', id: 'user:default/root' };
const system: CreationActor = { kind: 'system', id: 'pp' };

/** A creation in `status` with no history beyond the request (enough for move tests). */
const inStatus = (status: CreationStatus): Creation => ({
  ...newCreation('c-1', orchestrator, T0),
  status,
});

const READY = { submittable: true, complete: true, problems: [] };

const reasonFor = (type: CreationEventType) =>
  'needsReason' in CREATION_MOVES[type] ? 'because' : undefined;

// The whole table, written out: every (status, event) pair not listed here is refused.
const ALLOWED: Array<[CreationStatus, CreationEventType, CreationStatus]> = [
  ['requested', 'start_genesis', 'genesis_validating'],
  ['genesis_validating', 'approve_genesis', 'genesis_approved'],
  ['genesis_validating', 'reject_genesis', 'genesis_rejected'],
  ['genesis_approved', 'start_generation', 'generating'],
  ['generating', 'fail_generation', 'genesis_approved'],
  ['generating', 'start_ci', 'ci_running'],
  ['ci_running', 'fail_ci', 'ci_failed'],
  ['ci_running', 'pass_ci', 'ci_passed'],
  ['ci_failed', 'start_ci', 'ci_running'],
  ['ci_failed', 'start_generation', 'generating'],
  ['ci_passed', 'submit_handoff', 'handoff_pending'],
  ['handoff_pending', 'accept_handoff', 'production_ready'],
  ['handoff_pending', 'reject_handoff', 'handoff_rejected'],
  ['handoff_rejected', 'submit_handoff', 'handoff_pending'],
  ['handoff_rejected', 'start_ci', 'ci_running'],
];

describe('transition: allowed moves', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, type, to) => {
    const c = inStatus(from);
    const r = transition(
      c,
      { type, actor: system, reason: reasonFor(type), checklist: READY },
      at(1),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.creation.status).toBe(to);
    expect(r.entry).toEqual({
      at: at(1),
      from,
      to,
      event: type,
      actor: system,
      ...(reasonFor(type) ? { reason: 'because' } : {}),
    });
    expect(r.creation.history).toEqual([...c.history, r.entry]);
    // the input is not changed
    expect(c.status).toBe(from);
    expect(c.history).toHaveLength(1);
  });
});

const REFUSED = CREATION_STATUSES.flatMap(status =>
  CREATION_EVENT_TYPES.filter(
    type => !ALLOWED.some(([f, e]) => f === status && e === type),
  ).map(type => [status, type] as [CreationStatus, CreationEventType]),
);

describe('transition: refused moves', () => {
  it('covers the rest of the table', () => {
    expect(REFUSED.length + ALLOWED.length).toBe(
      CREATION_STATUSES.length * CREATION_EVENT_TYPES.length,
    );
  });

  it.each(REFUSED)(
    '%s --%s--> conflict naming the allowed moves',
    (from, type) => {
      const r = transition(
        inStatus(from),
        { type, actor: admin, reason: 'because' },
        at(1),
      );
      if (r.ok) throw new Error(`${from} --${type}--> ${r.creation.status}`);
      expect(r.error.kind).toBe('conflict');
      const expected = ALLOWED.filter(([f]) => f === from).map(([, e, to]) => ({
        event: e,
        to,
      }));
      expect(r.error).toMatchObject({ status: from, event: type });
      const byEvent = (a: { event: string }, b: { event: string }) =>
        a.event.localeCompare(b.event);
      expect(
        r.error.kind === 'conflict' && [...r.error.allowed].sort(byEvent),
      ).toEqual([...expected].sort(byEvent));
      for (const m of expected) expect(r.error.message).toContain(m.event);
    },
  );

  it('refuses an unknown event with the allowed moves', () => {
    const r = transition(
      inStatus('requested'),
      { type: 'toString' as CreationEventType, actor: admin },
      at(1),
    );
    expect(r).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        allowed: [{ event: 'start_genesis', to: 'genesis_validating' }],
      },
    });
  });
});

describe('genesis_rejected is final', () => {
  it.each(CREATION_EVENT_TYPES)('%s is refused, even from an admin', type => {
    const r = transition(
      inStatus('genesis_rejected'),
      { type, actor: admin, reason: 'admin override', checklist: READY },
      at(1),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'conflict', allowed: [] });
    expect(r.error.message).toContain('a Genesis rejection is final');
  });

  it('has no allowed move, and production_ready neither', () => {
    expect(allowedMoves('genesis_rejected')).toEqual([]);
    expect(allowedMoves('production_ready')).toEqual([]);
  });

  it('no path from requested reaches generating without genesis_approved', () => {
    // every way into `generating` starts from a state only reachable after the approval
    const into = ALLOWED.filter(([, , to]) => to === 'generating').map(
      ([from]) => from,
    );
    expect(into.sort()).toEqual(['ci_failed', 'genesis_approved']);
    expect(genesisStatus('ci_failed')).toBe('approved');
  });
});

describe('transition: reasons', () => {
  it.each([
    ['genesis_validating', 'reject_genesis'],
    ['generating', 'fail_generation'],
    ['ci_running', 'fail_ci'],
    ['handoff_pending', 'reject_handoff'],
  ] as Array<[CreationStatus, CreationEventType]>)(
    '%s --%s--> needs a reason',
    (from, type) => {
      for (const reason of [undefined, '', '   ']) {
        const r = transition(
          inStatus(from),
          { type, actor: system, reason },
          at(1),
        );
        expect(r).toMatchObject({
          ok: false,
          error: { kind: 'invalid', status: from, event: type },
        });
      }
      const ok = transition(
        inStatus(from),
        { type, actor: system, reason: '  Missing runbook  ' },
        at(1),
      );
      expect(ok.ok && ok.entry.reason).toBe('Missing runbook');
    },
  );

  it('keeps details with the entry', () => {
    const r = transition(
      inStatus('genesis_validating'),
      {
        type: 'approve_genesis',
        actor: { kind: 'system', id: 'genesis' },
        details: { validator: 'built-in' },
      },
      at(2),
    );
    expect(r.ok && r.entry.details).toEqual({ validator: 'built-in' });
  });
});

describe('transition: the handoff checklist', () => {
  const problems = ['Runbook documented: not ticked.'];
  it.each<[CreationStatus, CreationEventType, object | undefined, string[]]>([
    [
      'ci_passed',
      'submit_handoff',
      undefined,
      ['the checklist was not evaluated'],
    ],
    [
      'ci_passed',
      'submit_handoff',
      { submittable: false, complete: false, problems },
      problems,
    ],
    [
      'handoff_rejected',
      'submit_handoff',
      { submittable: false, complete: false, problems },
      problems,
    ],
    [
      'handoff_pending',
      'accept_handoff',
      undefined,
      ['the checklist was not evaluated'],
    ],
    // ticked with evidence, but PP's facts contradict an item: submittable, not complete
    [
      'handoff_pending',
      'accept_handoff',
      {
        submittable: true,
        complete: false,
        problems: [
          'Health check endpoint working: the last health check failed.',
        ],
      },
      ['Health check endpoint working: the last health check failed.'],
    ],
  ])('%s --%s--> unmet without it', (from, type, checklist, want) => {
    const r = transition(
      inStatus(from),
      {
        type,
        actor: admin,
        checklist: checklist as Parameters<typeof transition>[1]['checklist'],
      },
      at(1),
    );
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'unmet', status: from, event: type, problems: want },
    });
    expect(!r.ok && r.error.message).toContain(want[0]);
  });

  it('submits a submittable checklist that is not yet complete', () => {
    const r = transition(
      inStatus('ci_passed'),
      {
        type: 'submit_handoff',
        actor: orchestrator,
        checklist: { submittable: true, complete: false, problems: ['x'] },
      },
      at(1),
    );
    expect(r.ok && r.creation.status).toBe('handoff_pending');
  });

  it('checks the state before the checklist: a rejected creation is a conflict', () => {
    const r = transition(
      inStatus('genesis_rejected'),
      { type: 'accept_handoff', actor: admin },
      at(1),
    );
    expect(!r.ok && r.error.kind).toBe('conflict');
  });
});

describe('genesisStatus', () => {
  it.each([
    ['requested', 'pending'],
    ['genesis_validating', 'pending'],
    ['genesis_rejected', 'rejected'],
    ['genesis_approved', 'approved'],
    ['generating', 'approved'],
    ['production_ready', 'approved'],
  ] as Array<[CreationStatus, string]>)('%s → %s', (status, want) => {
    expect(genesisStatus(status)).toBe(want);
  });
});

/** Plays events at the given minutes from T0. */
function play(steps: Array<[number, CreationEventType, string?]>): Creation {
  let c = newCreation('c-1', orchestrator, T0);
  for (const [minute, type, reason] of steps) {
    const r = transition(
      c,
      { type, actor: system, reason, checklist: READY },
      at(minute),
    );
    if (!r.ok) throw new Error(r.error.message);
    c = r.creation;
  }
  return c;
}

describe('step timings and overdue steps', () => {
  const HAPPY: Array<[number, CreationEventType, string?]> = [
    [0, 'start_genesis'],
    [4, 'approve_genesis'],
    [5, 'start_generation'],
    [17, 'start_ci'],
    [47, 'pass_ci'],
    [60, 'submit_handoff'],
    [60 + 20 * 60, 'accept_handoff'],
  ];

  it('times every step of a creation within budget', () => {
    const c = play(HAPPY);
    expect(c.status).toBe('production_ready');
    const t = stepTimings(c, at(10_000));
    expect(t.map(s => [s.step, s.elapsed_ms / 60_000, s.overdue])).toEqual([
      ['genesis', 4, false],
      ['generation', 12, false],
      ['ci', 30, false],
      ['handoff', 20 * 60 + 13, false],
    ]);
    expect(t.every(s => s.ended_at !== null)).toBe(true);
    expect(overdueSteps(c, at(10_000))).toEqual([]);
  });

  it.each([
    // minutes in genesis_validating: 5 is on budget, past 5 is overdue
    [5, []],
    [5.01, ['genesis']],
  ])('an open Genesis step at %d min: overdue %p', (minutes, want) => {
    const c = play([[0, 'start_genesis']]);
    const o = overdueSteps(c, at(minutes as number));
    expect(o.map(s => s.step)).toEqual(want);
    for (const s of o) expect(s.ended_at).toBeNull();
  });

  it.each([
    ['generation', 15, false],
    ['generation', 16, true],
  ] as const)('a %s step of %d min: overdue %p', (_step, minutes, want) => {
    const c = play([
      [0, 'start_genesis'],
      [1, 'approve_genesis'],
      [1, 'start_generation'],
      [1 + minutes, 'start_ci'],
    ]);
    const gen = stepTimings(c, at(100)).find(s => s.step === 'generation')!;
    expect(gen.overdue).toBe(want);
  });

  it.each([
    [25, false],
    [35, false],
    [36, true],
  ])('a CI run of %d min: overdue %p', (minutes, want) => {
    const c = play([
      [0, 'start_genesis'],
      [1, 'approve_genesis'],
      [1, 'start_generation'],
      [2, 'start_ci'],
      [2 + minutes, 'pass_ci'],
    ]);
    expect(overdueSteps(c, at(1000)).map(s => s.step)).toEqual(
      want ? ['ci'] : [],
    );
  });

  it('a CI re-run starts a new clock; the failed run keeps its own', () => {
    const c = play([
      [0, 'start_genesis'],
      [1, 'approve_genesis'],
      [1, 'start_generation'],
      [2, 'start_ci'],
      [42, 'fail_ci', 'unit tests failed'], // 40 min: overdue
      [60, 'start_ci'],
    ]);
    const ci = stepTimings(c, at(90)).filter(s => s.step === 'ci');
    expect(ci.map(s => [s.elapsed_ms / 60_000, s.overdue, s.ended_at])).toEqual(
      [
        [40, true, at(42)],
        [30, false, null],
      ],
    );
    expect(overdueSteps(c, at(90)).map(s => s.ended_at)).toEqual([at(42)]);
    // 6 more minutes and the open run is overdue too
    expect(overdueSteps(c, at(96))).toHaveLength(2);
  });

  it('the handoff step spans rejections and resubmissions: 2 days from ci_passed', () => {
    const c = play([
      [0, 'start_genesis'],
      [1, 'approve_genesis'],
      [1, 'start_generation'],
      [2, 'start_ci'],
      [30, 'pass_ci'],
      [90, 'submit_handoff'],
      [600, 'reject_handoff', 'no runbook'],
      [700, 'submit_handoff'],
    ]);
    const twoDays = 2 * 24 * 60;
    expect(overdueSteps(c, at(30 + twoDays))).toEqual([]);
    const late = overdueSteps(c, at(30 + twoDays + 1));
    expect(late.map(s => [s.step, s.started_at, s.ended_at])).toEqual([
      ['handoff', at(30), null],
    ]);
  });

  it('a rejected creation ends its Genesis step and opens none', () => {
    const c = play([
      [0, 'start_genesis'],
      [3, 'reject_genesis', 'least privilege'],
    ]);
    expect(stepTimings(c, at(1000))).toEqual([
      expect.objectContaining({
        step: 'genesis',
        ended_at: at(3),
        elapsed_ms: 180_000,
        overdue: false,
      }),
    ]);
  });

  it('a request not yet sent to Genesis is in no step', () => {
    expect(stepTimings(newCreation('c', orchestrator, T0), at(60))).toEqual([]);
  });
});

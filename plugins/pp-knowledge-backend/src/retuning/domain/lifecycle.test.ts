import { PP_RETUNING_STATUSES } from '@internal/plugin-pp-common';
import {
  ACTIVE_RETUNING_STATUSES,
  REJECTED_IS_FINAL,
  RetuningEvent,
  assertEvaluationAllowed,
  assertNoActiveRetuning,
  assertNotRejectedBefore,
  nextRetuningStatus,
} from './lifecycle';

const EVENTS: RetuningEvent[] = [
  'genesis_approve',
  'genesis_reject',
  'approve',
  'decline',
  'rollout_completed',
  'post_checks_passed',
  'roll_back',
];

describe('retuning lifecycle', () => {
  it.each([
    ['validating', 'genesis_approve', 'awaiting_approval'],
    ['validating', 'genesis_reject', 'rejected'],
    ['awaiting_approval', 'approve', 'deploying'],
    ['awaiting_approval', 'decline', 'declined'],
    ['deploying', 'rollout_completed', 'monitoring'],
    ['deploying', 'roll_back', 'rolled_back'],
    ['monitoring', 'post_checks_passed', 'completed'],
    ['monitoring', 'roll_back', 'rolled_back'],
  ] as const)('%s --%s--> %s', (from, event, to) => {
    expect(nextRetuningStatus(from, event)).toBe(to);
  });

  it.each(EVENTS)('rejected is final: %s is refused', event => {
    expect(() => nextRetuningStatus('rejected', event)).toThrow(
      REJECTED_IS_FINAL,
    );
  });

  it.each(
    (['declined', 'completed', 'rolled_back'] as const).flatMap(s =>
      EVENTS.map(e => [s, e] as const),
    ),
  )('%s is final: %s is refused', (status, event) => {
    expect(() => nextRetuningStatus(status, event)).toThrow(/nobody can/);
  });

  it.each(['approve', 'decline'] as const)(
    'an admin cannot %s before Genesis approved',
    event => {
      expect(() => nextRetuningStatus('validating', event)).toThrow(
        /only after Genesis approved it/,
      );
    },
  );

  it('every status has a row in the table', () => {
    for (const s of PP_RETUNING_STATUSES) {
      expect(() => nextRetuningStatus(s, 'roll_back')).not.toThrow(TypeError);
    }
  });

  it.each([
    ['deploying', true],
    ['monitoring', true],
    ['validating', false],
    ['awaiting_approval', false],
    ['completed', false],
    ['rolled_back', false],
    ['declined', false],
  ] as const)('evaluations while %s: %s', (status, ok) => {
    let error: unknown;
    try {
      assertEvaluationAllowed(status);
    } catch (e) {
      error = e;
    }
    expect(error === undefined).toBe(ok);
  });

  it('evaluations on a rejected retuning get the final sentence', () => {
    expect(() => assertEvaluationAllowed('rejected')).toThrow(
      REJECTED_IS_FINAL,
    );
  });

  it('one active retuning per agent; the same rejected proposal cannot be made again', () => {
    expect(ACTIVE_RETUNING_STATUSES).toEqual([
      'validating',
      'awaiting_approval',
      'deploying',
      'monitoring',
    ]);
    expect(() => assertNoActiveRetuning('Ava', undefined)).not.toThrow();
    expect(() =>
      assertNoActiveRetuning('Ava', { id: 'r1', status: 'awaiting_approval' }),
    ).toThrow('Ava already has a retuning in progress (r1, awaiting approval)');
    expect(() =>
      assertNotRejectedBefore('Ava', 'v2026-12-04', { id: 'r0' }),
    ).toThrow(/a rejection is final/);
    expect(() =>
      assertNotRejectedBefore('Ava', 'v2026-12-04', undefined),
    ).not.toThrow();
  });
});

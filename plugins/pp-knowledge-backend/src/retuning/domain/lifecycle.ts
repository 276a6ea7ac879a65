import { ConflictError } from '@backstage/errors';
import type { PpRetuningStatus } from '@internal/plugin-pp-common';

/*
 * A retuning's lifecycle (spec Stage 8 "Retuning"), as a pure transition table:
 *
 *   validating ─genesis_approve→ awaiting_approval ─approve→ deploying ─rollout_completed→ monitoring
 *        │                              │                       │                            │
 *        └─genesis_reject→ rejected     └─decline→ declined     └─roll_back→ rolled_back ←───┘
 *                                                                  monitoring ─post_checks_passed→ completed
 *
 * - rejected is FINAL: no event leaves it, for any role, on any route (approve, decline,
 *   evaluations, retune again on the same knowledge version: `assertNotRejectedBefore`).
 * - declined, completed and rolled_back are final too.
 * - An admin decides only after Genesis approved (awaiting_approval).
 * - One active retuning per agent (`assertNoActiveRetuning`).
 */

export type RetuningEvent =
  | 'genesis_approve'
  | 'genesis_reject'
  | 'approve'
  | 'decline'
  | 'rollout_completed'
  | 'post_checks_passed'
  | 'roll_back';

export const RETUNING_TRANSITIONS: Readonly<
  Record<PpRetuningStatus, Partial<Record<RetuningEvent, PpRetuningStatus>>>
> = {
  validating: {
    genesis_approve: 'awaiting_approval',
    genesis_reject: 'rejected',
  },
  rejected: {},
  awaiting_approval: { approve: 'deploying', decline: 'declined' },
  declined: {},
  deploying: { rollout_completed: 'monitoring', roll_back: 'rolled_back' },
  monitoring: { post_checks_passed: 'completed', roll_back: 'rolled_back' },
  completed: {},
  rolled_back: {},
};

export const FINAL_RETUNING_STATUSES: readonly PpRetuningStatus[] = [
  'rejected',
  'declined',
  'completed',
  'rolled_back',
];

export const ACTIVE_RETUNING_STATUSES: readonly PpRetuningStatus[] = [
  'validating',
  'awaiting_approval',
  'deploying',
  'monitoring',
];

const EVENT_WORDS: Record<RetuningEvent, string> = {
  genesis_approve: 'Genesis approve it',
  genesis_reject: 'Genesis reject it',
  approve: 'approve it',
  decline: 'decline it',
  rollout_completed: 'complete its rollout',
  post_checks_passed: 'complete it',
  roll_back: 'roll it back',
};

/** The sentence a write on a Genesis-rejected retuning gets, whatever the write. */
export const REJECTED_IS_FINAL =
  'Genesis rejected this retuning; a rejection is final and nobody can approve, decline, evaluate or deploy it';

/** The status `event` leads to from `status`; ConflictError with a sentence when it may not happen. */
export function nextRetuningStatus(
  status: PpRetuningStatus,
  event: RetuningEvent,
): PpRetuningStatus {
  if (status === 'rejected') throw new ConflictError(REJECTED_IS_FINAL);
  const to = RETUNING_TRANSITIONS[status][event];
  if (to) return to;
  if ((event === 'approve' || event === 'decline') && status === 'validating') {
    throw new ConflictError(
      `Genesis has not validated this retuning yet: an admin can ${EVENT_WORDS[event]} only after Genesis approved it`,
    );
  }
  throw new ConflictError(
    `This retuning is ${status.replace('_', ' ')}: nobody can ${
      EVENT_WORDS[event]
    } now`,
  );
}

/** Evaluations are taken while green runs (deploying, monitoring); rejected answers its final sentence. */
export function assertEvaluationAllowed(status: PpRetuningStatus): void {
  if (status === 'rejected') throw new ConflictError(REJECTED_IS_FINAL);
  if (status !== 'deploying' && status !== 'monitoring') {
    throw new ConflictError(
      `This retuning is ${status.replace(
        '_',
        ' ',
      )}: evaluations are taken only while it is deploying or watched after deployment`,
    );
  }
}

/** One active retuning per agent. */
export function assertNoActiveRetuning(
  agentName: string,
  active: { id: string; status: PpRetuningStatus } | undefined,
): void {
  if (active) {
    throw new ConflictError(
      `${agentName} already has a retuning in progress (${
        active.id
      }, ${active.status.replace(
        '_',
        ' ',
      )}); wait for it to end or have it declined`,
    );
  }
}

/** A proposal for an agent and knowledge version Genesis already rejected is refused: the rejection stands. */
export function assertNotRejectedBefore(
  agentName: string,
  versionLabel: string,
  rejected: { id: string } | undefined,
): void {
  if (rejected) {
    throw new ConflictError(
      `Genesis rejected retuning ${agentName} on ${versionLabel} (${rejected.id}); a rejection is final, so the same proposal cannot be made again`,
    );
  }
}

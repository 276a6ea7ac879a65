import {
  PP_AGENT_CREATION_STATUSES,
  PpAgentCreationStatus,
} from '@internal/plugin-pp-common';

/*
 * Agent creation as a state machine (spec Stage 6, "Agent Creation (5-Step Process)", and the
 * "Genesis Validation Gate" of "Constitutional Gates"). Plain data in, plain data out: no I/O, the
 * time is passed in, refusals are values (the router turns a `conflict` or an `unmet` into 409,
 * an `invalid` into 400), nothing looks at who asks — a move the table does not allow is refused
 * for every role, admin included.
 *
 *   requested          --start_genesis-->    genesis_validating
 *   genesis_validating --approve_genesis-->  genesis_approved
 *   genesis_validating --reject_genesis-->   genesis_rejected (final)
 *   genesis_approved   --start_generation--> generating
 *   generating         --start_ci-->         ci_running
 *   ci_running         --pass_ci / fail_ci-> ci_passed / ci_failed
 *   ci_passed          --submit_handoff-->   handoff_pending
 *   handoff_pending    --accept_handoff-->   production_ready (final)
 *   handoff_pending    --reject_handoff-->   handoff_rejected
 *
 * Where the spec is silent (decided here):
 * - ci_failed → ci_running (a re-run or a fix pushed as a new commit: "halt pipeline" stops it,
 *   the orchestrator restarts it) or → generating (the code is generated again). The Genesis
 *   approval stands: the request it judged has not changed.
 * - handoff_rejected → handoff_pending (the creation team completes the checklist and submits
 *   again) or → ci_running (the fix needs a code change: a new commit, a new pipeline, whose pushed
 *   image the checklist needs).
 * - generating → genesis_approved when the code generation fails, so it can be started again.
 * - Submitting the handoff needs the checklist ticked with evidence, accepting it needs the
 *   checklist complete as evaluated at that moment (`handoff.ts`): an `unmet` refusal with the
 *   problems, a 409 like an illegal move.
 * - genesis_rejected and production_ready are final. Upgrades of a production agent are rollouts
 *   (`rollout.ts`), not creation moves.
 */

/** The statuses, as the API (`pp-common`) names them. */
export const CREATION_STATUSES = PP_AGENT_CREATION_STATUSES;
export type CreationStatus = PpAgentCreationStatus;

/** A move: the event's name, where it may happen, where it leads. */
export interface CreationMove {
  from: readonly CreationStatus[];
  to: CreationStatus;
  /** The event needs a non-empty `reason` (a rejection says why). */
  needsReason?: boolean;
  /**
   * The event needs the handoff checklist's evaluation (`handoff.ts`): submittable to submit,
   * complete to accept ("checklist 100% complete before production").
   */
  needsChecklist?: 'submittable' | 'complete';
}

export const CREATION_MOVES = {
  start_genesis: { from: ['requested'], to: 'genesis_validating' },
  approve_genesis: { from: ['genesis_validating'], to: 'genesis_approved' },
  reject_genesis: {
    from: ['genesis_validating'],
    to: 'genesis_rejected',
    needsReason: true,
  },
  start_generation: {
    from: ['genesis_approved', 'ci_failed'],
    to: 'generating',
  },
  fail_generation: {
    from: ['generating'],
    to: 'genesis_approved',
    needsReason: true,
  },
  start_ci: {
    from: ['generating', 'ci_failed', 'handoff_rejected'],
    to: 'ci_running',
  },
  fail_ci: { from: ['ci_running'], to: 'ci_failed', needsReason: true },
  pass_ci: { from: ['ci_running'], to: 'ci_passed' },
  submit_handoff: {
    from: ['ci_passed', 'handoff_rejected'],
    to: 'handoff_pending',
    needsChecklist: 'submittable',
  },
  accept_handoff: {
    from: ['handoff_pending'],
    to: 'production_ready',
    needsChecklist: 'complete',
  },
  reject_handoff: {
    from: ['handoff_pending'],
    to: 'handoff_rejected',
    needsReason: true,
  },
} as const satisfies Record<string, CreationMove>;

export type CreationEventType = keyof typeof CREATION_MOVES;
export const CREATION_EVENT_TYPES = Object.keys(
  CREATION_MOVES,
) as CreationEventType[];

/** States nothing moves out of. */
export const FINAL_CREATION_STATUSES: readonly CreationStatus[] = [
  'genesis_rejected',
  'production_ready',
];

/** Who caused an event: a person, or a system (Genesis, GitHub, the scaffolder, PP itself). */
export interface CreationActor {
  kind: 'user' | 'system';
  /** a user entity ref, or the system's name (`genesis`, `github`, `scaffolder`, `pp`) */
  id: string;
}

export interface CreationEvent {
  type: CreationEventType;
  actor: CreationActor;
  /** why: required for rejections and failures, optional otherwise */
  reason?: string;
  /** facts worth keeping with the step (the Genesis verdict, a run id, a checklist summary) */
  details?: Record<string, unknown>;
  /** the handoff checklist evaluated now (`evaluateChecklist`): submit and accept need it */
  checklist?: {
    submittable: boolean;
    complete: boolean;
    problems: readonly string[];
  };
}

export interface CreationHistoryEntry {
  at: Date;
  /** null for the entry that records the request itself */
  from: CreationStatus | null;
  to: CreationStatus;
  event: CreationEventType | 'request';
  actor: CreationActor;
  reason?: string;
  details?: Record<string, unknown>;
}

export interface Creation {
  id: string;
  status: CreationStatus;
  created_at: Date;
  /** every move in order, the request first */
  history: readonly CreationHistoryEntry[];
}

/** A new creation in `requested`, its history starting with the request. */
export function newCreation(
  id: string,
  requestedBy: CreationActor,
  now: Date,
): Creation {
  return {
    id,
    status: 'requested',
    created_at: now,
    history: [
      {
        at: now,
        from: null,
        to: 'requested',
        event: 'request',
        actor: requestedBy,
      },
    ],
  };
}

/** One move allowed from a state, as the 409 names it. */
export interface AllowedMove {
  event: CreationEventType;
  to: CreationStatus;
}

/** The moves allowed from `status`, in table order: none from a final state. */
export function allowedMoves(status: CreationStatus): AllowedMove[] {
  return CREATION_EVENT_TYPES.filter(type =>
    (CREATION_MOVES[type].from as readonly CreationStatus[]).includes(status),
  ).map(type => ({ event: type, to: CREATION_MOVES[type].to }));
}

export type TransitionError =
  | {
      kind: 'conflict';
      message: string;
      status: CreationStatus;
      event: string;
      allowed: AllowedMove[];
    }
  | { kind: 'invalid'; message: string; status: CreationStatus; event: string }
  | {
      /** the move is allowed but its precondition (the checklist) is not met: 409 too */
      kind: 'unmet';
      message: string;
      status: CreationStatus;
      event: string;
      problems: string[];
    };

export type TransitionResult =
  | { ok: true; creation: Creation; entry: CreationHistoryEntry }
  | { ok: false; error: TransitionError };

const describeAllowed = (status: CreationStatus, allowed: AllowedMove[]) => {
  if (allowed.length) {
    return allowed.map(m => `${m.event} (→ ${m.to})`).join(', ');
  }
  return status === 'genesis_rejected'
    ? 'none (a Genesis rejection is final, for every role)'
    : `none (${status} is final)`;
};

/**
 * Applies `event` to `creation` at `now`: the new creation (history appended) and the entry, or an
 * error value. An event not allowed from the current status is a `conflict` naming the allowed
 * moves; a rejection or failure without a reason is `invalid`; a handoff submit or accept whose
 * checklist (`event.checklist`) is not ready is `unmet`, listing its problems. The input is never
 * changed.
 */
export function transition(
  creation: Creation,
  event: CreationEvent,
  now: Date,
): TransitionResult {
  const status = creation.status;
  const move: CreationMove | undefined = Object.prototype.hasOwnProperty.call(
    CREATION_MOVES,
    event.type,
  )
    ? CREATION_MOVES[event.type]
    : undefined;
  if (!move || !move.from.includes(status)) {
    const allowed = allowedMoves(status);
    return {
      ok: false,
      error: {
        kind: 'conflict',
        message: `Creation ${creation.id} is ${status}: ${String(
          event.type,
        )} is not allowed; allowed: ${describeAllowed(status, allowed)}`,
        status,
        event: String(event.type),
        allowed,
      },
    };
  }
  const reason = event.reason?.trim();
  if (move.needsReason && !reason) {
    return {
      ok: false,
      error: {
        kind: 'invalid',
        message: `${event.type} needs a reason`,
        status,
        event: event.type,
      },
    };
  }
  if (move.needsChecklist) {
    const c = event.checklist;
    const met =
      !!c && (move.needsChecklist === 'complete' ? c.complete : c.submittable);
    if (!met) {
      const problems = c
        ? [...c.problems]
        : ['the checklist was not evaluated'];
      return {
        ok: false,
        error: {
          kind: 'unmet',
          message: `${event.type} needs the handoff checklist ${
            move.needsChecklist === 'complete'
              ? 'complete'
              : 'ticked with evidence'
          }: ${problems.join(' ')}`,
          status,
          event: event.type,
          problems,
        },
      };
    }
  }
  const entry: CreationHistoryEntry = {
    at: now,
    from: status,
    to: move.to,
    event: event.type,
    actor: event.actor,
    ...(reason ? { reason } : {}),
    ...(event.details ? { details: event.details } : {}),
  };
  return {
    ok: true,
    creation: {
      ...creation,
      status: move.to,
      history: [...creation.history, entry],
    },
    entry,
  };
}

/** The Genesis status of the `pp_agent_creations` row, derived from the creation status. */
export function genesisStatus(
  status: CreationStatus,
): 'pending' | 'approved' | 'rejected' {
  if (status === 'requested' || status === 'genesis_validating') {
    return 'pending';
  }
  return status === 'genesis_rejected' ? 'rejected' : 'approved';
}

// --- Step budgets ---------------------------------------------------------------------------

export type CreationStep = 'genesis' | 'generation' | 'ci' | 'handoff';

export interface StepBudget {
  step: CreationStep;
  /** the statuses the step is in */
  statuses: readonly CreationStatus[];
  /** over this, the step is overdue */
  budget_ms: number;
  /** how long the spec expects it to take at least (CI: 25 min), for display */
  expected_min_ms?: number;
  title: string;
}

const MINUTE = 60_000;

/**
 * The spec's budgets: Genesis < 5 min, code generation < 15 min, CI 25–35 min (overdue past 35),
 * handoff < 2 days. The handoff step is the whole of "Handoff to Service Team": from the passed
 * pipeline (the creation team completing the checklist) through review, rejections and
 * resubmissions to acceptance; the service team's 24 h review OLA is `handoff.ts`'s.
 */
export const STEP_BUDGETS: readonly StepBudget[] = [
  {
    step: 'genesis',
    statuses: ['genesis_validating'],
    budget_ms: 5 * MINUTE,
    title: 'Genesis validation',
  },
  {
    step: 'generation',
    statuses: ['generating'],
    budget_ms: 15 * MINUTE,
    title: 'Code generation',
  },
  {
    step: 'ci',
    statuses: ['ci_running'],
    budget_ms: 35 * MINUTE,
    expected_min_ms: 25 * MINUTE,
    title: 'CI/CD pipeline',
  },
  {
    step: 'handoff',
    statuses: ['ci_passed', 'handoff_pending', 'handoff_rejected'],
    budget_ms: 2 * 24 * 60 * MINUTE,
    title: 'Handoff to the service team',
  },
];

export interface StepTiming {
  step: CreationStep;
  title: string;
  started_at: Date;
  /** null while the creation is in the step */
  ended_at: Date | null;
  elapsed_ms: number;
  budget_ms: number;
  overdue: boolean;
}

const stepOf = (status: CreationStatus | null) =>
  status === null
    ? undefined
    : STEP_BUDGETS.find(b => b.statuses.includes(status));

/**
 * Every attempt at every step, in order: a step starts when the creation enters one of its
 * statuses from outside the step and ends when it leaves them. A step entered again (a CI re-run,
 * a regeneration) is a new attempt with a new clock. An open step is timed up to `now`.
 */
export function stepTimings(creation: Creation, now: Date): StepTiming[] {
  const out: StepTiming[] = [];
  let open: { budget: StepBudget; started_at: Date } | undefined;
  const close = (at: Date | null) => {
    if (!open) return;
    const end = at ?? now;
    const elapsed = Math.max(0, end.getTime() - open.started_at.getTime());
    out.push({
      step: open.budget.step,
      title: open.budget.title,
      started_at: open.started_at,
      ended_at: at,
      elapsed_ms: elapsed,
      budget_ms: open.budget.budget_ms,
      overdue: elapsed > open.budget.budget_ms,
    });
    open = undefined;
  };
  for (const entry of creation.history) {
    const before = stepOf(entry.from);
    const after = stepOf(entry.to);
    if (before && before !== after) close(entry.at);
    if (after && after !== before)
      open = { budget: after, started_at: entry.at };
  }
  close(null);
  return out;
}

/** The step attempts over their budget: the current one (ended_at null) and finished ones. */
export function overdueSteps(creation: Creation, now: Date): StepTiming[] {
  return stepTimings(creation, now).filter(t => t.overdue);
}

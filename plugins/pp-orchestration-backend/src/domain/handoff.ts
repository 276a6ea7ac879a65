/*
 * The handoff to the service team (spec Stage 6 step 5, Stage 7's OLA): the 8-item checklist,
 * each item with evidence, what PP verifies itself, and the review OLA (24 h from the submit,
 * a reminder at 80 %, the breach).
 *
 * Decided here where the spec is silent:
 * - An item is satisfied when the creation team ticked it with evidence (a link or a note of 10+
 *   characters) AND, for an item PP can verify, PP's own fact does not contradict it. A verifiable
 *   item whose fact PP does not have (no health check yet, no SLA/OLA plugin) falls back to the
 *   evidence; a contradicting fact (the last health check failed) fails the item whatever the
 *   evidence says.
 * - Submitting needs every item ticked with evidence; accepting needs every item satisfied, checked
 *   again at accept time ("checklist 100% complete before production").
 * - The health check counts when its last result is healthy and at most 10 minutes old (checks run
 *   every 30 s; older means the checker is not looking at it).
 * - Every submit (a resubmission after a rejection too) starts a new 24 h OLA.
 */

export const HANDOFF_ITEMS = [
  {
    key: 'image_pushed',
    title: 'Docker image built and pushed',
    verifiable: true,
    verified_by: 'CI stage 5 (push to registry) passed',
  },
  {
    key: 'runbook',
    title: 'Runbook documented',
    verifiable: false,
  },
  {
    key: 'health_check',
    title: 'Health check endpoint working',
    verifiable: true,
    verified_by: "the health plugin's last check of the agent",
  },
  {
    key: 'monitoring_dashboard',
    title: 'Monitoring dashboard created',
    verifiable: false,
  },
  {
    key: 'alert_thresholds',
    title: 'Alert thresholds configured',
    verifiable: true,
    verified_by:
      'the health plugin monitors the agent and its service alert rules are enabled',
  },
  {
    key: 'on_call',
    title: 'On-call engineer assigned',
    verifiable: true,
    verified_by: "the catalog owner group's on-call annotation",
  },
  {
    key: 'sla_defined',
    title: 'SLA defined and agreed',
    verifiable: true,
    verified_by: 'an SLA definition in the SLA/OLA plugin, when installed',
  },
  {
    key: 'load_testing',
    title: 'Load testing completed',
    verifiable: false,
  },
] as const;

export type HandoffItemKey = (typeof HANDOFF_ITEMS)[number]['key'];

/** What the creation team submits for an item. */
export interface SubmittedItem {
  key: HandoffItemKey;
  done: boolean;
  /** a link (runbook, dashboard, load-test report) or a note */
  evidence?: string;
}

/**
 * What PP found out itself. A fact left out is unknown (PP could not tell); `false` contradicts
 * the item.
 */
export interface HandoffFacts {
  /** CI stage 5 passed for the pipeline the handoff is about */
  image_pushed?: boolean;
  /** the health plugin's last check of the agent */
  health_check?: { healthy: boolean; checked_at: Date };
  alert_thresholds?: boolean;
  on_call?: boolean;
  sla_defined?: boolean;
  /**
   * What PP found out for an item, in a sentence: why it verified it, why the fact contradicts
   * the item (replaces the generic problem), or why PP could not tell.
   */
  notes?: Partial<Record<HandoffItemKey, string>>;
}

export type Verification = 'verified' | 'contradicted' | 'unknown' | 'manual';

export interface EvaluatedItem {
  key: HandoffItemKey;
  title: string;
  done: boolean;
  evidence: string | null;
  verification: Verification;
  satisfied: boolean;
  /** why the item is not satisfied, in a sentence */
  problem?: string;
  /** what PP found out itself, or why it could not tell, in a sentence */
  note?: string;
}

export interface ChecklistEvaluation {
  items: EvaluatedItem[];
  /** every item ticked with evidence: the checklist may be submitted */
  submittable: boolean;
  /** every item satisfied: the handoff may be accepted */
  complete: boolean;
  satisfied_count: number;
  problems: string[];
}

export const HEALTH_CHECK_MAX_AGE_MS = 10 * 60_000;
const MIN_EVIDENCE = 10;

/** The yes/no facts PP checks, and what a `false` means. */
const FACT_PROBLEMS = {
  image_pushed: 'CI has not passed stage 5 (push to registry)',
  alert_thresholds: 'the health plugin has no alert thresholds for the agent',
  on_call: 'the owner group in the catalog has no on-call annotation',
  sla_defined: 'the SLA/OLA plugin has no SLA definition for the agent',
} as const satisfies Partial<Record<HandoffItemKey, string>>;

function verify(
  key: HandoffItemKey,
  facts: HandoffFacts,
  now: Date,
): { verification: Verification; problem?: string } {
  if (key === 'health_check') {
    const h = facts.health_check;
    if (!h) return { verification: 'unknown' };
    const age = now.getTime() - h.checked_at.getTime();
    if (!h.healthy) {
      return {
        verification: 'contradicted',
        problem: `the last health check (${h.checked_at.toISOString()}) failed`,
      };
    }
    if (age > HEALTH_CHECK_MAX_AGE_MS) {
      return {
        verification: 'contradicted',
        problem: `the last health check is from ${h.checked_at.toISOString()}, more than 10 minutes ago`,
      };
    }
    return { verification: 'verified' };
  }
  if (!(key in FACT_PROBLEMS)) return { verification: 'manual' };
  const fact = facts[key as keyof typeof FACT_PROBLEMS];
  if (fact === undefined) return { verification: 'unknown' };
  if (fact) return { verification: 'verified' };
  return {
    verification: 'contradicted',
    problem:
      facts.notes?.[key]?.replace(/[.\s]+$/, '') ??
      FACT_PROBLEMS[key as keyof typeof FACT_PROBLEMS],
  };
}

/** Evaluates the submitted checklist against PP's own facts at `now`. */
export function evaluateChecklist(
  submitted: readonly SubmittedItem[],
  facts: HandoffFacts,
  now: Date,
): ChecklistEvaluation {
  const items = HANDOFF_ITEMS.map((def): EvaluatedItem => {
    const s = submitted.find(x => x.key === def.key);
    const evidence = s?.evidence?.trim() || null;
    const { verification, problem: factProblem } = verify(def.key, facts, now);
    let problem: string | undefined;
    if (!s?.done) problem = 'not ticked';
    else if (!evidence || evidence.length < MIN_EVIDENCE) {
      problem = 'no evidence (a link or a note of at least 10 characters)';
    } else if (factProblem) problem = factProblem;
    const note = facts.notes?.[def.key];
    return {
      key: def.key,
      title: def.title,
      done: !!s?.done,
      evidence,
      verification,
      satisfied: !problem,
      ...(problem ? { problem } : {}),
      ...(note ? { note } : {}),
    };
  });
  const problems = items.flatMap(i =>
    i.problem ? [`${i.title}: ${i.problem}.`] : [],
  );
  return {
    items,
    submittable: items.every(
      i => i.done && !!i.evidence && i.evidence.length >= MIN_EVIDENCE,
    ),
    complete: items.every(i => i.satisfied),
    satisfied_count: items.filter(i => i.satisfied).length,
    problems,
  };
}

// --- OLA ----------------------------------------------------------------------------------

export const HANDOFF_OLA_MS = 24 * 3_600_000;
export const HANDOFF_REMINDER_FRACTION = 0.8;

export interface HandoffOla {
  submitted_at: Date;
  deadline: Date;
  reminder_at: Date;
}

/** The review OLA of a handoff submitted at `submittedAt`: 24 h, reminder at 80 % (19.2 h). */
export function handoffOla(submittedAt: Date): HandoffOla {
  const t = submittedAt.getTime();
  return {
    submitted_at: submittedAt,
    deadline: new Date(t + HANDOFF_OLA_MS),
    reminder_at: new Date(
      t + Math.round(HANDOFF_OLA_MS * HANDOFF_REMINDER_FRACTION),
    ),
  };
}

export type OlaState =
  | 'on_track'
  | 'reminder_due'
  | 'breached'
  | 'met'
  | 'met_late';

/**
 * Where the OLA stands at `now`: decided (accepted or rejected) by the deadline is `met`, after
 * it `met_late`; undecided, `on_track` before the reminder time, `reminder_due` from it, and
 * `breached` past the deadline. The deadline instant itself is still in time.
 */
export function olaState(
  ola: HandoffOla,
  decidedAt: Date | null,
  now: Date,
): OlaState {
  if (decidedAt) {
    return decidedAt.getTime() <= ola.deadline.getTime() ? 'met' : 'met_late';
  }
  if (now.getTime() > ola.deadline.getTime()) return 'breached';
  if (now.getTime() >= ola.reminder_at.getTime()) return 'reminder_due';
  return 'on_track';
}

export type OlaEventKind = 'reminder' | 'breach';

export interface OlaEvent {
  kind: OlaEventKind;
  /** when it was due */
  at: Date;
  deadline: Date;
}

/**
 * The OLA events due at `now` that have not been recorded (`recorded`): the reminder from 80 %,
 * the breach past the deadline, each once per deadline, none once the handoff is decided. A job
 * that missed the reminder and wakes after the deadline records both, reminder first.
 */
export function dueOlaEvents(
  ola: HandoffOla,
  decidedAt: Date | null,
  recorded: ReadonlyArray<{ kind: OlaEventKind; deadline: Date }>,
  now: Date,
): OlaEvent[] {
  if (decidedAt) return [];
  const has = (kind: OlaEventKind) =>
    recorded.some(
      r => r.kind === kind && r.deadline.getTime() === ola.deadline.getTime(),
    );
  const out: OlaEvent[] = [];
  if (now.getTime() >= ola.reminder_at.getTime() && !has('reminder')) {
    out.push({ kind: 'reminder', at: ola.reminder_at, deadline: ola.deadline });
  }
  if (now.getTime() > ola.deadline.getTime() && !has('breach')) {
    out.push({ kind: 'breach', at: ola.deadline, deadline: ola.deadline });
  }
  return out;
}

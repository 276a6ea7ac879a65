import {
  PP_TICKET_SLA_WARNING_RATIO,
  PpTicketEscalationPath,
  PpTicketPriority,
  PpTicketSla,
  PpTicketSlaPolicy,
  PpTicketSlaState,
  PpTicketStatus,
  PpTicketType,
} from '@internal/plugin-pp-common';

/** Queue position of tickets that are done (resolved/closed): after every open one. */
export const DONE_DUE = new Date('9999-12-31T00:00:00.000Z');

/** The SLA-relevant part of a ticket, with real dates. */
export interface SlaFields {
  type: PpTicketType;
  priority: PpTicketPriority;
  status: PpTicketStatus;
  sla_response_minutes: number;
  sla_resolution_minutes: number;
  sla_escalation_path: PpTicketEscalationPath;
  created_at: Date;
  response_due_at: Date;
  resolution_due_at: Date;
  first_response_at: Date | null;
  paused_seconds: number;
  paused_since: Date | null;
  response_warned_at: Date | null;
  response_breached_at: Date | null;
  resolution_warned_at: Date | null;
  resolution_breached_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
}

const MINUTE = 60_000;
/** Float slack so the job's check and the scheduled check time agree at the boundary. */
const EPSILON = 1e-9;

export function isDone(status: PpTicketStatus) {
  return status === 'resolved' || status === 'closed';
}

/**
 * Where a breached ticket goes: incidents of critical/high priority always to the infrastructure
 * engineers, everything else along its priority's configured path.
 */
export function escalationPathFor(
  type: PpTicketType,
  priority: PpTicketPriority,
  policy: PpTicketSlaPolicy,
): PpTicketEscalationPath {
  if (type === 'incident' && (priority === 'critical' || priority === 'high')) {
    return 'infrastructure_engineer';
  }
  return policy.escalation_path;
}

/** The targets of a policy: minutes, escalation path and due times from creation (and time held). */
function plannedTargets(
  t: SlaFields,
  policy: PpTicketSlaPolicy,
): Partial<SlaFields> {
  const base = t.created_at.getTime() + t.paused_seconds * 1000;
  return {
    sla_response_minutes: policy.response_minutes,
    sla_resolution_minutes: policy.resolution_minutes,
    sla_escalation_path: escalationPathFor(t.type, t.priority, policy),
    response_due_at: new Date(base + policy.response_minutes * MINUTE),
    resolution_due_at: new Date(base + policy.resolution_minutes * MINUTE),
  };
}

/** The SLA of a new ticket: its policy's targets, nothing warned or breached yet. */
export function planSla(
  t: SlaFields,
  policy: PpTicketSlaPolicy,
): Partial<SlaFields> {
  return {
    ...plannedTargets(t, policy),
    response_warned_at: null,
    response_breached_at: null,
    resolution_warned_at: null,
    resolution_breached_at: null,
  };
}

/**
 * Re-planning after a change of type or priority: the new policy's targets and due times. The
 * warning and breach history stays as it is: a target that was warned or breached stays so (a
 * breach is something that happened; a downgrade does not undo it), and the SLA job never tells
 * anyone again about a target it already told them about. A target not yet warned is measured
 * against its new due time from now on (an upgrade may make it due at once).
 */
export function replanSla(
  t: SlaFields,
  policy: PpTicketSlaPolicy,
): Partial<SlaFields> {
  return plannedTargets(t, policy);
}

/** Entering on_hold stops the clock; leaving it moves the pending due times by the time held. */
export function applyStatusClock(
  t: SlaFields,
  from: PpTicketStatus,
  to: PpTicketStatus,
  now: Date,
): Partial<SlaFields> {
  if (to === 'on_hold' && from !== 'on_hold') return { paused_since: now };
  if (from === 'on_hold' && to !== 'on_hold' && t.paused_since) {
    const held = Math.max(0, now.getTime() - t.paused_since.getTime());
    const seconds = Math.round(held / 1000);
    return {
      paused_since: null,
      paused_seconds: t.paused_seconds + seconds,
      response_due_at: t.first_response_at
        ? t.response_due_at
        : new Date(t.response_due_at.getTime() + seconds * 1000),
      resolution_due_at: new Date(
        t.resolution_due_at.getTime() + seconds * 1000,
      ),
    };
  }
  return {};
}

interface Target {
  name: 'response' | 'resolution';
  due: Date;
  minutes: number;
  warned: Date | null;
  breached: Date | null;
}

/** The targets still running: the response target until the first response, and resolution. */
function pendingTargets(t: SlaFields): Target[] {
  if (isDone(t.status)) return [];
  const out: Target[] = [];
  if (!t.first_response_at) {
    out.push({
      name: 'response',
      due: t.response_due_at,
      minutes: t.sla_response_minutes,
      warned: t.response_warned_at,
      breached: t.response_breached_at,
    });
  }
  out.push({
    name: 'resolution',
    due: t.resolution_due_at,
    minutes: t.sla_resolution_minutes,
    warned: t.resolution_warned_at,
    breached: t.resolution_breached_at,
  });
  return out;
}

/** The queue's sort key and the next time the SLA job has to look at the ticket. */
export function slaSchedule(t: SlaFields): {
  queue_due_at: Date;
  next_sla_check_at: Date | null;
} {
  if (isDone(t.status))
    return { queue_due_at: DONE_DUE, next_sla_check_at: null };
  const queue_due_at = t.first_response_at
    ? t.resolution_due_at
    : t.response_due_at;
  if (t.status === 'on_hold') return { queue_due_at, next_sla_check_at: null };
  let next: number | null = null;
  for (const target of pendingTargets(t)) {
    let at: number | null = null;
    if (!target.warned) {
      at =
        target.due.getTime() -
        (1 - PP_TICKET_SLA_WARNING_RATIO) * target.minutes * MINUTE;
    } else if (!target.breached) {
      at = target.due.getTime();
    }
    if (at !== null && (next === null || at < next)) next = at;
  }
  return {
    queue_due_at,
    next_sla_check_at: next === null ? null : new Date(next),
  };
}

export interface SlaEvent {
  target: 'response' | 'resolution';
  kind: 'breach_imminent' | 'breached';
}

/** What the SLA job must flag now: ≥ 80 % of a target's time used, or all of it. */
export function dueSlaEvents(
  t: SlaFields,
  now: Date,
): { events: SlaEvent[]; changes: Partial<SlaFields> } {
  const events: SlaEvent[] = [];
  const changes: Partial<SlaFields> = {};
  if (t.status === 'on_hold') return { events, changes };
  for (const target of pendingTargets(t)) {
    const start = target.due.getTime() - target.minutes * MINUTE;
    const used = (now.getTime() - start) / (target.minutes * MINUTE);
    if (!target.breached && used >= 1 - EPSILON) {
      events.push({ target: target.name, kind: 'breached' });
      changes[`${target.name}_breached_at`] = now;
      if (!target.warned) changes[`${target.name}_warned_at`] = now;
    } else if (
      !target.warned &&
      used >= PP_TICKET_SLA_WARNING_RATIO - EPSILON
    ) {
      events.push({ target: target.name, kind: 'breach_imminent' });
      changes[`${target.name}_warned_at`] = now;
    }
  }
  return { events, changes };
}

function stateOf(
  done: Date | null,
  due: Date,
  status: PpTicketStatus,
  warned: Date | null,
  breached: Date | null,
): PpTicketSlaState {
  if (done) return done.getTime() <= due.getTime() ? 'met' : 'missed';
  if (status === 'on_hold') return 'paused';
  if (breached) return 'breached';
  if (warned) return 'breach_imminent';
  return 'ok';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The API view. It depends only on stored fields (flags are set by the SLA job), so a ticket's
 * JSON, and therefore its ETag, changes only when the ticket does.
 */
export function slaView(t: SlaFields): PpTicketSla {
  const finished = t.resolved_at ?? t.closed_at;
  const responded = t.first_response_at ?? (isDone(t.status) ? finished : null);
  const latest = (a: Date | null, b: Date | null) => {
    if (a && b) return a > b ? a : b;
    return a ?? b;
  };
  return {
    policy: {
      response_minutes: t.sla_response_minutes,
      resolution_minutes: t.sla_resolution_minutes,
      escalation_path: t.sla_escalation_path,
    },
    response_due_at: t.response_due_at.toISOString(),
    resolution_due_at: t.resolution_due_at.toISOString(),
    first_response_at: iso(t.first_response_at),
    due_at: isDone(t.status)
      ? null
      : (t.first_response_at
          ? t.resolution_due_at
          : t.response_due_at
        ).toISOString(),
    response_state: stateOf(
      responded,
      t.response_due_at,
      t.status,
      t.response_warned_at,
      t.response_breached_at,
    ),
    resolution_state: stateOf(
      isDone(t.status) ? finished : null,
      t.resolution_due_at,
      t.status,
      t.resolution_warned_at,
      t.resolution_breached_at,
    ),
    paused_seconds: t.paused_seconds,
    paused_since: iso(t.paused_since),
    breach_imminent_at: iso(
      latest(t.response_warned_at, t.resolution_warned_at),
    ),
    breached_at: iso(latest(t.response_breached_at, t.resolution_breached_at)),
  };
}

import { PpTicketListItem } from '@internal/plugin-pp-common';
import { slaColour } from './slaColour';

/** How an SLA countdown is coloured. */
export type SlaTone = 'ok' | 'warning' | 'breached' | 'paused' | 'done';

/** What one row's SLA countdown shows at a given moment. */
export interface SlaCountdown {
  tone: SlaTone;
  /** Milliseconds until the deadline that matters now (negative once breached); null when none runs. */
  remainingMs: number | null;
  /** Share of the target still left, 0..1 (0 once breached); null when no clock runs. */
  fractionLeft: number | null;
  /** Which target the countdown is for. */
  phase: 'response' | 'resolution' | null;
  label: string;
}

/** `1d 4h`, `2h 05m`, `4m 09s`: the largest two units of a duration. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  return `${minutes}m ${pad(seconds)}s`;
}

/**
 * The SLA countdown of a ticket at `nowMs`, computed from the due times the server sent (no extra
 * requests): green while more than half the target is left, amber below half, red once breached;
 * `paused` while on hold; `done` once resolved or closed (met or missed).
 */
export function slaCountdown(
  ticket: Pick<PpTicketListItem, 'status' | 'sla'>,
  nowMs: number,
): SlaCountdown {
  const { sla, status } = ticket;
  if (status === 'resolved' || status === 'closed' || !sla.due_at) {
    const missed =
      sla.resolution_state === 'missed' || sla.response_state === 'missed';
    return {
      tone: 'done',
      remainingMs: null,
      fractionLeft: null,
      phase: null,
      label: missed ? 'SLA missed' : 'SLA met',
    };
  }
  const phase = sla.first_response_at ? 'resolution' : 'response';
  const targetMs =
    (phase === 'response'
      ? sla.policy.response_minutes
      : sla.policy.resolution_minutes) * 60_000;
  const dueMs = Date.parse(sla.due_at);
  if (status === 'on_hold' || sla.paused_since) {
    // The clock stands still while on hold: show what was left when it stopped.
    const since = sla.paused_since ? Date.parse(sla.paused_since) : nowMs;
    const left = dueMs - since;
    return {
      tone: 'paused',
      remainingMs: left,
      fractionLeft: targetMs > 0 ? clamp01(left / targetMs) : null,
      phase,
      label: `Paused (${
        left > 0 ? `${formatDuration(left)} left` : 'breached'
      })`,
    };
  }
  const remainingMs = dueMs - nowMs;
  const fractionLeft = targetMs > 0 ? clamp01(remainingMs / targetMs) : 0;
  // One colour rule for the whole plugin (slaColour); the target started `targetMs` before due.
  const colour = slaColour(dueMs, dueMs - targetMs, nowMs, false);
  if (colour === 'red') {
    return {
      tone: 'breached',
      remainingMs,
      fractionLeft: 0,
      phase,
      label: `Breached ${formatDuration(remainingMs)} ago`,
    };
  }
  return {
    tone: colour === 'green' ? 'ok' : 'warning',
    remainingMs,
    fractionLeft,
    phase,
    label: `${formatDuration(remainingMs)} left`,
  };
}

function clamp01(value: number): number {
  return Math.max(0, Math.min(1, value));
}

/**
 * One of the ticket's two SLA clocks at `nowMs` (the ticket page shows both): the response clock
 * stops at the first response, the resolution clock when the ticket is resolved or closed; a
 * stopped clock says whether its target was met. Both stand still while the ticket is on hold.
 * Labels never repeat "SLA" (the page names the clock).
 */
export function slaClock(
  ticket: Pick<PpTicketListItem, 'status' | 'sla'>,
  phase: 'response' | 'resolution',
  nowMs: number,
): SlaCountdown {
  const { sla, status } = ticket;
  const dueAt =
    phase === 'response' ? sla.response_due_at : sla.resolution_due_at;
  const dueMs = Date.parse(dueAt);
  const state =
    phase === 'response' ? sla.response_state : sla.resolution_state;
  const done = status === 'resolved' || status === 'closed';
  const firstResponse = sla.first_response_at
    ? Date.parse(sla.first_response_at)
    : null;
  if (done || (phase === 'response' && firstResponse !== null)) {
    const missed =
      state === 'missed' ||
      state === 'breached' ||
      (phase === 'response' && firstResponse !== null && firstResponse > dueMs);
    return {
      tone: 'done',
      remainingMs: null,
      fractionLeft: null,
      phase,
      label: missed ? 'Missed' : 'Met',
    };
  }
  const targetMs =
    (phase === 'response'
      ? sla.policy.response_minutes
      : sla.policy.resolution_minutes) * 60_000;
  if (status === 'on_hold' || sla.paused_since) {
    const since = sla.paused_since ? Date.parse(sla.paused_since) : nowMs;
    const left = dueMs - since;
    return {
      tone: 'paused',
      remainingMs: left,
      fractionLeft: targetMs > 0 ? clamp01(left / targetMs) : null,
      phase,
      label: `Paused (${
        left > 0 ? `${formatDuration(left)} left` : 'breached'
      })`,
    };
  }
  const remainingMs = dueMs - nowMs;
  const colour = slaColour(dueMs, dueMs - targetMs, nowMs, false);
  if (colour === 'red') {
    return {
      tone: 'breached',
      remainingMs,
      fractionLeft: 0,
      phase,
      label: `Breached ${formatDuration(remainingMs)} ago`,
    };
  }
  return {
    tone: colour === 'green' ? 'ok' : 'warning',
    remainingMs,
    fractionLeft: targetMs > 0 ? clamp01(remainingMs / targetMs) : 0,
    phase,
    label: `${formatDuration(remainingMs)} left`,
  };
}

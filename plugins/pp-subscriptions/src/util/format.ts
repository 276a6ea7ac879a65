import {
  PpRefundOption,
  PpSubscriptionBand,
  PpSubscriptionIncidentTrigger,
  PpSubscriptionStatus,
} from '@internal/plugin-pp-common';

export const STATUS_LABELS: Record<PpSubscriptionStatus, string> = {
  active: 'Active',
  trial: 'Trial',
  paused: 'Paused',
  churned: 'Churned',
  canceled: 'Canceled',
};

export const BAND_LABELS: Record<PpSubscriptionBand | 'unscored', string> = {
  green: 'Healthy',
  amber: 'At risk',
  red: 'Critical',
  unscored: 'Not scored yet',
};

/** What each band means, for tooltips and the filter chips. */
export const BAND_RANGES: Record<PpSubscriptionBand | 'unscored', string> = {
  green: 'score 80 or more',
  amber: 'score 60 to 79',
  red: 'score below 60',
  unscored: 'no score yet',
};

export const REFUND_LABELS: Record<PpRefundOption, string> = {
  none: 'No refund',
  prorated: 'Prorated refund',
  full: 'Full refund',
};

export const REFUND_HELP: Record<PpRefundOption, string> = {
  none: 'The customer keeps nothing back; the subscription ends now.',
  prorated: 'The customer gets back the unused part of the current period.',
  full: 'The customer gets back everything paid for the current period.',
};

export const RUN_STATUS_LABELS: Record<string, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  running: 'Running',
  canceled: 'Canceled',
};

export const TRIGGER_LABELS: Record<PpSubscriptionIncidentTrigger, string> = {
  low_score: 'Low health score',
  consecutive_failures: 'Failures in a row',
  customer_complaint: 'Customer complaint',
};

/** `pro` → `Pro`, `in_progress` → `In progress`; `—` for none. */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—';
  const text = value.replace(/[_-]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A date-time in the reader's locale; `—` for none (shared by the PP plugins). */
export { formatDateTime } from '@internal/plugin-pp-react';

/** A UTC day (YYYY-MM-DD) as the reader writes dates: `2 Dec 2026`. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A short day for chart axes: `2 Dec`. */
export function formatShortDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** 0.934 → `93.4%`. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** A score with one decimal where it has one: `72.5`, `80`. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return '—';
  return score.toFixed(1).replace(/\.0$/, '');
}

/** Thousands grouped with a thin space, as the brief's "12 340 of 50 000 runs". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** Seconds between two times, as `42 s` or `3 min 5 s`; `—` when unknown. */
export function formatDuration(
  from: string | null | undefined,
  to: string | null | undefined,
): string {
  if (!from || !to) return '—';
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}

/** An amount of money in rupees: `₹1,234.50`. */
export function formatRupees(amount: number): string {
  return `₹${amount.toLocaleString('en-IN', {
    minimumFractionDigits: amount % 1 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  })}`;
}

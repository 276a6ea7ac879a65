import {
  PP_WEEKDAYS,
  PpCustomerReadinessSettings,
  PpReadinessValue,
} from '@internal/plugin-pp-common';
import { formatDateTime } from '@internal/plugin-pp-react';

const number = (n: number) => n.toLocaleString('en-US');

/** "100 API calls per minute", "2 GB of RAM". */
export function valueSentence(p: Pick<PpReadinessValue, 'value' | 'unit'>) {
  return `${number(p.value)} ${p.unit}`;
}

/** Where a value comes from, in a sentence. */
export function sourceSentence(
  p: Pick<PpReadinessValue, 'source' | 'override' | 'default' | 'unit'>,
) {
  if (p.source !== 'override' || !p.override) {
    return 'Platform default.';
  }
  const o = p.override;
  return `Overridden by ${
    o.by_name ?? 'someone no longer in the portal'
  } on ${formatDateTime(o.at)} (the default is ${number(p.default)}). Why: ${
    o.reason
  }`;
}

const DAY_NAMES: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** "Monday to Friday", "Monday, Wednesday and Friday", "every day". */
export function daysSentence(days: readonly string[]) {
  const sorted = PP_WEEKDAYS.filter(d => days.includes(d));
  if (sorted.length === 7) return 'every day';
  const idx = sorted.map(d => PP_WEEKDAYS.indexOf(d));
  const consecutive = idx.every((v, i) => i === 0 || v === idx[i - 1] + 1);
  if (consecutive && sorted.length > 2) {
    return `${DAY_NAMES[sorted[0]]} to ${DAY_NAMES[sorted[sorted.length - 1]]}`;
  }
  const names = sorted.map(d => DAY_NAMES[d]);
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
    : names[0] ?? 'no day';
}

const money = (m: { amount: number; currency: string }) =>
  `${m.currency} ${number(m.amount)}`;

/** A customer's five settings, each in a sentence. */
export function customerSentences(s: PpCustomerReadinessSettings) {
  return [
    s.working_hours
      ? `Works ${daysSentence(s.working_hours.days)}, ${
          s.working_hours.start
        }–${s.working_hours.end} (${s.working_hours.timezone}).`
      : 'Works at any time: no working hours set.',
    s.approval_threshold
      ? `Actions above ${money(
          s.approval_threshold,
        )} wait for the customer’s approval.`
      : 'No approval threshold: no action waits for approval.',
    s.data_freshness_hours !== null
      ? `Acts only on data at most ${number(s.data_freshness_hours)} hours old.`
      : 'No data freshness limit set.',
    s.error_tolerance_percent !== null
      ? `Tolerates up to ${number(s.error_tolerance_percent)} % failed runs.`
      : 'No error tolerance set.',
    s.budget_limit
      ? `Spends at most ${money(s.budget_limit)} a ${s.budget_limit.period}.`
      : 'No budget limit set.',
  ];
}

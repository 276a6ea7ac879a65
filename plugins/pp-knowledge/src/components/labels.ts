import {
  PP_KNOWLEDGE_INDUSTRIES,
  PpKnowledgeFrequency,
  PpKnowledgeIndustry,
  PpKnowledgeRun,
  PpKnowledgeSource,
  PpKnowledgeSourceStatus,
  PpRetuning,
  PpRetuningStrategy,
} from '@internal/plugin-pp-common';

/** The industries in words. */
export const INDUSTRY_LABELS: Record<PpKnowledgeIndustry, string> = {
  marketing: 'Marketing',
  education: 'Education',
  sales: 'Sales',
};

export const INDUSTRY_OPTIONS = PP_KNOWLEDGE_INDUSTRIES.map(i => ({
  value: i,
  label: INDUSTRY_LABELS[i],
}));

export const SOURCE_STATUS_LABELS: Record<PpKnowledgeSourceStatus, string> = {
  active: 'Active',
  failing: 'Failing',
  paused: 'Paused',
};

export const RUN_STATUS_LABELS: Record<PpKnowledgeRun['status'], string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

export const RUN_TRIGGER_LABELS: Record<PpKnowledgeRun['trigger'], string> = {
  schedule: 'Scheduled',
  manual: 'Run now',
  webhook: 'Webhook',
  upload: 'Upload',
};

export const AUTH_TYPE_LABELS = {
  none: 'No authentication',
  bearer: 'Bearer token',
  basic: 'User and password',
  api_key_header: 'API key in a header',
} as const;

export const FREQUENCY_LABELS: Record<PpKnowledgeFrequency, string> = {
  hourly: 'Every hour',
  daily: 'Every day',
  weekly: 'Every week',
};

export const STRATEGY_LABELS: Record<PpRetuningStrategy, string> = {
  blue_green: 'Blue-green (switch all traffic after checks)',
  canary: 'Canary (a share of traffic first)',
};

export const STRATEGY_SHORT: Record<PpRetuningStrategy, string> = {
  blue_green: 'Blue-green',
  canary: 'Canary',
};

export const GENESIS_VERDICT_LABELS: Record<
  PpRetuning['genesis']['verdict'],
  string
> = {
  pending: 'Genesis is still checking',
  approved: 'Approved by Genesis',
  rejected: 'Rejected by Genesis',
};

export const POST_CHECK_LABELS: Record<
  PpRetuning['post_checks'][number]['after'],
  string
> = {
  '1h': 'After 1 hour',
  '24h': 'After 24 hours',
  '7d': 'After 7 days',
};

export const OUTCOME_LABELS = {
  pending: 'Not checked yet',
  pass: 'Passed',
  fail: 'Failed',
  inconclusive: 'Inconclusive',
} as const;

const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** "Every day at 02:00 (Asia/Kolkata)"; "On upload" / "When the sender posts" for push sources. */
export function scheduleSentence(
  s: Pick<
    PpKnowledgeSource,
    'type' | 'frequency' | 'time' | 'time_zone' | 'weekday'
  >,
): string {
  if (s.type === 'upload') return 'When a file is uploaded';
  if (s.type === 'webhook') return 'When the sender posts';
  if (s.frequency === 'hourly') {
    return `Every hour at ${s.time.slice(3)} minutes past`;
  }
  if (s.frequency === 'weekly') {
    return `Every ${WEEKDAYS[s.weekday ?? 1]} at ${s.time} (${s.time_zone})`;
  }
  return `Every day at ${s.time} (${s.time_zone})`;
}

/** "in 3 h", "5 min ago", "in 2 days": how far a moment is from `now`. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  const future = ms >= 0;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  let text: string;
  if (minutes < 1) return future ? 'in less than a minute' : 'just now';
  if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 48 * 60) text = `${Math.round(minutes / 60)} h`;
  else text = `${Math.round(minutes / 1440)} days`;
  return future ? `in ${text}` : `${text} ago`;
}

/** A moment in a time zone, with the zone: "4 Dec 2026, 02:00 (Asia/Kolkata)". */
export function formatInZone(iso: string, timeZone: string): string {
  try {
    const text = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(new Date(iso));
    return `${text} (${timeZone})`;
  } catch {
    return new Date(iso).toLocaleString();
  }
}

/** "1.2 s", "340 ms", "2 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** A rollout phase or check metric key in words when no title came with it ("error_rate" → "Error rate"). */
export function humanise(key: string): string {
  const text = key.replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A gate's figure in its unit: rates and accuracy as percentages (0.05 → "5 %"), times in
 * milliseconds (p95_ms 840 → "840 ms"), other figures as they are; null → "—".
 */
export function formatGateValue(metric: string, value: number | null): string {
  if (value === null) return '—';
  if (metric.endsWith('_rate') || metric === 'accuracy') {
    return `${Number((value * 100).toFixed(1))} %`;
  }
  if (metric.endsWith('_ms')) return `${Math.round(value)} ms`;
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

/**
 * A gate's outcome in words with its reason, without the metric's title the reason may start
 * with (the row already names it): "Inconclusive: nothing measured on green yet".
 */
export function gateOutcome(g: {
  metric: string;
  title?: string | null;
  outcome: keyof typeof OUTCOME_LABELS;
  reason?: string | null;
}): string {
  const label = OUTCOME_LABELS[g.outcome];
  if (!g.reason) return label;
  const title = g.title || humanise(g.metric);
  const reason = g.reason.startsWith(`${title}: `)
    ? g.reason.slice(title.length + 2)
    : g.reason;
  return `${label}: ${reason}`;
}

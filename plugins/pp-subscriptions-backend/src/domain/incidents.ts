import type { PpSubscriptionIncidentTrigger } from '@internal/plugin-pp-common';

/**
 * When PP opens a helpdesk incident for a subscription (spec Stage 5, "Incident Auto-Creation
 * Triggers"), as pure rules over plain data. A trigger counts only what happened after the
 * previous incident of the same trigger for that subscription was opened, so a closed incident is
 * not reopened at once by the same streak: a new one needs a new streak.
 */

export interface IncidentRules {
  /** A score below this is "low" (spec: 60). */
  lowScoreBelow: number;
  /** How many consecutive daily scores must be low (spec: 3). */
  lowScoreDays: number;
  /** More than this many failed runs in a row (spec: 5). */
  maxConsecutiveFailures: number;
}

export const SPEC_INCIDENT_RULES: IncidentRules = {
  lowScoreBelow: 60,
  lowScoreDays: 3,
  maxConsecutiveFailures: 5,
};

const DAY_MS = 24 * 60 * 60 * 1000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/**
 * A low-score streak: the `lowScoreDays` latest daily scores are consecutive days, end on the
 * latest scored day, are all below the threshold and all later than the previous incident's day.
 * `scores` is newest first. Returns the streak (newest first) or undefined.
 */
export function lowScoreStreak(
  scores: Array<{ day: string; score: number }>,
  rules: IncidentRules,
  previousIncidentDay?: string,
): Array<{ day: string; score: number }> | undefined {
  const streak = scores.slice(0, rules.lowScoreDays);
  if (streak.length < rules.lowScoreDays) return undefined;
  for (const [i, s] of streak.entries()) {
    if (!(s.score < rules.lowScoreBelow)) return undefined;
    if (i > 0 && dayNumber(streak[i - 1].day) - dayNumber(s.day) !== 1) {
      return undefined;
    }
    if (previousIncidentDay && s.day <= previousIncidentDay) return undefined;
  }
  return streak;
}

/**
 * A failure streak: the latest finished runs (succeeded or failed; running and canceled runs
 * neither break nor extend it), newest first, hold more than `maxConsecutiveFailures` failures
 * in a row, all created after the previous incident. Returns the streak's length or undefined.
 */
export function failureStreak(
  runs: Array<{ status: string; created_at: string }>,
  rules: IncidentRules,
  previousIncidentAt?: string,
): number | undefined {
  const finished = runs.filter(
    r => r.status === 'succeeded' || r.status === 'failed',
  );
  let length = 0;
  for (const run of finished) {
    if (run.status !== 'failed') break;
    if (
      previousIncidentAt &&
      Date.parse(run.created_at) <= Date.parse(previousIncidentAt)
    ) {
      break;
    }
    length += 1;
  }
  return length > rules.maxConsecutiveFailures ? length : undefined;
}

export interface IncidentSubject {
  id: string;
  customer_name: string;
  agent_name: string | null;
  agent_id: string;
  plan: string | null;
}

/** The helpdesk ticket of an incident: what a person on the helpdesk reads. */
export function incidentTicket(options: {
  trigger: PpSubscriptionIncidentTrigger;
  subscription: IncidentSubject;
  detail: string;
  /** The portal's address (app.baseUrl), for the link back to the subscription. */
  portalUrl: string;
}) {
  const { trigger, subscription: s, detail, portalUrl } = options;
  const agent = s.agent_name ?? s.agent_id;
  const what: Record<PpSubscriptionIncidentTrigger, string> = {
    low_score: 'health score below 60 for 3 days',
    consecutive_failures: 'agent runs failing in a row',
    customer_complaint: 'customer complaint',
  };
  const label = `subscription:${s.id}`;
  return {
    type: 'incident' as const,
    priority: trigger === 'low_score' ? ('medium' as const) : ('high' as const),
    title: `${s.customer_name} — ${agent}: ${what[trigger]}`.slice(0, 200),
    description: [
      detail,
      '',
      `Subscription: ${s.customer_name}, ${agent}${
        s.plan ? ` (${s.plan} plan)` : ''
      }`,
      `Open it in the portal: ${portalUrl.replace(
        /\/+$/,
        '',
      )}/pp/subscriptions/${encodeURIComponent(s.id)}`,
      '',
      'Opened automatically by the Platform Portal’s subscription monitor.',
    ].join('\n'),
    // labels are at most 40 characters: the subscription's own label only when it fits
    labels: [
      'subscription-incident',
      trigger.replace(/_/g, '-'),
      ...(label.length <= 40 ? [label] : []),
    ],
  };
}

/** What a trigger's detail sentence says. */
export const incidentDetail = {
  lowScore: (streak: Array<{ day: string; score: number }>) =>
    `The subscription’s health score has been below 60 for ${
      streak.length
    } days in a row: ${[...streak]
      .reverse()
      .map(s => `${s.day} ${s.score.toFixed(1)}`)
      .join(', ')}.`,
  failures: (length: number) =>
    `The agent’s last ${length} runs for this subscription failed in a row.`,
  complaint: (subject: string, reference: string) =>
    `The customer complained through a Customer Portal support ticket (${reference}): ${subject}`,
};

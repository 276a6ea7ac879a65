import {
  PP_AGENT_CREATION_STATUS_TITLES,
  PP_AGENT_INDUSTRY_TITLES,
  PP_AGENT_SPECIALTIES,
  PP_GENESIS_RULE_TITLES,
  PP_HANDOFF_ITEM_TITLES,
  PpAgentCreationStatus,
  PpHandoff,
  PpHandoffItemKey,
} from '@internal/plugin-pp-common';

/** What people read for a status key. */
export function statusLabel(status: PpAgentCreationStatus): string {
  return PP_AGENT_CREATION_STATUS_TITLES[status] ?? humanize(status);
}

/** What people read for a Genesis rule key. */
export function ruleLabel(rule: string): string {
  return (
    PP_GENESIS_RULE_TITLES[rule as keyof typeof PP_GENESIS_RULE_TITLES] ??
    humanize(rule)
  );
}

export function industryLabel(industry: string): string {
  return (
    PP_AGENT_INDUSTRY_TITLES[
      industry as keyof typeof PP_AGENT_INDUSTRY_TITLES
    ] ?? humanize(industry)
  );
}

export function specialtyLabel(industry: string, specialty: string): string {
  return (
    PP_AGENT_SPECIALTIES.find(
      s => s.industry === industry && s.key === specialty,
    )?.title ?? humanize(specialty)
  );
}

/** What happened in a move, for the history timeline. */
const EVENT_LABELS: Record<string, string> = {
  request: 'Requested',
  start_genesis: 'Genesis started validating',
  approve_genesis: 'Genesis approved the request',
  reject_genesis: 'Genesis rejected the request',
  start_generation: 'Code generation started',
  fail_generation: 'Code generation failed',
  start_ci: 'CI/CD pipeline started',
  fail_ci: 'CI/CD pipeline failed',
  pass_ci: 'CI/CD pipeline passed',
  submit_handoff: 'Handoff submitted to the service team',
  accept_handoff: 'The service team accepted the handoff',
  reject_handoff: 'The service team rejected the handoff',
};

export function eventLabel(event: string): string {
  return EVENT_LABELS[event] ?? humanize(event);
}

const SYSTEMS: Record<string, string> = {
  genesis: 'Genesis',
  github: 'GitHub',
  scaffolder: 'The code generator',
  pp: 'The Platform Portal',
};

/**
 * A person by name: from `people` (the names the backend gives, by principal ref), else from a
 * readable ref (`user:default/olu.orchestrator` → "Olu Orchestrator"); a system by its name.
 * Never a raw ref or id: a PP user the backend could not name is "a former PP user".
 */
export function actorLabel(
  actor: { kind: string; id: string } | string,
  people: Record<string, string> = {},
) {
  if (typeof actor !== 'string' && actor.kind === 'system') {
    return SYSTEMS[actor.id] ?? humanize(actor.id);
  }
  const ref = typeof actor === 'string' ? actor : actor.id;
  if (people[ref]) return people[ref];
  if (/^user:pp\//i.test(ref)) return 'A former PP user';
  const name = ref.includes('/') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
  const plain = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  return plain
    .split(/[._@-]+/)
    .filter(Boolean)
    .slice(0, plain.includes('@') ? 2 : undefined)
    .map(w => w.charAt(0).toLocaleUpperCase('en-US') + w.slice(1))
    .join(' ');
}

/** `sales_forecasting` → "Sales forecasting". */
export function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1);
}

/** A duration in words: "45 s", "12 min", "3 h 5 min", "2 days". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const days = Math.round(h / 24);
  return `${days} days`;
}

/** The CI/CD stages in words (the backend's titles name the tools; these are for headings). */
const STAGE_LABELS: Record<string, string> = {
  lint: 'Lint',
  unit_tests: 'Unit tests',
  build_image: 'Build image',
  integration_tests: 'Integration tests',
  push: 'Push to registry',
};

export function stageLabel(key: string): string {
  return STAGE_LABELS[key] ?? humanize(key);
}

const STAGE_STATUS_LABELS: Record<string, string> = {
  pending: 'Not started',
  queued: 'Queued',
  running: 'Running',
  passed: 'Passed',
  failed: 'Failed',
  skipped: 'Skipped',
  halted: 'Halted (an earlier stage failed)',
};

export function stageStatusLabel(status: string): string {
  return STAGE_STATUS_LABELS[status] ?? humanize(status);
}

const PIPELINE_STATUS_LABELS: Record<string, string> = {
  pending: 'Waiting for the first run',
  running: 'Running',
  passed: 'Passed',
  failed: 'Failed',
};

export function pipelineStatusLabel(status: string): string {
  return PIPELINE_STATUS_LABELS[status] ?? humanize(status);
}

export function handoffItemLabel(key: PpHandoffItemKey | string): string {
  return PP_HANDOFF_ITEM_TITLES[key as PpHandoffItemKey] ?? humanize(key);
}

const VERIFICATION_LABELS: Record<string, string> = {
  verified: 'Verified by the portal',
  contradicted: 'Contradicted by what the portal sees',
  unknown: 'Unverifiable by the portal: the evidence decides',
  manual: 'Checked by the reviewer from the evidence',
};

export function verificationLabel(v: string): string {
  return VERIFICATION_LABELS[v] ?? humanize(v);
}

const OLA_LABELS: Record<PpHandoff['ola']['state'], string> = {
  on_track: 'On track',
  reminder_due: 'Due soon',
  breached: 'Overdue',
  met: 'Decided in time',
  met_late: 'Decided late',
};

export function olaStateLabel(state: string): string {
  return OLA_LABELS[state as PpHandoff['ola']['state']] ?? humanize(state);
}

/** "due in 3 h 5 min" or "overdue by 20 min", against `now`. */
export function dueLabel(deadline: string, now: Date = new Date()): string {
  const left = new Date(deadline).getTime() - now.getTime();
  return left >= 0
    ? `due in ${formatDuration(left)}`
    : `overdue by ${formatDuration(-left)}`;
}

/** Evidence the backend accepts: a link or a note of at least 10 characters. */
export function evidenceProblem(evidence: string): string | undefined {
  const v = evidence.trim();
  if (!v) return 'Give evidence: a link or a note.';
  if (v.length < 10) {
    return 'Give a link or a note of at least 10 characters.';
  }
  return undefined;
}

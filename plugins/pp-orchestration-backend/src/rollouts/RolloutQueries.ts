import { NotFoundError } from '@backstage/errors';
import type { PpUpgrade, PpUpgradeList } from '@internal/plugin-pp-common';
import {
  FINAL_ROLLOUT_PHASES,
  GateRule,
  intendedWeight,
} from '@internal/plugin-pp-node';
import type { RolloutRow, RolloutStore } from '../database/RolloutStore';
import type { PeopleNames } from '../service/peopleNames';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const TARGET_TITLES: Record<string, string> = {
  'argo-rollouts': 'Argo Rollouts',
  demo: 'Demo deployment target (no real traffic)',
};

function ruleText(g: GateRule): string {
  if (g.kind === 'max') {
    return g.metric.endsWith('_rate')
      ? `at most ${Math.round(g.limit * 10_000) / 100} %`
      : `at most ${g.limit}`;
  }
  if (g.kind === 'max_ratio_to_baseline') {
    return `at most ${g.factor}× the baseline`;
  }
  return `at most ${
    Math.round(g.fraction * 10_000) / 100
  } % below the baseline`;
}

/** What the upgrade waits for now, in words; null once it is final. */
function nextText(
  final: boolean,
  next: RolloutRow['next_action'],
  phase: RolloutRow['rollout']['phase'],
): string | null {
  if (final) return null;
  if (next?.type === 'wait') return next.reason;
  if (phase === 'pending') {
    return 'waiting for the rollout job to deploy the new version';
  }
  return null;
}

/** The API view of an upgrade. */
export function toApiUpgrade(row: RolloutRow): PpUpgrade {
  const r = row.rollout;
  const green = intendedWeight(r);
  const analysis = r.last_analysis ?? [];
  const final = FINAL_ROLLOUT_PHASES.includes(r.phase);
  const next = row.next_action;
  return {
    upgrade_id: row.id,
    agent_id: row.agent_id,
    agent_name: row.agent_name,
    from_version: r.change.from_version,
    to_version: r.change.to_version,
    reason: row.reason,
    status: r.phase,
    active: !final,
    target: {
      kind: row.target_kind,
      title: TARGET_TITLES[row.target_kind] ?? row.target_kind,
      demo: row.target_kind === 'demo',
    },
    traffic: { blue_percent: 100 - green, green_percent: green },
    canary_percent:
      r.plan.canary_weights[r.step_index] ?? r.plan.canary_weights[0],
    watch_seconds: Math.round(r.plan.watch_ms / 1000),
    watch_until: iso(r.watch_until),
    phase_since: r.phase_since.toISOString(),
    next: nextText(final, next, r.phase),
    baseline: { ...r.change.baseline },
    gates: r.plan.gates.map(g => {
      const a = analysis.find(x => x.metric === g.metric);
      const base = r.change.baseline[g.metric];
      let threshold: number | null = a?.threshold ?? null;
      if (!a) {
        if (g.kind === 'max') threshold = g.limit;
        else if (Number.isFinite(base)) {
          threshold =
            g.kind === 'max_ratio_to_baseline'
              ? base * g.factor
              : base * (1 - g.fraction);
        }
      }
      return {
        metric: g.metric,
        title: g.title,
        rule: ruleText(g),
        threshold,
        value: a?.value ?? null,
        outcome: a?.outcome ?? 'not_measured',
        reason: a?.reason ?? null,
      };
    }),
    rollback_reason: r.rollback_reason,
    started_by: row.started_by,
    started_at: row.started_at.toISOString(),
    completed_at: iso(r.completed_at) ?? (final ? iso(row.updated_at) : null),
    standby_until: iso(r.standby_until),
    updated_at: row.updated_at.toISOString(),
    steps: r.history.map(h => ({
      at: h.at.toISOString(),
      from: h.from,
      to: h.to,
      action: h.action,
      note: h.note ?? null,
      by: (h as { actor?: string }).actor ?? null,
    })),
  };
}

/** The upgrade reads, for the routes and the MCP action. */
export class RolloutQueries {
  constructor(
    private readonly store: RolloutStore,
    private readonly names?: PeopleNames,
  ) {}

  async named(upgrade: PpUpgrade): Promise<PpUpgrade> {
    if (!this.names) return upgrade;
    const refs = [
      upgrade.started_by,
      ...upgrade.steps.flatMap(s => (s.by ? [s.by] : [])),
    ];
    return { ...upgrade, people: await this.names(refs) };
  }

  async get(id: string): Promise<PpUpgrade> {
    const row = await this.store.get(id);
    if (!row) throw new NotFoundError(`No upgrade ${id}`);
    return this.named(toApiUpgrade(row));
  }

  async listByAgent(agentId: string): Promise<PpUpgradeList> {
    const rows = await this.store.listByAgent(agentId, 50);
    return {
      items: await Promise.all(rows.map(r => this.named(toApiUpgrade(r)))),
    };
  }
}

import type { PpSlaDay, PpSlaTrendDay } from '@internal/plugin-pp-common';
import {
  DAY,
  dayKey,
  dayValues,
  round4,
  utcDay,
  windowCompliance,
} from '../domain/compliance';
import type {
  DefinitionRow,
  StoredDay,
  SummaryRow,
} from '../database/SlaStore';

/** The compliance window: the last 30 complete UTC days and today so far. */
export const WINDOW_DAYS = 30;

/** The first and last day of the window at `now` (`YYYY-MM-DD`). */
export function complianceWindow(now: Date) {
  const today = utcDay(now);
  const from = new Date(today.getTime() - WINDOW_DAYS * DAY);
  return { today, from, fromKey: dayKey(from), toKey: dayKey(today) };
}

/** How the dashboard's status sort ranks a status (breach first). */
export const STATUS_RANK = { breach: 0, warning: 1, no_data: 2, compliant: 3 };

/** A stored day as the API reads it (the agent page's days, the dashboard's trend). */
export function toApiDay(r: StoredDay): PpSlaDay {
  const v = dayValues(r);
  return {
    day: dayKey(r.day),
    status: r.status,
    uptime_percent: v.uptime === null ? null : round4(v.uptime),
    maintenance_minutes: Math.round(r.maintenance_minutes * 100) / 100,
    down_minutes: Math.round(r.down_minutes * 100) / 100,
    p95_response_ms: r.p95_response_ms,
    error_rate_percent:
      r.error_rate_percent === null ? null : round4(r.error_rate_percent),
    definition_version: r.definition_version,
  };
}

/** The latest computed_at of an agent's stored days; null: never computed. */
export const lastComputed = (rows: StoredDay[]) =>
  rows.length
    ? new Date(
        Math.max(...rows.map(r => r.computed_at.getTime())),
      ).toISOString()
    : null;

/**
 * The dashboard row of an agent: its current definition judged over the stored days of the
 * window (`rows`, oldest first), exactly what `SlaService.compliance` shows for it. The open
 * breaches are counted by the store when it writes the row.
 */
export function complianceSummary(
  def: DefinitionRow,
  rows: StoredDay[],
  now: Date,
): Omit<SummaryRow, 'open_breaches'> {
  const w = windowCompliance(rows, def.targets);
  const computed = lastComputed(rows);
  return {
    agent_id: def.agent_id,
    type: def.type,
    definition_version: def.version,
    status: w.status,
    status_rank: STATUS_RANK[w.status],
    overall_compliance_percent: w.overall,
    uptime_percent: w.metrics.find(m => m.metric === 'uptime')?.value ?? null,
    window_to: complianceWindow(now).toKey,
    computed_at: computed ? new Date(computed) : null,
    trend: rows.map((r): PpSlaTrendDay => {
      const day = toApiDay(r);
      return {
        day: day.day,
        status: day.status,
        uptime_percent: day.uptime_percent,
        p95_response_ms: day.p95_response_ms,
        error_rate_percent: day.error_rate_percent,
      };
    }),
    updated_at: now,
  };
}

/**
 * The window's stored days after a unit of work that upserts `written`: those read before it,
 * each replaced by the written row of its day, oldest first.
 */
export function mergeDays(stored: StoredDay[], written: StoredDay[]) {
  const byDay = new Map(stored.map(r => [dayKey(r.day), r]));
  for (const r of written) byDay.set(dayKey(r.day), r);
  return [...byDay.values()].sort((a, b) => a.day.getTime() - b.day.getTime());
}

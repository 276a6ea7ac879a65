/**
 * Generated data of the SLA benchmark (bench/sla), one `generate_series` INSERT per table and
 * chunk, into the tables as the plugins' migrations leave them. Agent `n` (1..A) is
 * `bench-agent-NNN`, monitored as service `bench-svc-NNN`, catalog entity
 * `component:default/bench-agent-NNN`.
 */
import { SEED_SQL as HELPDESK_SEED_SQL } from '../helpdesk/seed';

export const agentId = (n: number) =>
  `bench-agent-${String(n).padStart(3, '0')}`;

/** `lpad` of agent `n` in SQL, as `agentId` writes it. */
const AGENT = (n: string) => `'bench-agent-' || lpad((${n})::text, 3, '0')`;
const SERVICE = (n: string) => `'bench-svc-' || lpad((${n})::text, 3, '0')`;

/**
 * 5-minute health rollups, rows `$1 .. $2` of A × days × 288: row g is service `1 + g % A`, the
 * `g / A`-th bucket back from `$4` (epoch seconds of the last bucket). 10 checks a bucket (one
 * every 30 s); about one bucket in 997 wholly down; responses 40..240 ms, one bucket in 53 slow
 * (1.2–2 s); error rates 0–0.4 %.
 */
export const ROLLUPS_SQL = `
insert into pp_health_rollups (service_id, bucket_start, checks, ok_checks, down_checks, resp_count,
  resp_sum, resp_max, error_rate_sum, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11)
select ${SERVICE(
  '1 + x.g % $3::int',
)}, to_timestamp($4::bigint - (x.g / $3::int) * 300),
  10, 10 - x.down, x.down, 10 - x.down, (10 - x.down) * x.resp, x.resp + 20, x.down + (x.g % 5) * 0.001,
  0, 0, case when x.resp <= 100 then 10 - x.down else 0 end,
  case when x.resp > 100 and x.resp <= 200 then 10 - x.down else 0 end,
  case when x.resp > 200 and x.resp <= 300 then 10 - x.down else 0 end, 0, 0, 0,
  case when x.resp > 1000 then 10 - x.down else 0 end, 0, 0, 0
from (
  select g, case when (g * 7919) % 997 = 0 then 10 else 0 end as down,
    case when (g * 31) % 53 = 0 then 1200 + (g % 800) else 40 + (g * 13) % 200 end as resp
  from generate_series($1::bigint, $2::bigint) g
) x`;

/**
 * Tickets: the helpdesk bench's generated tickets (types, priorities, statuses, SLA figures),
 * each about one of the A agents (`$2`) and created over the last 180 days.
 */
export function ticketsSql(): string {
  const entity =
    "case when s.g % 2 = 0 then 'component:default/payment-service' else null end";
  const created = "now() - (g % 20000) * interval '1 minute' as created";
  if (
    !HELPDESK_SEED_SQL.includes(entity) ||
    !HELPDESK_SEED_SQL.includes(created)
  ) {
    throw new Error('bench/helpdesk/seed.ts changed: update bench/sla/seed.ts');
  }
  return HELPDESK_SEED_SQL.replace(
    entity,
    `'component:default/' || ${AGENT('1 + s.g % $2::int')}`,
  ).replace(
    created,
    "now() - ((g * 7919) % 259200) * interval '1 minute' as created",
  );
}

/**
 * The daily rows the compliance job writes, for every agent (`$1` of them) and each of the
 * `$2` days before today (`$3`, `YYYY-MM-DD`): mostly compliant; a down stretch on one agent-day in
 * 23, a slow day in 17, a slow support answer in 29. Targets: the standard template (`$4`, JSON).
 */
export const DAILY_SQL = `
insert into pp_sla_daily (agent_id, day, definition_version, targets, status, total_minutes,
  maintenance_minutes, down_minutes, has_health, p95_response_ms, error_rate_percent, checks,
  error_rate_sum, support_response_hours, critical_resolution_hours, first_down_at, last_down_end,
  computed_at)
select ${AGENT('a')}, to_char(d.day, 'YYYY-MM-DD'), 1, $4,
  case when (a * 7 + d.k) % 23 = 0 or (a * 5 + d.k) % 17 = 0 or (a * 3 + d.k) % 29 = 0 then 'breach'
       else 'compliant' end,
  1440, 0, case when (a * 7 + d.k) % 23 = 0 then 50 else 0 end, true,
  case when (a * 5 + d.k) % 17 = 0 then 2400 else 180 + (a + d.k) % 300 end,
  0.05, 2880, 1.44,
  case when (a * 3 + d.k) % 29 = 0 then 6.5 else 0.5 + ((a + d.k) % 30) / 10.0 end,
  case when (a + d.k) % 11 = 0 then 1.5 end,
  case when (a * 7 + d.k) % 23 = 0 then d.day + interval '3 hours' end,
  case when (a * 7 + d.k) % 23 = 0 then d.day + interval '3 hours 50 minutes' end,
  now()
from generate_series(1, $1::int) a,
  (select k, $3::date - k as day from generate_series(1, $2::int) k) d`;

/**
 * Breaches: two ended ones per agent in the 180 days (uptime and p95) and an open support-response
 * breach on every tenth agent.
 */
export const BREACHES_SQL = `
insert into pp_sla_breaches (id, kind, agent_id, ola_id, subject, metric, title, target, value,
  started_at, ended_at, severity, root_cause, ticket_id, alerted, created_at)
select gen_random_uuid()::text, 'sla', ${AGENT('a')}, null, ${AGENT(
  'a',
)}, m.metric,
  m.label || ' of ' || ${AGENT('a')} || ' missed its target', m.target, m.value,
  now() - (m.back + a % 60) * interval '1 day',
  case when m.open then null else now() - (m.back + a % 60 - 1) * interval '1 day' end,
  'major', null, null, 'portal', now()
from generate_series(1, $1::int) a,
  (values ('uptime', 'Uptime', 99.9, 99.7, 100, false), ('response_time_p95', 'p95 response time', 2000, 2400, 20, false),
          ('support_response', 'Support response', 4, 6.5, 0, true)) m(metric, label, target, value, back, open)
where not m.open or a % 10 = 0`;

/** A past maintenance window on every fifth agent, and a coming one on every 50th. */
export const MAINTENANCE_SQL = `
insert into pp_sla_maintenance_windows (id, service_id, agent_id, starts_at, ends_at, reason,
  created_by, created_at, health_silence_id)
select gen_random_uuid()::text, null, ${AGENT('a')},
  now() - (a % 25) * interval '1 day', now() - (a % 25) * interval '1 day' + interval '2 hours',
  'Database upgrade', 'Ines Infra', now(), null
from generate_series(1, $1::int) a where a % 5 = 0
union all
select gen_random_uuid()::text, null, ${AGENT('a')},
  now() + interval '2 days', now() + interval '2 days 1 hour', 'Planned failover test',
  'Ines Infra', now(), null
from generate_series(1, $1::int) a where a % 50 = 0`;

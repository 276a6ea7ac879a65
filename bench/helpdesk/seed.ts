/**
 * Generated tickets for the benchmarks: one INSERT of `$1` tickets into the helpdesk database
 * (types, priorities, statuses, assignees and due times spread out), as the plugin's migrations
 * leave the table. Used by bench/helpdesk and bench/polling.
 */
export const SEED_SQL = `
insert into pp_tickets (
  id, type, priority, status, title, description, reporter_id, reporter_name, reporter_email,
  assignee_id, assignee_name, assignee_email, entity_ref, labels, version,
  sla_response_minutes, sla_resolution_minutes, sla_escalation_path,
  response_due_at, resolution_due_at, first_response_at, paused_seconds,
  queue_due_at, next_sla_check_at, escalation_level, resolved_at, closed_at, created_at, updated_at)
select
  gen_random_uuid()::text, s.type, s.priority, s.status,
  'Bench ticket ' || s.g || ' ' || s.type || ' ' || (s.g * 7), 'Generated for the helpdesk benchmark. Ticket ' || s.g,
  'bench-reporter', 'Bench Reporter', 'bench@waooaw.com',
  case when s.g % 3 = 0 then null else 'bench-agent-' || (s.g % 7) end,
  case when s.g % 3 = 0 then null else 'Bench Agent ' || (s.g % 7) end,
  null,
  case when s.g % 2 = 0 then 'component:default/payment-service' else null end,
  '["bench"]', 1,
  s.resp, s.resol, case when s.priority in ('critical','high') then 'infrastructure_engineer' else 'team_lead' end,
  s.created + s.resp * interval '1 minute', s.created + s.resol * interval '1 minute',
  case when s.status = 'open' then null else s.created + interval '5 minutes' end, 0,
  case when s.status in ('resolved','closed') then timestamptz '9999-12-31 00:00:00+00'
       when s.status = 'open' then s.created + s.resp * interval '1 minute'
       else s.created + s.resol * interval '1 minute' end,
  null, 0,
  case when s.status in ('resolved','closed') then s.created + interval '1 hour' end,
  case when s.status = 'closed' then s.created + interval '2 hours' end,
  s.created, s.created
from (
  select g,
    (array['support','incident','feature_request'])[1 + g % 3] as type,
    (array['critical','high','medium','low'])[1 + (g / 3) % 4] as priority,
    (array['open','in_progress','on_hold','escalated','resolved','closed'])[1 + (g / 11) % 6] as status,
    (array[15, 120, 480, 1440])[1 + (g / 3) % 4] as resp,
    (array[240, 1440, 4320, 10080])[1 + (g / 3) % 4] as resol,
    now() - (g % 20000) * interval '1 minute' as created
  from generate_series(1, $1::int) g
) s`;

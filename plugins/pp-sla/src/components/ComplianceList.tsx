import { Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Box, TableSortLabel, Typography, useTheme } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  PP_SLA_COMPLIANCE_SORTS,
  PP_SLA_STATUSES,
  PP_SLA_TYPES,
  PpSlaComplianceListItem,
  PpSlaStatus,
  PpSlaType,
  describeError,
} from '@internal/plugin-pp-common';
import {
  PpDataTable,
  PpFilterBar,
  PpSearchField,
  PpSelectFilter,
  PpSparkline,
  formatDateTime,
  usePpDebouncedSearch,
} from '@internal/plugin-pp-react';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ppSlaApiRef } from '../api';
import { useAgentNames } from '../hooks/useAgentNames';
import { rootRouteRef } from '../routes';
import { STATUS_LABELS, formatMetric } from './labels';
import { SlaStatusChip } from './SlaStatusChip';
import {
  SLA_TREND_METRICS,
  SlaTrendMetric,
  dayRange,
  trendSentence,
} from './trend';

type SortField = (typeof PP_SLA_COMPLIANCE_SORTS)[number];
type Sort = { field: SortField; order: 'asc' | 'desc' };

const TYPE_LABELS: Record<PpSlaType, string> = {
  standard: 'Standard',
  premium: 'Premium',
  custom: 'Custom',
};

const STATUS_OPTIONS = PP_SLA_STATUSES.map(s => ({
  value: s,
  label: STATUS_LABELS[s],
}));
const TYPE_OPTIONS = PP_SLA_TYPES.map(t => ({
  value: t,
  label: TYPE_LABELS[t],
}));

/** What people type ("Maths tutor") as the part of an agent id the API matches ("maths-tutor"). */
export const agentIdPart = (text: string) =>
  text.trim().toLowerCase().replace(/\s+/g, '-');

/** An agent's trend of one metric over the days from its first stored day to its last (gaps: days not stored). */
function trendValues(
  item: PpSlaComplianceListItem,
  metric: SlaTrendMetric,
): Array<number | null> {
  const t = item.trend;
  if (!t.length) return [];
  const key = SLA_TREND_METRICS[metric].key;
  const byDay = new Map(t.map(d => [d.day, d[key]]));
  return dayRange(t[0].day, t[t.length - 1].day).map(
    day => byDay.get(day) ?? null,
  );
}

/**
 * The compliance dashboard's list: filters (agent, status, SLA type), the agents with their
 * status, figures and a sparkline per metric (uptime, p95 response time, error rate), sortable by
 * agent, status, uptime and compliant days.
 */
export function ComplianceList() {
  const api = useApi(ppSlaApiRef);
  const theme = useTheme();
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const [status, setStatus] = useState<PpSlaStatus | ''>('');
  const [type, setType] = useState<PpSlaType | ''>('');
  const [text, setText] = useState('');
  const [q, setQ] = useState<string | undefined>();
  usePpDebouncedSearch(text, v => setQ(v ? agentIdPart(v) : undefined));
  const [sort, setSort] = useState<Sort>({ field: 'status', order: 'asc' });
  const { loading, error, value } = useAsync(
    () =>
      api.listCompliance({
        ...(status ? { status } : {}),
        ...(type ? { type } : {}),
        ...(q ? { q } : {}),
        sort: sort.field,
        order: sort.order,
        limit: 200,
      }),
    [api, status, type, q, sort.field, sort.order],
  );
  const nameOf = useAgentNames(value?.items.map(a => a.agent_id) ?? []);
  const filtered = Boolean(status || type || q);

  const sortHeader = (field: SortField, label: string) => (
    <TableSortLabel
      active={sort.field === field}
      direction={sort.field === field ? sort.order : 'asc'}
      onClick={() =>
        setSort(s =>
          s.field === field
            ? { field, order: s.order === 'asc' ? 'desc' : 'asc' }
            : { field, order: 'asc' },
        )
      }
    >
      {label}
    </TableSortLabel>
  );

  const spark = (
    r: PpSlaComplianceListItem,
    metric: SlaTrendMetric,
    figure: ReactNode,
  ) => (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      style={{ gap: 8 }}
    >
      <span>{figure}</span>
      <PpSparkline
        testId={`sla-spark-${metric}-${r.agent_id}`}
        values={trendValues(r, metric)}
        scale={metric === 'uptime' ? 'range' : 'zero'}
        colour={
          metric === 'error_rate'
            ? theme.palette.error.main
            : theme.palette.primary.main
        }
        label={`${nameOf(r.agent_id)}: ${trendSentence(metric, r.trend)}`}
      />
    </Box>
  );
  const latest = (r: PpSlaComplianceListItem, metric: SlaTrendMetric) => {
    const info = SLA_TREND_METRICS[metric];
    const last = [...r.trend].reverse().find(d => d[info.key] !== null);
    return last ? formatMetric(info.unit, last[info.key]) : '—';
  };

  return (
    <>
      <PpFilterBar role="search" aria-label="Filter the agents">
        <PpSearchField
          id="pp-sla-filter-agent"
          label="Agent"
          placeholder="Part of the agent’s name"
          ariaLabel="Search agents"
          value={text}
          onChange={setText}
        />
        <PpSelectFilter
          id="pp-sla-filter-status"
          label="Status"
          anyLabel="Any status"
          options={STATUS_OPTIONS}
          value={status}
          onChange={v => setStatus(v as PpSlaStatus | '')}
          style={{ minWidth: 160 }}
        />
        <PpSelectFilter
          id="pp-sla-filter-type"
          label="Type"
          anyLabel="Any type"
          options={TYPE_OPTIONS}
          value={type}
          onChange={v => setType(v as PpSlaType | '')}
          style={{ minWidth: 160 }}
        />
      </PpFilterBar>
      {loading && <Progress />}
      {error && <Alert severity="error">{describeError(error)}</Alert>}
      {value && value.items.length === 0 && (
        <Alert severity="info">
          {filtered
            ? 'No agent with an SLA matches these filters.'
            : 'No agent has an SLA yet.'}
        </Alert>
      )}
      {value && value.items.length > 0 && (
        <>
          <PpDataTable
            label="Agents and their SLA compliance"
            rows={value.items}
            rowKey={r => r.agent_id}
            columns={[
              {
                title: sortHeader('agent_id', 'Agent'),
                render: r => (
                  <Link to={`${root}/agents/${encodeURIComponent(r.agent_id)}`}>
                    {nameOf(r.agent_id)}
                  </Link>
                ),
              },
              {
                title: sortHeader('status', 'Status'),
                render: r => <SlaStatusChip status={r.status} />,
              },
              { title: 'SLA', render: r => TYPE_LABELS[r.type] },
              {
                title: sortHeader('uptime_percent', 'Uptime (30 days)'),
                align: 'right',
                render: r =>
                  spark(r, 'uptime', formatMetric('percent', r.uptime_percent)),
              },
              {
                title: 'p95 response, latest day',
                align: 'right',
                render: r => spark(r, 'p95', latest(r, 'p95')),
              },
              {
                title: 'Error rate, latest day',
                align: 'right',
                render: r => spark(r, 'error_rate', latest(r, 'error_rate')),
              },
              {
                title: sortHeader(
                  'overall_compliance_percent',
                  'Compliant days',
                ),
                align: 'right',
                render: r =>
                  formatMetric('percent', r.overall_compliance_percent),
              },
              {
                title: 'Open breaches',
                align: 'right',
                render: r => String(r.open_breaches),
              },
              {
                title: 'Computed',
                render: r =>
                  r.computed_at ? formatDateTime(r.computed_at) : 'Not yet',
              },
            ]}
          />
          {value.total_count > value.items.length && (
            <Typography variant="body2" color="textSecondary">
              Showing {value.items.length} of {value.total_count} agents: narrow
              the list with the filters.
            </Typography>
          )}
        </>
      )}
    </>
  );
}

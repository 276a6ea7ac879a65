import { Content, Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button, Typography, makeStyles } from '@material-ui/core';
import {
  PpSlaBreach,
  ppSlaBreachesUpdatePermission,
} from '@internal/plugin-pp-common';
import {
  PpDataTableColumn,
  PpPagedTable,
  PpFilterBar,
  PpSelectFilter,
  formatDateTime,
  usePpOffsetList,
  usePpNow,
} from '@internal/plugin-pp-react';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ppSlaApiRef } from '../api';
import { useAgentNames } from '../hooks/useAgentNames';
import { helpdeskTicketRouteRef, rootRouteRef } from '../routes';
import { BreachRootCauseDialog } from './BreachRootCauseDialog';
import {
  BREACH_SEVERITY_LABELS,
  breachMetricName,
  breachValueText,
  runningFor,
} from './breachLabels';
import { formatMinutes } from './labels';
import { SlaSections } from './SlaSections';

const PAGE_SIZE = 25;

const useStyles = makeStyles({
  filter: { minWidth: 170 },
  when: { whiteSpace: 'nowrap' },
  // an OLA breach's sentence or a root cause wraps inside its column
  text: { overflowWrap: 'anywhere', minWidth: '12em' },
});

/** The breach filters, as the page's address keeps them (`?kind=sla&state=open&agent=…`). */
export interface BreachFilters {
  kind?: 'sla' | 'ola';
  state?: 'open' | 'ended';
  agent?: string;
}

/** "Running for 1 h 12 min", live: only running breaches keep the shared ticker going. */
function RunningFor(props: { startedAt: string }) {
  const now = usePpNow();
  return (
    <Typography variant="body2" color="error" component="span">
      Running for {runningFor(props.startedAt, now)}
    </Typography>
  );
}

/**
 * `/pp/sla/breaches`: every SLA and OLA breach, newest first, filtered by kind, state and agent,
 * with its metric, duration, severity, root cause and ticket; "Record the root cause" for those who
 * may (infrastructure engineers and admins).
 */
export function BreachesPage() {
  const classes = useStyles();
  const api = useApi(ppSlaApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const ticketRoute = useRouteRef(helpdeskTicketRouteRef);
  const ticketLink = (key: string) =>
    ticketRoute?.({ ticketId: key }) ??
    `/pp/helpdesk/tickets/${encodeURIComponent(key)}`;
  const { allowed: canRecord } = usePermission({
    permission: ppSlaBreachesUpdatePermission,
  });

  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const stateParam = params.get('state');
  const agentParam = params.get('agent');
  const filters: BreachFilters = useMemo(
    () => ({
      kind: kindParam === 'sla' || kindParam === 'ola' ? kindParam : undefined,
      state:
        stateParam === 'open' || stateParam === 'ended'
          ? stateParam
          : undefined,
      agent: agentParam || undefined,
    }),
    [kindParam, stateParam, agentParam],
  );
  const setFilter = (key: keyof BreachFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const fetchPage = useCallback(
    (page: { limit: number; offset: number }) =>
      api.listBreaches({
        kind: filters.kind,
        open: filters.state ? filters.state === 'open' : undefined,
        agent_id: filters.agent,
        ...page,
      }),
    [api, filters],
  );
  const list = usePpOffsetList(fetchPage, undefined, PAGE_SIZE);

  // the agent choices: the agents with an SLA in force
  const agents = useAsync(() => api.listDefinitions({ limit: 200 }), [api]);
  const agentIds = useMemo(
    () => [
      ...(agents.value?.items.map(a => a.agent_id) ?? []),
      ...list.items.flatMap(b => (b.agent_id ? [b.agent_id] : [])),
    ],
    [agents.value, list.items],
  );
  const nameOf = useAgentNames(agentIds);
  const agentChoices = [...new Set(agentIds)]
    .map(id => ({ value: id, label: nameOf(id) }))
    .sort((a, b) => a.label.localeCompare(b.label));

  // breaches saved here show their new root cause without reloading the list
  const [saved, setSaved] = useState<ReadonlyMap<string, PpSlaBreach>>(
    new Map(),
  );
  const [recording, setRecording] = useState<PpSlaBreach>();
  const rows = list.items.map(b => saved.get(b.id) ?? b);

  const subjectOf = (b: PpSlaBreach) =>
    b.kind === 'sla' && b.agent_id
      ? `${breachMetricName(b.metric)} of ${nameOf(b.agent_id)}`
      : b.title;

  const columns: PpDataTableColumn<PpSlaBreach>[] = [
    {
      title: 'Started',
      className: classes.when,
      render: b => formatDateTime(b.started_at),
    },
    {
      title: 'What',
      className: classes.text,
      render: b =>
        b.kind === 'sla' && b.agent_id ? (
          <Link to={`${root}/agents/${encodeURIComponent(b.agent_id)}`}>
            {nameOf(b.agent_id)}
          </Link>
        ) : (
          b.title
        ),
    },
    {
      // the metric names the kind too ("OLA commitment"); the worst value under it
      title: 'Metric, worst value',
      render: b => (
        <>
          {breachMetricName(b.metric)}
          <Typography variant="body2" color="textSecondary" component="div">
            {breachValueText(b)}
          </Typography>
        </>
      ),
    },
    {
      title: 'Duration',
      className: classes.when,
      render: b =>
        b.ended_at === null ? (
          <RunningFor startedAt={b.started_at} />
        ) : (
          formatMinutes(b.duration_minutes)
        ),
    },
    { title: 'Severity', render: b => BREACH_SEVERITY_LABELS[b.severity] },
    {
      title: 'Root cause',
      className: classes.text,
      render: b =>
        b.root_cause ?? (
          <Typography variant="body2" color="textSecondary" component="span">
            Not recorded yet
          </Typography>
        ),
    },
    {
      title: 'Ticket',
      className: classes.when,
      render: b =>
        b.ticket_id ? (
          <Link to={ticketLink(b.ticket_id)}>{b.ticket_id}</Link>
        ) : (
          '—'
        ),
    },
    {
      title: 'Actions',
      hidden: !canRecord,
      render: b => (
        <Button
          size="small"
          color="primary"
          variant="outlined"
          aria-label={`Record the root cause: ${subjectOf(
            b,
          )}, started ${formatDateTime(b.started_at)}`}
          onClick={() => setRecording(b)}
        >
          {b.root_cause ? 'Edit the root cause' : 'Record the root cause'}
        </Button>
      ),
    },
  ];

  const filtered = Boolean(filters.kind || filters.state || filters.agent);
  return (
    <Content>
      <SlaSections current="breaches" />
      <Typography variant="body2" color="textSecondary" paragraph>
        Every SLA and OLA breach, newest first. A breach still running counts up
        live; its root cause is recorded once it is understood.
      </Typography>
      <PpFilterBar>
        <PpSelectFilter
          className={classes.filter}
          id="pp-sla-breaches-kind"
          label="Kind"
          anyLabel="SLA and OLA"
          options={[
            { value: 'sla', label: 'SLA breaches' },
            { value: 'ola', label: 'OLA breaches' },
          ]}
          value={filters.kind ?? ''}
          onChange={v => setFilter('kind', v)}
        />
        <PpSelectFilter
          className={classes.filter}
          id="pp-sla-breaches-state"
          label="State"
          anyLabel="Running and ended"
          options={[
            { value: 'open', label: 'Still running' },
            { value: 'ended', label: 'Ended' },
          ]}
          value={filters.state ?? ''}
          onChange={v => setFilter('state', v)}
        />
        <PpSelectFilter
          className={classes.filter}
          id="pp-sla-breaches-agent"
          label="Agent"
          anyLabel="Any agent"
          options={agentChoices}
          value={filters.agent ?? ''}
          onChange={v => setFilter('agent', v)}
        />
      </PpFilterBar>
      <PpPagedTable
        list={{ ...list, items: rows }}
        total={list.page?.total_count}
        label="SLA and OLA breaches"
        columns={columns}
        rowKey={b => b.id}
        rowProps={b => ({ 'data-testid': `breach-row-${b.id}` })}
        emptyTitle={filtered ? 'No breach matches' : 'No breaches'}
        emptyDescription={
          filtered
            ? 'No breach matches these filters. Choose others to see more.'
            : 'No SLA target or OLA commitment has been breached yet.'
        }
      />
      {recording && (
        <BreachRootCauseDialog
          breach={recording}
          subject={subjectOf(recording)}
          onClose={() => setRecording(undefined)}
          onSaved={b => {
            setSaved(m => new Map(m).set(b.id, b));
            setRecording(undefined);
          }}
        />
      )}
    </Content>
  );
}

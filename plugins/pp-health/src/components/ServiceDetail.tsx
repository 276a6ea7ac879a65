import { ReactNode, useState } from 'react';
import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Grid,
  Typography,
  useTheme,
} from '@material-ui/core';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  PP_HEALTH_WINDOWS,
  PpHealthCheck,
  PpHealthSeriesPoint,
  PpHealthWindow,
  PpMicroserviceDetail,
} from '@internal/plugin-pp-common';
import { ppHealthApiRef } from '../api';
import { usePolled } from '../hooks/usePolled';
import { Loadable, StatusChip } from './common';
import { AlertsTable } from './AlertsPanel';
import {
  formatMs,
  formatPercent,
  formatRate,
  formatTime,
} from '../util/format';
import { DemoDataBanner, SilenceNotices } from './HealthNotices';
import { StatusTimeline } from './charts/StatusTimeline';
import { ResourceCharts } from './charts/ResourceCharts';

function tickLabel(window: PpHealthWindow) {
  return (iso: string) => {
    const d = new Date(iso);
    return window === '7d' || window === '30d'
      ? d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
      : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  };
}

/** One time-series chart card: the window's buckets on X, the given lines on Y. */
function ChartCard(props: {
  title: string;
  testId: string;
  data: Array<Record<string, string | number | null>>;
  window: PpHealthWindow;
  yAxis: { unit: string; width: number; domain?: [number, 'auto'] };
  format: (value: number) => string;
  lines: Array<{ dataKey: string; name: string; colour: string }>;
  /** The sentence a screen reader gets for the chart. */
  summary: string;
}) {
  const theme = useTheme();
  const axis = { stroke: theme.palette.text.secondary, fontSize: 12 };
  return (
    <Card>
      <CardHeader
        title={props.title}
        titleTypographyProps={{ variant: 'h6' }}
      />
      <CardContent>
        <Box
          height={260}
          data-testid={props.testId}
          role="img"
          aria-label={props.summary}
        >
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={props.data}>
              <CartesianGrid
                stroke={theme.palette.divider}
                strokeDasharray="3 3"
              />
              <XAxis
                dataKey="at"
                tickFormatter={tickLabel(props.window)}
                {...axis}
              />
              <YAxis {...props.yAxis} {...axis} />
              <Tooltip
                contentStyle={{
                  backgroundColor: theme.palette.background.paper,
                  borderColor: theme.palette.divider,
                  color: theme.palette.text.primary,
                }}
                labelFormatter={(l: string) => formatTime(l)}
                formatter={(v: number) => props.format(v)}
              />
              <Legend />
              {props.lines.map(line => (
                <Line
                  key={line.dataKey}
                  type="monotone"
                  dataKey={line.dataKey}
                  name={line.name}
                  stroke={line.colour}
                  dot={false}
                  connectNulls
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </Box>
      </CardContent>
    </Card>
  );
}

/** Response time (p50/p95) and error rate over the window. */
export function HealthCharts(props: {
  series: PpHealthSeriesPoint[];
  window: PpHealthWindow;
}) {
  const theme = useTheme();
  const data = props.series.map(p => ({
    at: p.at,
    p50: p.p50_response_ms,
    p95: p.p95_response_ms,
    errorPct: p.error_rate === null ? null : +(p.error_rate * 100).toFixed(2),
  }));
  const peak = (values: Array<number | null>) =>
    Math.max(...values.filter((v): v is number => v !== null));
  const known = (values: Array<number | null>) => values.some(v => v !== null);
  const p95s = data.map(p => p.p95);
  const errs = data.map(p => p.errorPct);
  const latest = (values: Array<number | null>) =>
    [...values].reverse().find(v => v !== null);
  const responseSummary = known(p95s)
    ? `Response time over the last ${props.window}: p95 peaked at ${formatMs(
        peak(p95s),
      )}, latest ${formatMs(latest(p95s) ?? null)}.`
    : `No response times in the last ${props.window}.`;
  const errorSummary = known(errs)
    ? `Error rate over the last ${props.window}: peak ${peak(
        errs,
      )} %, latest ${latest(errs)} %.`
    : `No error rate figures in the last ${props.window}.`;
  if (data.length === 0) {
    return (
      <Typography color="textSecondary">
        No checks or heartbeats in this window.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <ChartCard
          title="Response time"
          testId="chart-response-time"
          summary={responseSummary}
          data={data}
          window={props.window}
          yAxis={{ unit: ' ms', width: 70 }}
          format={formatMs}
          lines={[
            { dataKey: 'p50', name: 'p50', colour: theme.palette.primary.main },
            {
              dataKey: 'p95',
              name: 'p95',
              colour: theme.palette.secondary.main,
            },
          ]}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <ChartCard
          title="Error rate"
          testId="chart-error-rate"
          summary={errorSummary}
          data={data}
          window={props.window}
          yAxis={{ unit: '%', width: 60, domain: [0, 'auto'] }}
          format={v => `${v}%`}
          lines={[
            {
              dataKey: 'errorPct',
              name: 'error rate',
              colour: theme.palette.error.main,
            },
          ]}
        />
      </Grid>
    </Grid>
  );
}

function Figure(props: { label: string; value: ReactNode }) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="overline" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h6" component="div">
        {props.value}
      </Typography>
    </Box>
  );
}

function DetailBody(props: {
  detail: PpMicroserviceDetail;
  onChanged?: () => void;
}) {
  const d = props.detail;
  const checkColumns: TableColumn<PpHealthCheck>[] = [
    {
      title: 'Time',
      field: 'checked_at',
      render: c => formatTime(c.checked_at),
    },
    { title: 'Source', field: 'source' },
    {
      title: 'Status',
      field: 'status',
      render: c => <StatusChip status={c.status} />,
    },
    {
      title: 'Response',
      field: 'response_time_ms',
      render: c => formatMs(c.response_time_ms),
    },
    { title: 'HTTP', field: 'http_status', render: c => c.http_status ?? '—' },
    { title: 'Error', field: 'error', render: c => c.error ?? '' },
  ];
  return (
    <Grid container spacing={2}>
      {(d.data_source === 'demo' || (d.silences ?? []).length > 0) && (
        <Grid item xs={12}>
          <DemoDataBanner demoServices={d.data_source === 'demo' ? 1 : 0} />
          <SilenceNotices silences={d.silences ?? []} />
        </Grid>
      )}
      <Grid item xs={12}>
        <Box display="flex" flexWrap="wrap" alignItems="flex-start">
          <Figure label="Status" value={<StatusChip status={d.status} />} />
          <Figure label="p50 (24h)" value={formatMs(d.p50_response_ms)} />
          <Figure label="p95 (24h)" value={formatMs(d.p95_response_ms)} />
          <Figure
            label="Error rate (last minute)"
            value={formatRate(d.error_rate)}
          />
          <Figure
            label="Uptime 24h"
            value={formatPercent(d.uptime_24h_percent)}
          />
          <Figure label="CPU" value={formatPercent(d.cpu_percent)} />
          <Figure label="Memory" value={formatPercent(d.memory_percent)} />
          <Figure label="Disk" value={formatPercent(d.disk_percent)} />
          <Figure label="Last seen" value={formatTime(d.last_seen_at)} />
        </Box>
        <Typography color="textSecondary">{d.status_reason}</Typography>
        {d.description && (
          <Typography color="textSecondary">{d.description}</Typography>
        )}
      </Grid>
      <Grid item xs={12}>
        <Card>
          <CardHeader
            title={`Status over the last ${d.window}`}
            titleTypographyProps={{ variant: 'h6' }}
          />
          <CardContent>
            <StatusTimeline
              series={d.series}
              window={d.window}
              bucketSeconds={d.bucket_seconds}
            />
          </CardContent>
        </Card>
      </Grid>
      <Grid item xs={12}>
        <HealthCharts series={d.series} window={d.window} />
      </Grid>
      <Grid item xs={12}>
        <ResourceCharts series={d.series} window={d.window} />
      </Grid>
      <Grid item xs={12}>
        <AlertsTable
          title="Alerts of this service"
          alerts={d.alerts}
          serviceNames={new Map([[d.service_id, d.title]])}
          onChanged={props.onChanged}
        />
      </Grid>
      <Grid item xs={12}>
        <Table<PpHealthCheck>
          title="Recent checks and heartbeats"
          options={{
            paging: d.recent_checks.length > 10,
            pageSize: 10,
            search: false,
            padding: 'dense',
          }}
          columns={checkColumns}
          data={d.recent_checks}
          emptyContent={
            <Typography style={{ padding: 16 }} color="textSecondary">
              No checks yet.
            </Typography>
          }
        />
      </Grid>
    </Grid>
  );
}

/** One service's health over a chosen window (the detail view and the catalog entity tab). */
export function ServiceHealth(props: { serviceId: string; backHref?: string }) {
  const api = useApi(ppHealthApiRef);
  const [window, setWindow] = useState<PpHealthWindow>('24h');
  const detail = usePolled(
    () => api.getMicroservice(props.serviceId, window),
    [props.serviceId, window],
  );
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          {props.backHref && <Link to={props.backHref}>← All services</Link>}
          <Typography variant="h5" component="h2" style={{ flexGrow: 1 }}>
            {detail.value?.title ?? props.serviceId}
          </Typography>
          {/* on the entity's own Health tab the link would point at the page it is on */}
          {props.backHref && detail.value?.entity_ref && (
            <EntityRefLink entityRef={detail.value.entity_ref}>
              Catalog entity
            </EntityRefLink>
          )}
          <ToggleButtonGroup
            size="small"
            exclusive
            value={window}
            onChange={(_e, v) => v && setWindow(v)}
            aria-label="time window"
          >
            {PP_HEALTH_WINDOWS.map(w => (
              <ToggleButton key={w} value={w} aria-label={w}>
                {w}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Box>
      </Grid>
      <Grid item xs={12}>
        <Loadable what={`the health of ${props.serviceId}`} {...detail}>
          {d => <DetailBody detail={d} onChanged={detail.retry} />}
        </Loadable>
      </Grid>
    </Grid>
  );
}

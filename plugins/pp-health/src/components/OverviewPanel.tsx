import { ReactNode } from 'react';
import {
  Box,
  Card,
  CardContent,
  Grid,
  Typography,
  makeStyles,
  useTheme,
} from '@material-ui/core';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  PpHealthOverview,
  PpHealthSparklines,
  PpMicroservice,
} from '@internal/plugin-pp-common';
import { PpSparkline } from '@internal/plugin-pp-react';
import { sparklineSummary } from './charts/sparklineSummary';
import { normalOwnerRef, useOwnerNames } from './useOwnerNames';
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

const useStyles = makeStyles(theme => ({
  figure: { fontSize: '2rem', fontWeight: 600, lineHeight: 1.2 },
  up: { color: theme.palette.success.main },
  degraded: { color: theme.palette.warning.main },
  down: { color: theme.palette.error.main },
  muted: { color: theme.palette.text.secondary },
  card: { height: '100%' },
}));

function FigureCard(props: {
  label: string;
  value: string | number;
  className?: string;
  hint?: string;
}) {
  const classes = useStyles();
  return (
    <Card className={classes.card} data-testid={`health-card-${props.label}`}>
      <CardContent>
        <Typography variant="overline" className={classes.muted}>
          {props.label}
        </Typography>
        <Typography className={`${classes.figure} ${props.className ?? ''}`}>
          {props.value}
        </Typography>
        {props.hint && (
          <Typography variant="body2" className={classes.muted}>
            {props.hint}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

export function OverviewCards(props: { overview: PpHealthOverview }) {
  const o = props.overview;
  const classes = useStyles();
  return (
    <Grid container spacing={2}>
      <Grid item xs={6} md={2}>
        <FigureCard label="Services" value={o.service_count} />
      </Grid>
      <Grid item xs={6} md={2}>
        <FigureCard label="Up" value={o.up} className={classes.up} />
      </Grid>
      <Grid item xs={6} md={2}>
        <FigureCard
          label="Degraded"
          value={o.degraded}
          className={classes.degraded}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <FigureCard
          label="Down"
          value={o.down}
          className={classes.down}
          hint={o.unknown ? `${o.unknown} without data yet` : undefined}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <FigureCard
          label="Uptime 24h"
          value={formatPercent(o.uptime_percent['24h'])}
          hint={`7d ${formatPercent(
            o.uptime_percent['7d'],
          )} · 30d ${formatPercent(o.uptime_percent['30d'])}`}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <FigureCard
          label="Open alerts"
          value={o.open_alerts.total}
          className={o.open_alerts.critical ? classes.down : undefined}
          hint={`${o.open_alerts.critical} critical · ${o.open_alerts.warning} warning`}
        />
      </Grid>
    </Grid>
  );
}

/** The name of a team from its ref when the catalog has no title for it: `team-commerce` → `Team commerce`. */
function nameFromRef(ref: string) {
  const name = ref.split(/[:/]/).pop() ?? ref;
  const words = name.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function ServicesTable(props: {
  services: PpMicroservice[];
  detailHref: (serviceId: string) => string;
  /** The services' trends (one request for the table); absent while loading. */
  sparklines?: PpHealthSparklines;
}) {
  const theme = useTheme();
  const ownerNames = useOwnerNames(props.services.map(s => s.owner));
  const trend = new Map(
    (props.sparklines?.items ?? []).map(i => [i.service_id, i.points]),
  );
  const span = props.sparklines?.window ?? '6h';
  const spark = (
    s: PpMicroservice,
    what: 'Error rate' | 'p95 response time',
  ) => {
    if (!props.sparklines) return null;
    const points = trend.get(s.service_id) ?? [];
    return (
      <PpSparkline
        testId={`spark-${what === 'Error rate' ? 'errors' : 'p95'}-${
          s.service_id
        }`}
        values={points.map(p =>
          what === 'Error rate' ? p.error_rate : p.p95_response_ms,
        )}
        colour={
          what === 'Error rate'
            ? theme.palette.error.main
            : theme.palette.primary.main
        }
        label={`${s.title}: ${sparklineSummary(what, points, span)}`}
      />
    );
  };
  const figureWithTrend = (text: string, chart: ReactNode) => (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      style={{ gap: 8 }}
    >
      {chart}
      <span>{text}</span>
    </Box>
  );
  const columns: TableColumn<PpMicroservice>[] = [
    {
      title: 'Service',
      field: 'title',
      highlight: true,
      render: s => <Link to={props.detailHref(s.service_id)}>{s.title}</Link>,
    },
    {
      title: 'Status',
      field: 'status',
      render: s => <StatusChip status={s.status} />,
    },
    {
      title: `Response time (p95, 24h; trend ${span})`,
      field: 'p95_response_ms',
      type: 'numeric',
      render: s =>
        figureWithTrend(
          formatMs(s.p95_response_ms),
          spark(s, 'p95 response time'),
        ),
    },
    {
      // the figure the status is derived from (the last minute), its trend over the hours
      title: `Error rate (now; trend ${span})`,
      field: 'error_rate',
      type: 'numeric',
      render: s =>
        figureWithTrend(formatRate(s.error_rate), spark(s, 'Error rate')),
    },
    {
      title: 'Uptime 24h',
      field: 'uptime_24h_percent',
      type: 'numeric',
      render: s => formatPercent(s.uptime_24h_percent),
    },
    { title: 'Open alerts', field: 'open_alerts', type: 'numeric' },
    {
      title: 'Owner',
      field: 'owner',
      // the team's title from the catalog ("Commerce"), not its ref
      render: s =>
        s.owner ? (
          <EntityRefLink entityRef={normalOwnerRef(s.owner)}>
            {ownerNames.get(normalOwnerRef(s.owner)) ?? nameFromRef(s.owner)}
          </EntityRefLink>
        ) : (
          '—'
        ),
    },
    {
      title: 'Last seen',
      field: 'last_seen_at',
      render: s => formatTime(s.last_seen_at),
    },
  ];
  return (
    <Table<PpMicroservice>
      title="Services"
      options={{
        paging: props.services.length > 20,
        pageSize: 20,
        search: true,
        padding: 'dense',
      }}
      columns={columns}
      data={props.services}
      emptyContent={
        <Typography style={{ padding: 16 }} color="textSecondary">
          No monitored services yet. Services appear after their first health
          check or heartbeat (catalog Components of type service with a
          pp.waooaw.com/service-id annotation).
        </Typography>
      }
    />
  );
}

/** The Overview tab: figures, services and the latest alerts. */
export function OverviewPanel(props: {
  detailHref: (serviceId: string) => string;
}) {
  const api = useApi(ppHealthApiRef);
  const overview = usePolled(() => api.getOverview(), []);
  const services = usePolled(() => api.listMicroservices(), []);
  // one request for every row's sparklines
  const sparklines = usePolled(() => api.getSparklines('6h'), []);
  const serviceNames = new Map(
    (services.value?.items ?? []).map(s => [s.service_id, s.title]),
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Loadable what="the overview" {...overview}>
          {o => (
            <>
              <OverviewCards overview={o} />
              <Typography variant="caption" color="textSecondary">
                Checked every {o.check_interval_seconds} s · updated{' '}
                {formatTime(o.generated_at)}
              </Typography>
            </>
          )}
        </Loadable>
      </Grid>
      <Grid item xs={12}>
        <Loadable what="the services" {...services}>
          {s => (
            <ServicesTable
              services={s.items}
              detailHref={props.detailHref}
              sparklines={sparklines.value}
            />
          )}
        </Loadable>
      </Grid>
      {overview.value && overview.value.recent_alerts.length > 0 && (
        <Grid item xs={12}>
          <AlertsTable
            title="Recent alerts"
            alerts={overview.value.recent_alerts}
            serviceNames={serviceNames}
            onChanged={overview.retry}
          />
        </Grid>
      )}
    </Grid>
  );
}

import { ReactNode } from 'react';
import { Box, Chip, Typography, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PpUpgrade,
  PpUpgradeStatus,
  ppAgentsUpgradePermission,
  ppUpgradesAbortPermission,
  ppUpgradesReadPermission,
} from '@internal/plugin-pp-common';
import { PpDataTable, formatDateTime } from '@internal/plugin-pp-react';
import { Progress } from '@backstage/core-components';
import { actorLabel } from '../../util/labels';

/** The upgrade permissions of the signed-in person. */
export function useUpgradePermissions() {
  const read = usePermission({ permission: ppUpgradesReadPermission });
  const start = usePermission({ permission: ppAgentsUpgradePermission });
  const abort = usePermission({ permission: ppUpgradesAbortPermission });
  return {
    loading: read.loading || start.loading || abort.loading,
    canRead: read.allowed,
    canStart: start.allowed,
    canAbort: abort.allowed,
  };
}

/** Keeps out those without `pp.upgrades.read` (the backend refuses them too). */
export function UpgradeGate(props: { children: ReactNode }) {
  const { loading, allowed } = usePermission({
    permission: ppUpgradesReadPermission,
  });
  if (loading) return <Progress />;
  if (!allowed) {
    return (
      <Alert severity="warning">
        Agent upgrades are open to agent orchestrators, infrastructure
        engineers, admins and viewers. Ask an admin for one of these roles.
      </Alert>
    );
  }
  return <>{props.children}</>;
}

/** "1.4.0", or words when PP did not know what ran before. */
export const versionLabel = (v: string) =>
  v === 'current' ? 'the current version' : v;

const STATUS_LABELS: Record<PpUpgradeStatus, string> = {
  pending: 'Waiting to start',
  deploying: 'Deploying the new version',
  smoke_testing: 'Running smoke tests',
  canary: 'Watching part of the traffic',
  promoting: 'Moving all traffic',
  completed: 'Completed',
  rolled_back: 'Rolled back',
};

export function upgradeStatusLabel(
  u: Pick<PpUpgrade, 'status' | 'canary_percent'>,
) {
  if (u.status === 'canary') return `Watching ${u.canary_percent} % of traffic`;
  return STATUS_LABELS[u.status];
}

export function UpgradeStatusChip(props: { upgrade: PpUpgrade }) {
  const u = props.upgrade;
  let color: 'default' | 'primary' | 'secondary' = 'primary';
  if (u.status === 'completed') color = 'default';
  if (u.status === 'rolled_back') color = 'secondary';
  return (
    <Chip
      size="small"
      color={color}
      label={upgradeStatusLabel(u)}
      data-testid="upgrade-status"
    />
  );
}

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    height: theme.spacing(5),
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    border: `1px solid ${theme.palette.divider}`,
  },
  blue: {
    background: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  green: {
    background: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  segment: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    whiteSpace: 'nowrap',
    fontWeight: 600,
    transition: 'width 0.5s',
  },
  legend: {
    display: 'flex',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
}));

/** The traffic split as a bar: the current version (blue) and the new one (green). */
export function TrafficSplit(props: { upgrade: PpUpgrade }) {
  const classes = useStyles();
  const u = props.upgrade;
  const { blue_percent: blue, green_percent: green } = u.traffic;
  const from = versionLabel(u.from_version);
  const label = `Traffic split: ${blue} % on ${from} (current), ${green} % on ${u.to_version} (new)`;
  return (
    <Box>
      <div className={classes.bar} role="img" aria-label={label}>
        {blue > 0 && (
          <div
            className={`${classes.segment} ${classes.blue}`}
            style={{ width: `${blue}%` }}
          >
            {blue >= 15 ? `${blue} %` : ''}
          </div>
        )}
        {green > 0 && (
          <div
            className={`${classes.segment} ${classes.green}`}
            style={{ width: `${green}%` }}
          >
            {green >= 15 ? `${green} %` : ''}
          </div>
        )}
      </div>
      <div className={classes.legend}>
        <Typography variant="body2">
          Current version (blue) {from}: <strong>{blue} %</strong>
        </Typography>
        <Typography variant="body2">
          New version (green) {u.to_version}: <strong>{green} %</strong>
        </Typography>
      </div>
    </Box>
  );
}

const formatValue = (metric: string, v: number | null) => {
  if (v === null) return 'Not measured yet';
  if (metric.endsWith('_rate') || metric === 'accuracy') {
    return `${Math.round(v * 10_000) / 100} %`;
  }
  if (metric.endsWith('_ms'))
    return `${Math.round(v).toLocaleString('en-US')} ms`;
  return `${v}`;
};

const VERDICTS: Record<PpUpgrade['gates'][number]['outcome'], string> = {
  pass: 'Passed',
  fail: 'Failed',
  inconclusive: 'Not conclusive yet',
  not_measured: 'Not judged yet',
};

type Gate = PpUpgrade['gates'][number];

/** Each analysis gate: its rule and threshold, what green measured, and the verdict. */
export function GateTable(props: { upgrade: PpUpgrade }) {
  return (
    <PpDataTable<Gate>
      label="Analysis gates"
      outlined
      columns={[
        { title: 'Gate', render: g => g.title },
        { title: 'Rule', render: g => g.rule },
        {
          title: 'Threshold',
          render: g =>
            g.threshold === null
              ? 'No baseline measured'
              : formatValue(g.metric, g.threshold),
        },
        {
          title: 'Measured on the new version',
          render: g => formatValue(g.metric, g.value),
        },
        {
          title: 'Verdict',
          render: g => (
            <Typography
              variant="body2"
              color={g.outcome === 'fail' ? 'error' : 'textPrimary'}
              title={g.reason ?? undefined}
            >
              {VERDICTS[g.outcome]}
              {g.reason && g.outcome !== 'pass' ? `: ${g.reason}` : ''}
            </Typography>
          ),
        },
      ]}
      rows={props.upgrade.gates}
      rowKey={g => g.metric}
    />
  );
}

type Step = PpUpgrade['steps'][number];

function stepTitle(s: Step, u: PpUpgrade) {
  switch (s.to) {
    case 'deploying':
      return `New version ${u.to_version} deployed beside the current one, without traffic`;
    case 'smoke_testing':
      return 'New version ready: smoke tests started';
    case 'canary':
      return s.from === 'canary'
        ? 'Gates passed: more traffic on the new version'
        : `Smoke tests passed: ${u.canary_percent} % of traffic on the new version`;
    case 'promoting':
      return 'Gates passed: all traffic moving to the new version';
    case 'completed':
      return 'Completed: all traffic on the new version';
    case 'rolled_back':
      return 'Rolled back: all traffic back on the current version';
    default:
      return 'Started';
  }
}

/** The upgrade's steps with their times, oldest first. */
export function StepTimeline(props: { upgrade: PpUpgrade }) {
  const u = props.upgrade;
  const rows = [
    {
      at: u.started_at,
      title: `Upgrade to ${u.to_version} started`,
      detail: [
        `by ${actorLabel(u.started_by, u.people)}`,
        u.reason ? `Why: ${u.reason}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    },
    ...u.steps.map(s => ({
      at: s.at,
      title: stepTitle(s, u),
      detail: [s.by ? `by ${actorLabel(s.by, u.people)}` : '', s.note ?? '']
        .filter(Boolean)
        .join(' · '),
    })),
  ];
  return (
    <PpDataTable<(typeof rows)[number]>
      label="Upgrade steps"
      outlined
      columns={[
        { title: 'When', render: r => formatDateTime(r.at) },
        { title: 'Step', render: r => r.title },
        { title: 'Details', render: r => r.detail || '—' },
      ]}
      rows={rows}
      rowKey={r => `${r.at}-${r.title}`}
    />
  );
}

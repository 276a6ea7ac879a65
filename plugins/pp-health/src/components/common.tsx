import { ReactNode } from 'react';
import { Chip, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { Progress } from '@backstage/core-components';
import { PpAlertSeverity, PpServiceStatus } from '@internal/plugin-pp-common';
import { describeError } from '@internal/plugin-pp-common';

const useStyles = makeStyles(theme => ({
  up: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  degraded: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  down: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  unknown: {
    backgroundColor: theme.palette.action.selected,
    color: theme.palette.text.primary,
  },
}));

const STATUS_LABELS: Record<PpServiceStatus, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
};

export function StatusChip(props: { status: PpServiceStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={STATUS_LABELS[props.status] ?? props.status}
      className={classes[props.status] ?? classes.unknown}
    />
  );
}

export function SeverityChip(props: { severity: PpAlertSeverity }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.severity === 'critical' ? 'Critical' : 'Warning'}
      className={
        props.severity === 'critical' ? classes.down : classes.degraded
      }
    />
  );
}

/** Loading, error or content: the three states of every panel. */
export function Loadable<T>(props: {
  loading: boolean;
  error?: Error;
  value?: T;
  what: string;
  children: (value: T) => ReactNode;
}) {
  const { loading, error, value, what } = props;
  if (value === undefined) {
    if (error) {
      return (
        <Alert severity="error">
          Could not load {what}: {describeError(error)}
        </Alert>
      );
    }
    if (loading) return <Progress />;
    return null;
  }
  return (
    <>
      {error && (
        <Alert severity="warning" style={{ marginBottom: 16 }}>
          Showing older figures; refreshing {what} failed:{' '}
          {describeError(error)}
        </Alert>
      )}
      {props.children(value)}
    </>
  );
}

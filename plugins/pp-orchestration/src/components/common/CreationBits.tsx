import { ReactNode } from 'react';
import { Chip, makeStyles } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { Alert } from '@material-ui/lab';
import { Content, Link, Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PpAgentCreationStatus,
  ppAgentsCreatePermission,
  ppAgentsReadPermission,
  ppHandoffAcceptPermission,
} from '@internal/plugin-pp-common';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../../routes';
import { formatDuration, statusLabel } from '../../util/labels';

const tone = (background: string, color: string) => ({
  backgroundColor: background,
  color,
});

const useStyles = makeStyles(theme => ({
  good: tone(theme.palette.success.main, theme.palette.success.contrastText),
  bad: tone(theme.palette.error.main, theme.palette.error.contrastText),
  warn: tone(theme.palette.warning.main, theme.palette.warning.contrastText),
  neutral: tone(theme.palette.action.selected, theme.palette.text.primary),
}));

const TONES: Record<
  PpAgentCreationStatus,
  'good' | 'bad' | 'warn' | 'neutral'
> = {
  requested: 'neutral',
  genesis_validating: 'neutral',
  genesis_approved: 'good',
  genesis_rejected: 'bad',
  generating: 'neutral',
  ci_running: 'neutral',
  ci_failed: 'bad',
  ci_passed: 'good',
  handoff_pending: 'neutral',
  handoff_rejected: 'warn',
  production_ready: 'good',
};

/** A creation's status as a chip with its words (the colour only repeats them). */
export function CreationStatusChip(props: { status: PpAgentCreationStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={statusLabel(props.status)}
      className={classes[TONES[props.status]]}
      data-status={props.status}
    />
  );
}

/** "Over budget" in the warning colour, with by how much. */
export function OverdueFlag(props: { elapsedMs: number; budgetMs: number }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      icon={<WarningIcon fontSize="small" />}
      label={`Over budget by ${formatDuration(
        props.elapsedMs - props.budgetMs,
      )}`}
      className={classes.warn}
      data-testid="overdue-flag"
    />
  );
}

/** Who may request agents: agent orchestrators and admins (the backend checks again). */
export function useCanCreateAgents() {
  const { loading, allowed } = usePermission({
    permission: ppAgentsCreatePermission,
  });
  return { loading, canCreate: allowed };
}

/** Keeps out those without `pp.agents.read` (the backend refuses them too). */
export function OrchestrationGate(props: { children: ReactNode }) {
  const { loading, allowed } = usePermission({
    permission: ppAgentsReadPermission,
  });
  const reviewer = usePermission({ permission: ppHandoffAcceptPermission });
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/orchestration';
  if (loading || reviewer.loading) return <Progress />;
  if (!allowed) {
    return (
      <Content>
        {reviewer.allowed ? (
          <Alert severity="info">
            You review the agents creation teams hand off:{' '}
            <Link to={`${root}/handoffs`}>open the handoff review queue</Link>.
          </Alert>
        ) : (
          <Alert severity="warning">
            Agent orchestration is open to agent orchestrators, admins and
            viewers. Ask an admin for one of these roles.
          </Alert>
        )}
      </Content>
    );
  }
  return <>{props.children}</>;
}

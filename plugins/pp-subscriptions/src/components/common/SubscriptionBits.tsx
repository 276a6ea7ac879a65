import { ReactNode } from 'react';
import { Chip, Tooltip, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { Content, Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PpSubscriptionBand,
  PpSubscriptionStatus,
  ppSubscriptionsReadPermission,
} from '@internal/plugin-pp-common';
import {
  BAND_LABELS,
  BAND_RANGES,
  STATUS_LABELS,
  formatScore,
} from '../../util/format';

// The theme's own status colours with their contrast text: readable in every PP theme. A
// clickable chip (the band filter) keeps its colour when hovered or focused (MUI would grey it).
const toneOf = (background: string, color: string, active: string) => ({
  backgroundColor: background,
  color,
  '&:hover, &:focus': { backgroundColor: active, color },
});

const useStyles = makeStyles(theme => ({
  green: toneOf(
    theme.palette.success.main,
    theme.palette.success.contrastText,
    theme.palette.success.dark,
  ),
  amber: toneOf(
    theme.palette.warning.main,
    theme.palette.warning.contrastText,
    theme.palette.warning.dark,
  ),
  red: toneOf(
    theme.palette.error.main,
    theme.palette.error.contrastText,
    theme.palette.error.dark,
  ),
  unscored: toneOf(
    theme.palette.action.selected,
    theme.palette.text.primary,
    theme.palette.action.focus,
  ),
  score: { fontWeight: 600, fontVariantNumeric: 'tabular-nums' },
}));

/**
 * A health score as a chip in its band's colour, with the number and the band's word ("42.5 ·
 * Critical"): the colour is never the only carrier of the meaning.
 */
export function ScoreChip(props: {
  score: number | null;
  band: PpSubscriptionBand | null;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const band = props.band ?? 'unscored';
  const label =
    props.score === null
      ? BAND_LABELS.unscored
      : `${formatScore(props.score)} · ${BAND_LABELS[band]}`;
  return (
    <Tooltip title={`Health score: ${BAND_RANGES[band]}`}>
      <Chip
        size={props.size ?? 'small'}
        label={label}
        data-band={band}
        className={`${classes[band]} ${classes.score}`}
      />
    </Tooltip>
  );
}

/** The band colour classes (green, amber, red, unscored), for the band filter chips. */
export { useStyles as useBandStyles };

/** A subscription's status as a chip: churned and canceled stand out. */
export function StatusChip(props: { status: PpSubscriptionStatus }) {
  const classes = useStyles();
  const tone = {
    churned: classes.red,
    canceled: classes.red,
    paused: classes.amber,
    active: classes.unscored,
    trial: classes.unscored,
  }[props.status];
  return (
    <Chip
      size="small"
      variant="default"
      label={STATUS_LABELS[props.status] ?? props.status}
      className={tone}
    />
  );
}

/** Keeps out those without `pp.subscriptions.read` (the backend refuses them too). */
export function SubscriptionsGate(props: { children: ReactNode }) {
  const { loading, allowed } = usePermission({
    permission: ppSubscriptionsReadPermission,
  });
  if (loading) return <Progress />;
  if (!allowed) {
    return (
      <Content>
        <Alert severity="warning">
          Subscriptions are open to subscription managers, admins and viewers.
          Ask an admin for one of these roles.
        </Alert>
      </Content>
    );
  }
  return <>{props.children}</>;
}

import { Chip, makeStyles } from '@material-ui/core';
import { PpSlaStatus } from '@internal/plugin-pp-common';
import { STATUS_LABELS } from './labels';

// the health plugin's colours: green met, amber within 10 % of a target, red a target missed
const useStyles = makeStyles(theme => ({
  compliant: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  breach: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  no_data: {
    backgroundColor: theme.palette.action.selected,
    color: theme.palette.text.primary,
  },
}));

/** An SLA status as a coloured chip with its word. */
export function SlaStatusChip(props: { status: PpSlaStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={STATUS_LABELS[props.status]}
      className={classes[props.status] ?? classes.no_data}
    />
  );
}

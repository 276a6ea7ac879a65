import { Chip, makeStyles } from '@material-ui/core';
import { PpKnowledgeSourceStatus } from '@internal/plugin-pp-common';
import { SOURCE_STATUS_LABELS } from './labels';

const useStyles = makeStyles(theme => ({
  active: {
    backgroundColor: theme.palette.success?.main ?? '#2e7d32',
    color: theme.palette.common.white,
  },
  failing: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.common.white,
  },
  paused: {},
}));

/** A source's state as a chip: green active, red failing, grey paused. */
export function SourceStatusChip(props: { status: PpKnowledgeSourceStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={SOURCE_STATUS_LABELS[props.status]}
      className={classes[props.status]}
    />
  );
}

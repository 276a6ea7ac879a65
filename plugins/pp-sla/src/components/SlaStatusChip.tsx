import { Chip } from '@material-ui/core';
import { PpSlaStatus } from '@internal/plugin-pp-common';
import { STATUS_LABELS } from './labels';

const STATUS_COLORS: Record<PpSlaStatus, 'primary' | 'secondary' | 'default'> =
  {
    compliant: 'primary',
    warning: 'default',
    breach: 'secondary',
    no_data: 'default',
  };

/** An SLA status as a coloured chip with its word. */
export function SlaStatusChip(props: { status: PpSlaStatus }) {
  return (
    <Chip
      size="small"
      label={STATUS_LABELS[props.status]}
      color={STATUS_COLORS[props.status]}
      variant={props.status === 'warning' ? 'outlined' : 'default'}
    />
  );
}

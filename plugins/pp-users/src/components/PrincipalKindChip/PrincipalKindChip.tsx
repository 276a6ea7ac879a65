import { Chip } from '@material-ui/core';
import PersonIcon from '@material-ui/icons/Person';
import AndroidIcon from '@material-ui/icons/Android';
import DnsIcon from '@material-ui/icons/Dns';
import { PpPrincipalKind } from '@internal/plugin-pp-common';

/** @internal */
export const PRINCIPAL_KIND_LABELS: Record<PpPrincipalKind, string> = {
  user: 'Person',
  agent: 'AI agent',
  service: 'Service',
};

const icons: Record<PpPrincipalKind, JSX.Element> = {
  user: <PersonIcon />,
  agent: <AndroidIcon />,
  service: <DnsIcon />,
};

/** Whether a person, an AI agent or a monitored service. */
export function PrincipalKindChip(props: { kind: PpPrincipalKind }) {
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={icons[props.kind]}
      label={PRINCIPAL_KIND_LABELS[props.kind] ?? props.kind}
    />
  );
}

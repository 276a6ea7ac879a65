import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Tab, Tabs, Typography } from '@material-ui/core';
import { ppSlaCreditsReadPermission } from '@internal/plugin-pp-common';
import { ReactNode } from 'react';
import { rootRouteRef } from '../routes';

/** The sections of `/pp/sla`. */
export type SlaSection = 'compliance' | 'breaches' | 'ola' | 'credits';

const SECTIONS: ReadonlyArray<{
  key: SlaSection;
  label: string;
  path: string;
}> = [
  { key: 'compliance', label: 'Compliance', path: '' },
  { key: 'breaches', label: 'Breaches', path: '/breaches' },
  { key: 'ola', label: 'OLAs', path: '/ola' },
  { key: 'credits', label: 'Credits', path: '/credits' },
];

/**
 * The tabs at the top of the SLA pages: Compliance, Breaches, OLAs, and Credits for those who may
 * read credits (admins). Each tab is a link, so a section has its own address.
 */
export function SlaSections(props: { current: SlaSection }) {
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const { allowed: canReadCredits } = usePermission({
    permission: ppSlaCreditsReadPermission,
  });
  const shown = SECTIONS.filter(s => s.key !== 'credits' || canReadCredits);
  return (
    <Box mb={2}>
      <Tabs
        value={shown.some(s => s.key === props.current) ? props.current : false}
        indicatorColor="primary"
        textColor="inherit"
        aria-label="SLA sections"
      >
        {shown.map(s => (
          <Tab
            key={s.key}
            value={s.key}
            label={s.label}
            component={Link}
            to={`${root}${s.path}`}
          />
        ))}
      </Tabs>
    </Box>
  );
}

/** A section's opening sentence under the tabs, with its main action (if any) on the right. */
export function SlaIntro(props: { children: ReactNode; action?: ReactNode }) {
  return (
    <Box display="flex" alignItems="flex-start" style={{ gap: 16 }}>
      <Box flexGrow={1}>
        <Typography variant="body2" color="textSecondary" paragraph>
          {props.children}
        </Typography>
      </Box>
      {props.action}
    </Box>
  );
}

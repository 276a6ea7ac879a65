import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Tab, Tabs, Typography } from '@material-ui/core';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import {
  PP_KNOWLEDGE_INDUSTRIES,
  PpKnowledgeIndustry,
  ppKnowledgeReadPermission,
  ppKnowledgeSearchPermission,
  ppRetuningReadPermission,
} from '@internal/plugin-pp-common';
import { ReactNode } from 'react';
import { useIndustry } from '../hooks/useIndustry';
import { rootRouteRef } from '../routes';
import { INDUSTRY_LABELS } from './labels';

/** The sections of `/pp/knowledge`. */
export type KnowledgeSection = 'sources' | 'changes' | 'search' | 'retuning';

const SECTIONS: ReadonlyArray<{
  key: KnowledgeSection;
  label: string;
  path: string;
}> = [
  { key: 'sources', label: 'Sources', path: '' },
  { key: 'changes', label: 'Changes', path: '/changes' },
  { key: 'search', label: 'Search', path: '/search' },
  { key: 'retuning', label: 'Retuning', path: '/retuning' },
];

/** The root of the knowledge pages (`/pp/knowledge`). */
export function useKnowledgeRoot() {
  return useRouteRef(rootRouteRef)?.() ?? '/pp/knowledge';
}

/**
 * The tabs at the top of the knowledge pages (each a link that keeps the industry) and the
 * industry switch. Sources and changes show to those who may read knowledge, search to those who
 * may search, retuning to those who may read proposals.
 */
export function KnowledgeSections(props: {
  current: KnowledgeSection;
  /** false: the section is the same for every industry (no switch). */
  industrySwitch?: boolean;
}) {
  const root = useKnowledgeRoot();
  const [industry, setIndustry] = useIndustry();
  const read = usePermission({ permission: ppKnowledgeReadPermission });
  const search = usePermission({ permission: ppKnowledgeSearchPermission });
  const retuning = usePermission({ permission: ppRetuningReadPermission });
  const allowed: Record<KnowledgeSection, boolean> = {
    sources: read.allowed,
    changes: read.allowed,
    search: search.allowed,
    retuning: retuning.allowed,
  };
  const shown = SECTIONS.filter(s => allowed[s.key]);
  return (
    <Box
      mb={2}
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 16 }}
    >
      <Box flexGrow={1}>
        <Tabs
          value={
            shown.some(s => s.key === props.current) ? props.current : false
          }
          indicatorColor="primary"
          textColor="inherit"
          aria-label="Knowledge sections"
        >
          {shown.map(s => (
            <Tab
              key={s.key}
              value={s.key}
              label={s.label}
              component={Link}
              to={`${root}${s.path}?industry=${industry}`}
            />
          ))}
        </Tabs>
      </Box>
      {props.industrySwitch !== false && (
        <ToggleButtonGroup
          exclusive
          size="small"
          value={industry}
          aria-label="Industry"
          onChange={(_e, v: PpKnowledgeIndustry | null) => v && setIndustry(v)}
        >
          {PP_KNOWLEDGE_INDUSTRIES.map(i => (
            <ToggleButton key={i} value={i} aria-label={INDUSTRY_LABELS[i]}>
              {INDUSTRY_LABELS[i]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      )}
    </Box>
  );
}

/** A section's opening sentence under the tabs, with its main action (if any) on the right. */
export function KnowledgeIntro(props: {
  children: ReactNode;
  action?: ReactNode;
}) {
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

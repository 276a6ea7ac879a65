import { Content, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Chip, Typography, makeStyles } from '@material-ui/core';
import {
  PP_KNOWLEDGE_SOURCE_TYPE_LABELS,
  PpKnowledgeSource,
  ppKnowledgeSourcesCreatePermission,
} from '@internal/plugin-pp-common';
import {
  PpDataTableColumn,
  PpPagedTable,
  formatDateTime,
  usePpNow,
  usePpOffsetList,
} from '@internal/plugin-pp-react';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ppKnowledgeApiRef } from '../api';
import { useIndustry } from '../hooks/useIndustry';
import { AddSourceDialog } from './AddSourceDialog';
import {
  KnowledgeIntro,
  KnowledgeSections,
  useKnowledgeRoot,
} from './KnowledgeSections';
import { INDUSTRY_LABELS, formatInZone, relativeTime } from './labels';
import { SourceStatusChip } from './SourceStatusChip';

const useStyles = makeStyles({
  when: { whiteSpace: 'nowrap' },
});

/** "in 5 h" over "4 Dec 2026, 02:00 (Asia/Kolkata)". */
function NextRun(props: { source: PpKnowledgeSource }) {
  const now = usePpNow();
  const { next_run_at: next, time_zone: zone } = props.source;
  if (!next) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.source.status === 'paused' ? 'Paused' : 'Not scheduled'}
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">{relativeTime(next, now)}</Typography>
      <Typography variant="caption" color="textSecondary">
        {formatInZone(next, zone)}
      </Typography>
    </>
  );
}

/**
 * `/pp/knowledge`: an industry's knowledge sources with their state, last and next run and
 * records; "Add knowledge source" for industry managers and admins.
 */
export function SourcesPage() {
  const classes = useStyles();
  const api = useApi(ppKnowledgeApiRef);
  const root = useKnowledgeRoot();
  const navigate = useNavigate();
  const [industry] = useIndustry();
  const { allowed: canCreate } = usePermission({
    permission: ppKnowledgeSourcesCreatePermission,
  });
  const [adding, setAdding] = useState(false);
  const [reload, setReload] = useState(0);
  const fetchPage = useCallback(
    (page: { limit: number; offset: number }) =>
      api.listSources({ industry, sort: 'name', order: 'asc', ...page }),
    [api, industry],
  );
  const list = usePpOffsetList(fetchPage, reload, 50);
  const link = (s: PpKnowledgeSource) =>
    `${root}/sources/${encodeURIComponent(s.id)}?industry=${s.industry}`;

  const columns: PpDataTableColumn<PpKnowledgeSource>[] = [
    {
      title: 'Source',
      render: s => (
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Link to={link(s)}>{s.name}</Link>
          {s.demo && (
            <Chip
              size="small"
              variant="outlined"
              label="demo"
              title="Demo data of the development setup, not a real source"
            />
          )}
        </Box>
      ),
    },
    { title: 'Type', render: s => PP_KNOWLEDGE_SOURCE_TYPE_LABELS[s.type] },
    { title: 'Status', render: s => <SourceStatusChip status={s.status} /> },
    {
      title: 'Last run',
      className: classes.when,
      render: s => (s.last_run_at ? formatDateTime(s.last_run_at) : 'Never'),
    },
    {
      title: 'Next run',
      className: classes.when,
      render: s => <NextRun source={s} />,
    },
    {
      title: 'Records',
      align: 'right',
      render: s => s.record_count.toLocaleString(),
    },
  ];

  return (
    <Content>
      <KnowledgeSections current="sources" />
      <KnowledgeIntro
        action={
          canCreate && (
            <Button
              variant="contained"
              color="primary"
              onClick={() => setAdding(true)}
            >
              Add knowledge source
            </Button>
          )
        }
      >
        Where the {INDUSTRY_LABELS[industry].toLocaleLowerCase('en-US')} agents’
        knowledge comes from. Each run fetches, splits and embeds the records; a
        run that changes the knowledge makes a new version.
      </KnowledgeIntro>
      {canCreate && adding && (
        <AddSourceDialog
          open
          industry={industry}
          onClose={() => setAdding(false)}
          onAdded={created => {
            setReload(r => r + 1);
            if (!created.webhook) {
              setAdding(false);
              navigate(link(created.source));
            }
          }}
        />
      )}
      <PpPagedTable
        label={`Knowledge sources of ${INDUSTRY_LABELS[industry]}`}
        list={list}
        total={list.page?.total_count}
        rowKey={s => s.id}
        columns={columns}
        emptyTitle={`No knowledge sources for ${INDUSTRY_LABELS[industry]} yet`}
        emptyDescription={
          canCreate
            ? 'Add a source: an API, a feed, a webhook or files you upload.'
            : 'An industry manager adds the sources its agents learn from.'
        }
      />
    </Content>
  );
}

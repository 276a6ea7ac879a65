import { useCallback } from 'react';
import { Box, Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { PpSlaBreach } from '@internal/plugin-pp-common';
import {
  PpPagedTable,
  formatDateTime,
  usePpNow,
  usePpOffsetList,
} from '@internal/plugin-pp-react';
import { ppSlaApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { runningFor } from './breachLabels';
import { formatDuration } from './olaLabels';

/** A breach still running counts up with the page's shared ticker. */
function StillBreached(props: { breach: PpSlaBreach }) {
  const now = usePpNow();
  return <>Still breached, for {runningFor(props.breach.started_at, now)}</>;
}

/**
 * The OLA breaches, newest first: when the commitment was missed, what (the OLA and the handoff or
 * ticket, in a sentence) and how long it stayed breached. Root causes and tickets are recorded on
 * the breaches page.
 */
export function OlaBreaches(props: { reloadKey?: unknown }) {
  const api = useApi(ppSlaApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const fetchPage = useCallback(
    (page: { limit: number; offset: number }) =>
      api.listBreaches({ ...page, kind: 'ola' }),
    [api],
  );
  const list = usePpOffsetList(fetchPage, props.reloadKey);
  return (
    <Box mb={4}>
      <Typography variant="h6" component="h2" gutterBottom>
        Breaches
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Each time a clock ran past its OLA’s commitment, newest first. Record
        root causes and tickets on the{' '}
        <Link to={`${root}/breaches?kind=ola`}>breaches page</Link>.
      </Typography>
      <PpPagedTable
        label="OLA breaches"
        list={list}
        total={list.page?.total_count}
        emptyTitle="No OLA breached"
        emptyDescription="Every clock so far stopped by its deadline or is still within it."
        rowKey={b => b.id}
        columns={[
          { title: 'When', render: b => formatDateTime(b.started_at) },
          { title: 'What', render: b => b.title },
          {
            title: 'How long',
            render: b =>
              b.ended_at === null ? (
                <StillBreached breach={b} />
              ) : (
                formatDuration(b.duration_minutes ?? 0)
              ),
          },
        ]}
      />
    </Box>
  );
}

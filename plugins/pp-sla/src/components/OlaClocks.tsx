import { ReactNode, useCallback, useState } from 'react';
import { Box, Typography, makeStyles } from '@material-ui/core';
import {
  StatusError,
  StatusOK,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { PP_OLA_CLOCK_STATES, PpOlaClock } from '@internal/plugin-pp-common';
import {
  PpFilterBar,
  PpPagedTable,
  PpSelectFilter,
  formatDateTime,
  usePpNow,
  usePpOffsetList,
} from '@internal/plugin-pp-react';
import { ppSlaApiRef } from '../api';
import {
  OLA_CLOCK_STATE_LABELS,
  OlaClockState,
  clockTimeText,
  liveClockState,
} from './olaLabels';

const STATE_ICONS: Record<
  OlaClockState,
  (props: { children?: ReactNode }) => JSX.Element
> = {
  running: StatusRunning,
  met: StatusOK,
  met_late: StatusWarning,
  breached: StatusError,
};

const EMPTY_TITLES: Record<OlaClockState, string> = {
  running: 'No clock is running',
  met: 'No clock was met',
  met_late: 'No clock was met late',
  breached: 'No clock is breached',
};

function StateText(props: { state: OlaClockState }) {
  const Icon = STATE_ICONS[props.state];
  return <Icon>{OLA_CLOCK_STATE_LABELS[props.state]}</Icon>;
}

/** A clock still running: its state and time left follow the page's shared ticker. */
function LiveState(props: { clock: PpOlaClock }) {
  const now = usePpNow();
  return <StateText state={liveClockState(props.clock, now)} />;
}

function LiveTime(props: { clock: PpOlaClock }) {
  const now = usePpNow();
  return <>{clockTimeText(props.clock, now)}</>;
}

/**
 * The OLA clocks, nearest deadline first: what is timed, against which OLA, since when, by when,
 * its state, and for a clock still running the time left (or overdue), ticking live. Only the
 * running clocks on screen keep the shared ticker going.
 */
const useStyles = makeStyles({
  // a long ticket title wraps inside its column instead of pushing the table past the page
  text: { overflowWrap: 'anywhere', minWidth: '12em' },
});

export function OlaClocks(props: { reloadKey?: unknown }) {
  const classes = useStyles();
  const api = useApi(ppSlaApiRef);
  const [state, setState] = useState<OlaClockState | ''>('');
  const fetchPage = useCallback(
    (page: { limit: number; offset: number }) =>
      api.listOlaClocks({ ...page, state: state || undefined }),
    [api, state],
  );
  const list = usePpOffsetList(fetchPage, props.reloadKey);
  return (
    <Box mb={4}>
      <Typography variant="h6" component="h2" gutterBottom>
        Clocks
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Every handoff or ticket timed against an OLA, the nearest deadline
        first.
      </Typography>
      <PpFilterBar>
        <PpSelectFilter
          id="pp-ola-clocks-state"
          label="State"
          value={state}
          onChange={v => setState(v as OlaClockState | '')}
          anyLabel="Any state"
          options={PP_OLA_CLOCK_STATES.map(s => ({
            value: s,
            label: OLA_CLOCK_STATE_LABELS[s],
          }))}
          style={{ minWidth: 160 }}
        />
      </PpFilterBar>
      <PpPagedTable
        label="OLA clocks"
        list={list}
        total={list.page?.total_count}
        emptyTitle={EMPTY_TITLES[state || 'running']}
        emptyDescription="A clock starts when a handoff is submitted or a ticket is created under an OLA; the OLA job checks them every few minutes."
        rowKey={c => c.id}
        rowProps={c => ({ 'data-testid': `ola-clock-${c.id}` })}
        columns={[
          {
            title: 'What is timed',
            className: classes.text,
            render: c => c.subject_title,
          },
          { title: 'OLA', render: c => c.ola_name },
          { title: 'Started', render: c => formatDateTime(c.started_at) },
          { title: 'Deadline', render: c => formatDateTime(c.deadline) },
          {
            title: 'State',
            render: c =>
              c.stopped_at ? (
                <StateText state={c.state} />
              ) : (
                <LiveState clock={c} />
              ),
          },
          {
            title: 'Time',
            render: c =>
              c.stopped_at ? clockTimeText(c, 0) : <LiveTime clock={c} />,
          },
        ]}
      />
    </Box>
  );
}

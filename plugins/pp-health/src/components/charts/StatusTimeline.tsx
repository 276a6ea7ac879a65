import { Box, Typography, makeStyles, useTheme } from '@material-ui/core';
import {
  PpHealthSeriesPoint,
  PpHealthWindow,
  PpServiceStatus,
} from '@internal/plugin-pp-common';
import { formatTime } from '../../util/format';

const LABELS: Record<PpServiceStatus, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'No data',
};
const ORDER: PpServiceStatus[] = ['up', 'degraded', 'down', 'unknown'];

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
}));

/** The theme colour of each status (the same as the status chips). */
export function useStatusColours(): Record<PpServiceStatus, string> {
  const theme = useTheme();
  return {
    up: theme.palette.success.main,
    degraded: theme.palette.warning.main,
    down: theme.palette.error.main,
    unknown: theme.palette.action.disabledBackground,
  };
}

const share = (n: number, total: number) =>
  `${Math.round((n / total) * 1000) / 10} %`;

/** The sentence a screen reader gets for the timeline. */
export function timelineSummary(
  series: PpHealthSeriesPoint[],
  window: PpHealthWindow,
): string {
  const counts = { up: 0, degraded: 0, down: 0, unknown: 0 };
  for (const p of series) counts[p.status ?? 'unknown']++;
  const total = series.length || 1;
  const parts = ORDER.filter(s => counts[s] > 0).map(
    s => `${LABELS[s].toLowerCase()} ${share(counts[s], total)}`,
  );
  const incidents = series.filter(p => p.status === 'down').length;
  return `Status over the last ${window}: ${parts.join(', ')} of the time${
    incidents ? `; down in ${incidents} of ${series.length} intervals` : ''
  }.`;
}

/**
 * The uptime / status timeline: one coloured segment per bucket of the window (up, degraded,
 * down, no data, by the backend's timeline rule), its time and figures on hover.
 */
export function StatusTimeline(props: {
  series: PpHealthSeriesPoint[];
  window: PpHealthWindow;
  bucketSeconds: number;
}) {
  const classes = useStyles();
  const colours = useStatusColours();
  const { series } = props;
  if (!series.length) {
    return (
      <Typography color="textSecondary">No status to show yet.</Typography>
    );
  }
  const width = 1000;
  const segment = width / series.length;
  const gap = series.length > 150 ? 0 : 1;
  return (
    <Box>
      <svg
        role="img"
        aria-label={timelineSummary(series, props.window)}
        data-testid="status-timeline"
        viewBox={`0 0 ${width} 32`}
        preserveAspectRatio="none"
        width="100%"
        height={32}
      >
        {series.map((p, i) => {
          const status = p.status ?? 'unknown';
          const end = new Date(
            Date.parse(p.at) + props.bucketSeconds * 1000,
          ).toISOString();
          const figures =
            p.checks > 0
              ? ` · uptime ${p.uptime_percent ?? '—'} % · errors ${
                  p.error_rate === null
                    ? '—'
                    : `${Math.round(p.error_rate * 1000) / 10} %`
                }`
              : '';
          return (
            <rect
              key={p.at}
              data-status={status}
              x={i * segment}
              y={0}
              width={Math.max(segment - gap, 0.5)}
              height={32}
              fill={colours[status]}
            >
              <title>{`${formatTime(p.at)} – ${formatTime(end)}: ${
                LABELS[status]
              }${figures}`}</title>
            </rect>
          );
        })}
      </svg>
      <Box
        display="flex"
        justifyContent="space-between"
        aria-hidden
        color="text.secondary"
      >
        <Typography variant="caption">{formatTime(series[0].at)}</Typography>
        <Typography variant="caption">now</Typography>
      </Box>
      <div className={classes.legend} aria-hidden>
        {ORDER.map(s => (
          <Typography key={s} variant="caption" color="textSecondary">
            <span
              className={classes.swatch}
              style={{ backgroundColor: colours[s] }}
            />
            {LABELS[s]}
          </Typography>
        ))}
      </div>
    </Box>
  );
}

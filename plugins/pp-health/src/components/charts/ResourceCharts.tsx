import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Typography,
  useTheme,
} from '@material-ui/core';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  PpHealthSeriesPoint,
  PpHealthWindow,
} from '@internal/plugin-pp-common';
import { formatTime } from '../../util/format';

const METRICS = [
  { key: 'cpu_percent', name: 'CPU' },
  { key: 'memory_percent', name: 'Memory' },
  { key: 'disk_percent', name: 'Disk' },
] as const;

/** The sentence a screen reader gets: average and peak of each reported resource. */
export function resourceSummary(
  series: PpHealthSeriesPoint[],
  window: PpHealthWindow,
): string {
  const parts = METRICS.flatMap(m => {
    const values = series
      .map(p => p[m.key])
      .filter((v): v is number => v !== null && v !== undefined);
    if (!values.length) return [];
    const avg = values.reduce((a, b) => a + b, 0) / values.length;
    return [
      `${m.name} averaged ${avg.toFixed(0)} % (peak ${Math.max(
        ...values,
      ).toFixed(0)} %)`,
    ];
  });
  return `Resource use over the last ${window}: ${parts.join(', ')}.`;
}

function tick(window: PpHealthWindow) {
  return (iso: string) => {
    const d = new Date(iso);
    return window === '7d' || window === '30d'
      ? d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
      : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  };
}

/**
 * CPU, memory and disk as the service's heartbeats report them (averaged per bucket), 0..100 %.
 * A service that reports none gets a sentence saying so, not an empty chart.
 */
export function ResourceCharts(props: {
  series: PpHealthSeriesPoint[];
  window: PpHealthWindow;
}) {
  const theme = useTheme();
  const reported = props.series.some(p =>
    METRICS.some(m => p[m.key] !== null && p[m.key] !== undefined),
  );
  const colours: Record<(typeof METRICS)[number]['key'], string> = {
    cpu_percent: theme.palette.primary.main,
    memory_percent: theme.palette.secondary.main,
    disk_percent: theme.palette.info.main,
  };
  const axis = { stroke: theme.palette.text.secondary, fontSize: 12 };
  return (
    <Card>
      <CardHeader
        title="CPU, memory and disk"
        titleTypographyProps={{ variant: 'h6' }}
      />
      <CardContent>
        {reported ? (
          <Box
            height={260}
            role="img"
            aria-label={resourceSummary(props.series, props.window)}
            data-testid="chart-resources"
          >
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={props.series}>
                <CartesianGrid
                  stroke={theme.palette.divider}
                  strokeDasharray="3 3"
                />
                <XAxis
                  dataKey="at"
                  tickFormatter={tick(props.window)}
                  {...axis}
                />
                <YAxis unit="%" width={50} domain={[0, 100]} {...axis} />
                <Tooltip
                  contentStyle={{
                    backgroundColor: theme.palette.background.paper,
                    borderColor: theme.palette.divider,
                    color: theme.palette.text.primary,
                  }}
                  labelFormatter={(l: string) => formatTime(l)}
                  formatter={(v: number) => `${v} %`}
                />
                <Legend />
                {METRICS.map(m => (
                  <Line
                    key={m.key}
                    type="monotone"
                    dataKey={m.key}
                    name={m.name}
                    stroke={colours[m.key]}
                    dot={false}
                    connectNulls
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </Box>
        ) : (
          <Typography color="textSecondary" data-testid="chart-resources-none">
            This service reported no CPU, memory or disk figures in this window.
            Services send them with their heartbeats.
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Grid,
  Typography,
  useTheme,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { PpSlaCompliance, PpSlaDay } from '@internal/plugin-pp-common';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMetric } from './labels';
import {
  SLA_TREND_METRICS,
  SlaTrendMetric,
  dayRange,
  misses,
  shortDay,
  trendSentence,
} from './trend';

const CHARTS: SlaTrendMetric[] = ['uptime', 'p95', 'error_rate'];

/** One point per day of the window; a day the job did not store has no figures (a gap). */
type ChartDay = {
  day: string;
  stored: PpSlaDay | undefined;
  value: number | null;
};

/** Days with a breach and days with maintenance, in words (shown under each chart, and read). */
export function markedDays(days: ReadonlyArray<PpSlaDay>): {
  breach: string[];
  maintenance: string[];
} {
  return {
    breach: days.filter(d => d.status === 'breach').map(d => d.day),
    maintenance: days.filter(d => d.maintenance_minutes > 0).map(d => d.day),
  };
}

const dayList = (days: string[]) => days.map(shortDay).join(', ');

function MetricChart(props: {
  metric: SlaTrendMetric;
  compliance: PpSlaCompliance;
}) {
  const theme = useTheme();
  const { metric, compliance: c } = props;
  const info = SLA_TREND_METRICS[metric];
  const target = info.target(c.definition.targets);
  const byDay = new Map(c.days.map(d => [d.day, d]));
  const data: ChartDay[] = dayRange(c.from, c.to).map(day => {
    const stored = byDay.get(day);
    return { day, stored, value: stored ? stored[info.key] : null };
  });
  const known = data.filter(d => d.value !== null);
  const marks = markedDays(c.days);
  const title = `${info.label} per day`;
  const testId = `sla-chart-${metric}`;
  const axis = { stroke: theme.palette.text.secondary, fontSize: 12 };
  const values = known.map(d => d.value!);
  // the target stays in view; uptime reads near 100 %, so not from 0
  const domain: [number, number] =
    info.better === 'higher'
      ? [
          Math.max(0, Math.floor(Math.min(target, ...values) - 0.5)),
          Math.max(100, ...values),
        ]
      : [0, Math.ceil(Math.max(target, ...values) * 1.1)];
  const sentence = `${trendSentence(metric, c.days, target)}${
    marks.breach.length ? ` Days with a breach: ${dayList(marks.breach)}.` : ''
  }${
    marks.maintenance.length
      ? ` Days with maintenance: ${dayList(marks.maintenance)}.`
      : ''
  }`;
  return (
    <Card>
      <CardHeader title={title} titleTypographyProps={{ variant: 'h6' }} />
      <CardContent>
        {known.length === 0 ? (
          <Typography color="textSecondary" data-testid={`${testId}-none`}>
            No daily {info.label.toLowerCase()} figure in the last 30 days: the
            health checks reported none for this agent’s service.
          </Typography>
        ) : (
          <>
            <Box
              height={220}
              role="img"
              aria-label={sentence}
              data-testid={testId}
            >
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={data}>
                  <CartesianGrid
                    stroke={theme.palette.divider}
                    strokeDasharray="3 3"
                  />
                  <XAxis dataKey="day" tickFormatter={shortDay} {...axis} />
                  <YAxis
                    domain={domain}
                    width={60}
                    allowDataOverflow
                    tickFormatter={(v: number) => formatMetric(info.unit, v)}
                    {...axis}
                  />
                  <Tooltip
                    contentStyle={{
                      backgroundColor: theme.palette.background.paper,
                      borderColor: theme.palette.divider,
                      color: theme.palette.text.primary,
                    }}
                    labelFormatter={(l: string) => {
                      const d = byDay.get(l);
                      const notes = [
                        d?.status === 'breach' ? 'a breach' : '',
                        d && d.maintenance_minutes > 0
                          ? `${Math.round(
                              d.maintenance_minutes,
                            )} min of maintenance`
                          : '',
                      ].filter(Boolean);
                      return `${shortDay(l)}${
                        notes.length ? ` (${notes.join(', ')})` : ''
                      }`;
                    }}
                    formatter={(v: number) => formatMetric(info.unit, v)}
                  />
                  {marks.maintenance.map(day => (
                    <ReferenceLine
                      key={`m-${day}`}
                      x={day}
                      stroke={theme.palette.info.main}
                      strokeDasharray="2 4"
                    />
                  ))}
                  {marks.breach.map(day => (
                    <ReferenceLine
                      key={`b-${day}`}
                      x={day}
                      stroke={theme.palette.error.main}
                      strokeOpacity={0.5}
                    />
                  ))}
                  <ReferenceLine
                    y={target}
                    stroke={theme.palette.warning.main}
                    strokeDasharray="6 3"
                    label={{
                      value: `Target ${
                        info.better === 'higher' ? '≥' : '<'
                      } ${formatMetric(info.unit, target)}`,
                      fill: axis.stroke,
                      fontSize: 11,
                      position: 'insideTopRight',
                    }}
                  />
                  <Line
                    type="monotone"
                    dataKey="value"
                    name={info.label}
                    stroke={theme.palette.primary.main}
                    isAnimationActive={false}
                    dot={(p: any) => {
                      if (p.payload.value === null) return <g key={p.key} />;
                      const missed = misses(info, p.payload.value, target);
                      return (
                        <circle
                          key={p.key}
                          cx={p.cx}
                          cy={p.cy}
                          r={missed ? 4 : 2}
                          fill={
                            missed
                              ? theme.palette.error.main
                              : theme.palette.primary.main
                          }
                        />
                      );
                    }}
                  />
                </LineChart>
              </ResponsiveContainer>
            </Box>
            <Typography
              variant="caption"
              color="textSecondary"
              component="p"
              aria-hidden
            >
              Dashed line: the target of the SLA in force. Large red dots: days
              over the target. Red lines: days with a breach; blue dotted lines:
              days with maintenance (left out of uptime).
            </Typography>
          </>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * The agent page's charts: uptime, p95 response time and error rate per day over the 30-day
 * window against the targets of the SLA in force, days with a breach or maintenance marked.
 */
export function SlaCharts(props: { compliance: PpSlaCompliance }) {
  const c = props.compliance;
  if (c.days.length === 0) {
    return (
      <Alert severity="info" data-testid="sla-charts-empty">
        No day computed yet: the daily compliance job fills these charts with
        uptime, p95 response time and error rate per day once it has run for
        this agent.
      </Alert>
    );
  }
  return (
    <Grid container spacing={2}>
      {CHARTS.map(metric => (
        <Grid item xs={12} md={4} key={metric}>
          <MetricChart metric={metric} compliance={c} />
        </Grid>
      ))}
    </Grid>
  );
}

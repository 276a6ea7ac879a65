import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Typography,
  useTheme,
} from '@material-ui/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { PpSubscriptionDetail } from '@internal/plugin-pp-common';
import { formatDay, formatScore, formatShortDay } from '../../util/format';

/** The chart approach of pp-health's service detail: recharts in a card, theme colours. */
function ChartCard(props: {
  title: string;
  testId: string;
  empty?: string;
  children: JSX.Element;
}) {
  return (
    <Card>
      <CardHeader
        title={props.title}
        titleTypographyProps={{ variant: 'h6' }}
      />
      <CardContent>
        {props.empty ? (
          <Typography color="textSecondary">{props.empty}</Typography>
        ) : (
          <Box height={260} data-testid={props.testId}>
            <ResponsiveContainer width="100%" height="100%">
              {props.children}
            </ResponsiveContainer>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

function useChartStyle() {
  const theme = useTheme();
  return {
    theme,
    axis: { stroke: theme.palette.text.secondary, fontSize: 12 },
    tooltip: {
      contentStyle: {
        backgroundColor: theme.palette.background.paper,
        borderColor: theme.palette.divider,
        color: theme.palette.text.primary,
      },
    },
  };
}

/** The daily score of the last 90 days, with the band limits (60, 80) drawn. */
export function ScoreHistoryChart(props: { detail: PpSubscriptionDetail }) {
  const { theme, axis, tooltip } = useChartStyle();
  const data = props.detail.score_history.map(s => ({
    day: s.day,
    score: s.score,
  }));
  return (
    <ChartCard
      title="Health score, last 90 days"
      testId="chart-score-history"
      empty={
        data.length === 0
          ? 'No daily score yet: the score job has not scored this subscription.'
          : undefined
      }
    >
      <LineChart data={data}>
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis dataKey="day" tickFormatter={formatShortDay} {...axis} />
        <YAxis domain={[0, 100]} width={40} {...axis} />
        <Tooltip
          {...tooltip}
          labelFormatter={(l: string) => formatDay(l)}
          formatter={(v: number) => formatScore(v)}
        />
        <ReferenceLine
          y={80}
          stroke={theme.palette.success.main}
          strokeDasharray="4 4"
          label={{
            value: 'Healthy 80',
            fill: axis.stroke,
            fontSize: 11,
            position: 'insideTopLeft',
          }}
        />
        <ReferenceLine
          y={60}
          stroke={theme.palette.error.main}
          strokeDasharray="4 4"
          label={{
            value: 'Critical below 60',
            fill: axis.stroke,
            fontSize: 11,
            position: 'insideBottomLeft',
          }}
        />
        <Line
          type="monotone"
          dataKey="score"
          name="Health score"
          stroke={theme.palette.primary.main}
          dot={data.length < 3}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartCard>
  );
}

/** Agent runs per day of the last 30 days, stacked: succeeded, failed, other. */
export function RunsPerDayChart(props: { detail: PpSubscriptionDetail }) {
  const { theme, axis, tooltip } = useChartStyle();
  const data = props.detail.runs_per_day;
  const none = data.every(d => d.succeeded + d.failed + d.other === 0);
  return (
    <ChartCard
      title="Agent runs per day, last 30 days"
      testId="chart-runs-per-day"
      empty={none ? 'No agent runs in the last 30 days.' : undefined}
    >
      <BarChart data={data}>
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis dataKey="day" tickFormatter={formatShortDay} {...axis} />
        <YAxis allowDecimals={false} width={40} {...axis} />
        <Tooltip {...tooltip} labelFormatter={(l: string) => formatDay(l)} />
        <Legend />
        <Bar
          dataKey="succeeded"
          name="Succeeded"
          stackId="runs"
          fill={theme.palette.success.main}
          isAnimationActive={false}
        />
        <Bar
          dataKey="failed"
          name="Failed"
          stackId="runs"
          fill={theme.palette.error.main}
          isAnimationActive={false}
        />
        <Bar
          dataKey="other"
          name="Running or canceled"
          stackId="runs"
          fill={theme.palette.text.disabled}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartCard>
  );
}

import { useTheme } from '@material-ui/core';
import { PpHealthSparkPoint } from '@internal/plugin-pp-common';

/**
 * A small trend line without axes, for a table cell: the values oldest first (null: no data, a
 * gap). Its sentence (`label`) is what a screen reader gets and what shows on hover.
 */
export function Sparkline(props: {
  values: Array<number | null>;
  label: string;
  colour?: string;
  width?: number;
  height?: number;
  testId?: string;
}) {
  const theme = useTheme();
  const { values, width = 96, height = 24 } = props;
  const known = values.filter((v): v is number => v !== null);
  const max = Math.max(...known, 0);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const y = (v: number) =>
    max > 0 ? height - 2 - (v / max) * (height - 4) : height - 2;
  // one path, broken where there is no data
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${(i * step).toFixed(1)},${y(v).toFixed(1)} `;
    pen = true;
  });
  const last = [...values].reverse().findIndex(v => v !== null);
  const lastIndex = last < 0 ? -1 : values.length - 1 - last;
  const colour = props.colour ?? theme.palette.primary.main;
  return (
    <svg
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <title>{props.label}</title>
      <line
        x1={0}
        x2={width}
        y1={height - 2}
        y2={height - 2}
        stroke={theme.palette.divider}
      />
      {d && <path d={d.trim()} fill="none" stroke={colour} strokeWidth={1.5} />}
      {lastIndex >= 0 && (
        <circle
          cx={lastIndex * step}
          cy={y(values[lastIndex]!)}
          r={2}
          fill={colour}
        />
      )}
    </svg>
  );
}

const pct = (v: number) => `${Math.round(v * 1000) / 10} %`;
const ms = (v: number) => `${Math.round(v)} ms`;

/** The sentence of a sparkline: what, over which span, first → last and the peak. */
export function sparklineSummary(
  what: 'Error rate' | 'p95 response time',
  points: PpHealthSparkPoint[],
  window: string,
): string {
  const values = points
    .map(p => (what === 'Error rate' ? p.error_rate : p.p95_response_ms))
    .filter((v): v is number => v !== null);
  if (!values.length) return `${what}: no data in the last ${window}.`;
  const f = what === 'Error rate' ? pct : ms;
  return `${what} over the last ${window}: ${f(values[0])} at first, ${f(
    values[values.length - 1],
  )} now, peak ${f(Math.max(...values))}.`;
}

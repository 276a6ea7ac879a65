import { useTheme } from '@material-ui/core';

/**
 * Props of {@link PpSparkline}.
 *
 * @public
 */
export interface PpSparklineProps {
  /** The values, oldest first; null: no data (a gap in the line). */
  values: ReadonlyArray<number | null>;
  /** The sentence a screen reader gets and what shows on hover, e.g. "Uptime: 99.9 % at first, …". */
  label: string;
  colour?: string;
  width?: number;
  height?: number;
  /**
   * `zero` (default): from 0 to the peak. `range`: from the lowest to the highest value (and
   * `reference`), for figures that move near a bound, e.g. an uptime around 99.9 %.
   */
  scale?: 'zero' | 'range';
  /** A value drawn as a dashed line across, e.g. a target. */
  reference?: number;
  testId?: string;
}

/**
 * A small trend line without axes, for a table cell: one path broken where there is no data, a
 * dot on the latest value, an optional dashed reference (a target). Its `label` is the chart's
 * accessible name and its hover title: give it a sentence, not "chart".
 *
 * @public
 */
export function PpSparkline(props: PpSparklineProps) {
  const theme = useTheme();
  const { values, width = 96, height = 24, scale = 'zero', reference } = props;
  const known = values.filter((v): v is number => v !== null);
  if (reference !== undefined) known.push(reference);
  const max = Math.max(...known, 0);
  const min = scale === 'range' && known.length ? Math.min(...known) : 0;
  const span = max - min;
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const y = (v: number) =>
    span > 0 ? height - 2 - ((v - min) / span) * (height - 4) : height - 2;
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
      {reference !== undefined && (
        <line
          data-reference
          x1={0}
          x2={width}
          y1={y(reference)}
          y2={y(reference)}
          stroke={theme.palette.text.secondary}
          strokeDasharray="2 2"
          strokeWidth={1}
        />
      )}
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

/** Rollup bucket size: 5 minutes. */
export const ROLLUP_BUCKET_MS = 5 * 60_000;

/** Upper bounds (ms, inclusive) of the response-time histogram columns h0..h11 of pp_health_rollups. */
export const HISTOGRAM_BOUNDS = [
  25,
  50,
  100,
  200,
  300,
  500,
  750,
  1000,
  2000,
  5000,
  10000,
  Infinity,
] as const;

export const HISTOGRAM_COLUMNS = HISTOGRAM_BOUNDS.map((_, i) => `h${i}`);

/** The rollup columns that add up across checks and buckets (resp_max is a maximum). */
export const ROLLUP_SUM_COLUMNS = [
  'checks',
  'ok_checks',
  'down_checks',
  'resp_count',
  'resp_sum',
  'error_rate_sum',
  ...HISTOGRAM_COLUMNS,
];

export function bucketStart(at: Date, sizeMs = ROLLUP_BUCKET_MS): Date {
  return new Date(Math.floor(at.getTime() / sizeMs) * sizeMs);
}

export function histogramIndex(ms: number): number {
  const i = HISTOGRAM_BOUNDS.findIndex(b => ms <= b);
  return i < 0 ? HISTOGRAM_BOUNDS.length - 1 : i;
}

/**
 * The q-quantile (0..1) of a response histogram, interpolated linearly within its bucket; the
 * open last bucket is capped by the largest response seen (`max`). null without samples.
 */
export function histogramQuantile(
  counts: number[],
  q: number,
  max: number,
): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!c) continue;
    if (seen + c >= rank) {
      const lower = i === 0 ? 0 : HISTOGRAM_BOUNDS[i - 1];
      const upperBound = HISTOGRAM_BOUNDS[i];
      const upper = Math.min(
        Number.isFinite(upperBound) ? upperBound : max,
        Math.max(max, lower),
      );
      const frac = (rank - seen) / c;
      return Math.round(lower + (upper - lower) * frac);
    }
    seen += c;
  }
  return Math.round(max);
}

/** Aggregated rollup figures over some buckets. */
export interface RollupAggregate {
  checks: number;
  ok_checks: number;
  down_checks: number;
  resp_count: number;
  resp_sum: number;
  resp_max: number;
  error_rate_sum: number;
  hist: number[];
}

export function emptyAggregate(): RollupAggregate {
  return {
    checks: 0,
    ok_checks: 0,
    down_checks: 0,
    resp_count: 0,
    resp_sum: 0,
    resp_max: 0,
    error_rate_sum: 0,
    hist: HISTOGRAM_BOUNDS.map(() => 0),
  };
}

export function addRow(agg: RollupAggregate, row: any): RollupAggregate {
  agg.checks += Number(row.checks) || 0;
  agg.ok_checks += Number(row.ok_checks) || 0;
  agg.down_checks += Number(row.down_checks) || 0;
  agg.resp_count += Number(row.resp_count) || 0;
  agg.resp_sum += Number(row.resp_sum) || 0;
  agg.resp_max = Math.max(agg.resp_max, Number(row.resp_max) || 0);
  agg.error_rate_sum += Number(row.error_rate_sum) || 0;
  HISTOGRAM_COLUMNS.forEach((col, i) => {
    agg.hist[i] += Number(row[col]) || 0;
  });
  return agg;
}

export function figures(agg: RollupAggregate) {
  return {
    checks: agg.checks,
    p50_response_ms: histogramQuantile(agg.hist, 0.5, agg.resp_max),
    p95_response_ms: histogramQuantile(agg.hist, 0.95, agg.resp_max),
    max_response_ms: agg.resp_count ? agg.resp_max : null,
    error_rate: agg.checks
      ? Math.round((agg.error_rate_sum / agg.checks) * 10000) / 10000
      : null,
    uptime_percent: agg.checks
      ? Math.round((agg.ok_checks / agg.checks) * 100000) / 1000
      : null,
  };
}

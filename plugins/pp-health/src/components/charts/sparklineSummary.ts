import { PpHealthSparkPoint } from '@internal/plugin-pp-common';

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

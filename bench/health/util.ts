/* Timing and bulk-load helpers of the health data benchmark. */

export interface Stats {
  p50: number;
  p95: number;
  mean: number;
}

export interface Comparison {
  name: string;
  code: Stats;
  raw: Stats;
  /** p95 target in ms for the code path */
  targetP95?: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    p50: at(0.5),
    p95: at(0.95),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Warm-up, then `iterations` alternating runs of the code path and the raw SQL. */
export async function compare(
  name: string,
  code: () => Promise<unknown>,
  raw: () => Promise<unknown>,
  iterations: number,
  targetP95?: number,
): Promise<Comparison> {
  for (let i = 0; i < 5; i++) {
    await code();
    await raw();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < iterations; i++) {
    a.push(await timed(code));
    b.push(await timed(raw));
  }
  const result = { name, code: stats(a), raw: stats(b), targetP95 };
  console.log(
    `  ${name}: code p50 ${result.code.p50.toFixed(
      2,
    )} / p95 ${result.code.p95.toFixed(2)} ms, raw p50 ${result.raw.p50.toFixed(
      2,
    )} / p95 ${result.raw.p95.toFixed(2)} ms`,
  );
  return result;
}

export function formatComparisons(results: Comparison[]): string {
  const lines = [
    '| read | code p50 ms | code p95 ms | raw SQL p50 ms | raw SQL p95 ms | p95 ratio | target p95 |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const target =
      r.targetP95 === undefined
        ? '–'
        : `≤ ${r.targetP95} ms: ${
            r.code.p95 <= r.targetP95 ? 'met' : 'MISSED'
          }`;
    lines.push(
      `| ${r.name} | ${r.code.p50.toFixed(2)} | ${r.code.p95.toFixed(
        2,
      )} | ${r.raw.p50.toFixed(2)} | ${r.raw.p95.toFixed(2)} | ${(
        r.code.p95 / r.raw.p95
      ).toFixed(2)}× | ${target} |`,
    );
  }
  return lines.join('\n');
}

export function progress(text: string) {
  if (process.stdout.isTTY) process.stdout.write(`\r${text}`);
  else console.log(text);
}

/**
 * Bulk load as an operator would: drop the table's secondary indexes, insert, recreate the very
 * same indexes (their definitions are read from pg_indexes first), ANALYZE.
 */
export async function bulkLoad(
  admin: any,
  table: string,
  insert: () => Promise<void>,
): Promise<{ insertS: string; indexS: string; analyzeS: string }> {
  const { rows } = await admin.query(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.tablename = $1 and i.schemaname = current_schema()
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [table],
  );
  for (const r of rows) await admin.query(`drop index "${r.indexname}"`);
  let t = Date.now();
  await insert();
  const insertS = ((Date.now() - t) / 1000).toFixed(1);
  t = Date.now();
  await admin.query(`set maintenance_work_mem = '1GB'`);
  for (const r of rows) await admin.query(r.indexdef);
  const indexS = ((Date.now() - t) / 1000).toFixed(1);
  t = Date.now();
  await admin.query(`analyze "${table}"`);
  await admin.query(`vacuum "${table}"`); // visibility map: index-only scans like a settled table
  const analyzeS = ((Date.now() - t) / 1000).toFixed(1);
  return { insertS, indexS, analyzeS };
}

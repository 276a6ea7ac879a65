import http from 'node:http';
import { randomBytes } from 'node:crypto';

/** What the HTTP benchmarks share: latency figures of a row, measured at a concurrency. */
export interface Figures {
  p50: number;
  p95: number;
  rps: number;
}

/** Runs `once` `n` times from `concurrency` callers; p50/p95 latency (ms) and throughput. */
export async function measure(
  n: number,
  concurrency: number,
  once: () => Promise<void>,
): Promise<Figures> {
  const times: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next += 1;
        const t0 = process.hrtime.bigint();
        await once();
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95), rps: times.length / seconds };
}

/** The URL of database `name` on the server of `base`. */
export function dbUrl(base: string, name: string) {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A JSON GET against `baseUrl` with `authorization`, over `agent` (keep-alive): the body of a
 * 200, else a rejection naming the status and the body.
 */
export function jsonGetter(
  baseUrl: string,
  authorization: string,
  agent: http.Agent,
) {
  return (path: string) =>
    new Promise<any>((resolve, reject) => {
      http
        .get(
          new URL(`${baseUrl}${path}`),
          { agent, headers: { authorization, accept: 'application/json' } },
          res => {
            let body = '';
            res.on('data', c => (body += c));
            res.on('end', () =>
              res.statusCode === 200
                ? resolve(JSON.parse(body))
                : reject(
                    new Error(`GET ${path} answered ${res.statusCode} ${body}`),
                  ),
            );
          },
        )
        .on('error', reject);
    });
}

/**
 * The `pp` settings production mode (NODE_ENV=production, as the benches run) asks for and a bench
 * has no real value for: throwaway keys for the audit chain and the knowledge plugin's source
 * credentials, and the SLA and knowledge demo definitions off (they refuse to start in
 * production). Spread first into a bench's `pp` section; the demo people still sign in.
 */
export function ppBenchProductionSettings() {
  return {
    audit: { secret: randomBytes(48).toString('base64url') },
    sla: { demo: { enabled: false } },
    knowledge: {
      demo: { enabled: false },
      credentialsKey: randomBytes(32).toString('base64'),
    },
  };
}

import http from 'node:http';
import path from 'node:path';
import { fork } from 'node:child_process';
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

/** What the out-of-process load client (bench/loadClient.js) measured for one row. */
export interface LoadFigures extends Figures {
  statuses: Record<string, number>;
  /** Conditional rows: answers that were 200 because the data changed meanwhile. */
  changed: number;
  /** Conditional rows: the ETag in use at the end. */
  etag?: string;
  /** CPU time of this (the backend's) process per answer, in ms: user + system. */
  cpuMs: number;
}

/**
 * Forks bench/loadClient.js: GET rows run in a process of their own, as a load tool against a
 * running portal would, so this process (the backend) serves requests only and its CPU per answer
 * (`cpuMs`, from `process.cpuUsage`) is the server's cost of the answer.
 */
export function startLoadClient() {
  const child = fork(path.join(__dirname, 'loadClient.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const waiting = new Map<number, (answer: any) => void>();
  child.on('message', (answer: any) => {
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  });
  return {
    async get(job: {
      /** One URL, or `urls` asked in turn. */
      url?: string;
      urls?: string[];
      headers: Record<string, string>;
      requests: number;
      concurrency: number;
      etag?: string;
    }): Promise<LoadFigures> {
      const id = (nextId += 1);
      const cpu = process.cpuUsage();
      const answer = await new Promise<any>(resolve => {
        waiting.set(id, resolve);
        child.send({ id, ...job });
      });
      const used = process.cpuUsage(cpu);
      if (answer.error) throw new Error(`load client: ${answer.error}`);
      return {
        ...answer,
        cpuMs: (used.user + used.system) / 1000 / job.requests,
      };
    },
    stop() {
      child.kill();
    },
  };
}

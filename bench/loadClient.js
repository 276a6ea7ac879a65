// @ts-check
/*
 * A load client in a process of its own (what a load tool against a running portal is): the
 * benches fork it with `startLoadClient()` (bench/lib.ts) so the backend's process serves requests
 * and nothing else, and its CPU per answer can be read with `process.cpuUsage()`.
 *
 * One job per message: { id, url | urls, headers, requests, concurrency, etag? }. GETs `url` (or
 * `urls` in turn) `requests` times with `concurrency` keep-alive connections; with `etag`, as a
 * conditional GET: a 200 there
 * (the data changed meanwhile) is counted in `changed` and its ETag used from then on, as a poller
 * would. Answers { id, p50, p95, rps, statuses, changed, etag } or { id, error }.
 */
const http = require('node:http');

/** @param {any} job */
async function run(job) {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: job.concurrency,
  });
  /** @type {URL[]} */
  const urls = (job.urls ?? [job.url]).map(
    (/** @type {string} */ u) => new URL(u),
  );
  /** @type {number[]} */
  const times = [];
  /** @type {Record<string, number>} */
  const statuses = {};
  let etag = job.etag;
  let changed = 0;
  let next = 0;
  /** @param {URL} url */
  const once = url =>
    new Promise((resolve, reject) => {
      const req = http.get(
        url,
        {
          agent,
          headers: {
            ...job.headers,
            ...(etag ? { 'if-none-match': etag } : {}),
          },
        },
        res => {
          res.on('data', () => {});
          res.on('end', () => {
            const status = String(res.statusCode);
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (job.etag && res.statusCode === 200 && res.headers.etag) {
              etag = String(res.headers.etag);
              changed += 1;
            }
            resolve(undefined);
          });
        },
      );
      req.on('error', reject);
    });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.requests) {
        const url = urls[next % urls.length];
        next += 1;
        const t0 = process.hrtime.bigint();
        await once(url);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  times.sort((a, b) => a - b);
  /** @param {number} q */
  const at = q =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return {
    p50: at(0.5),
    p95: at(0.95),
    rps: times.length / seconds,
    statuses,
    changed,
    etag,
  };
}

process.on('message', (/** @type {any} */ job) => {
  run(job).then(
    result => process.send?.({ id: job.id, ...result }),
    error => process.send?.({ id: job.id, error: String(error) }),
  );
});

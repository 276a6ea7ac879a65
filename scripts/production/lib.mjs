// Helpers for the production tests: start the built bundle as the image's CMD does, talk to it,
// read its databases, stop and start the local PostgreSQL and Redis.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const bundleDir = process.env.PP_BUNDLE_DIR;
if (!bundleDir || !fs.existsSync(path.join(bundleDir, 'packages/backend'))) {
  throw new Error(
    'PP_BUNDLE_DIR must name a folder made by scripts/prepare-bundle.sh',
  );
}
const bundleRequire = createRequire(path.join(bundleDir, 'package.json'));
const pg = bundleRequire('pg');

export const PG_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS = { host: '127.0.0.1', port: 6379 };
export const sleep = ms => new Promise(r => setTimeout(r, ms));

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Settings shared by every instance of one deployment (as a Secret/ConfigMap would give them). */
export function deployment({ overlay } = {}) {
  const prefix = `pp_prod_${randomBytes(4).toString('hex')}_`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-prod-'));
  let overlayFile;
  if (overlay) {
    overlayFile = path.join(dir, 'app-config.test.yaml');
    fs.writeFileSync(overlayFile, overlay);
  }
  return {
    prefix,
    adminToken: `pp-test-admin-${randomBytes(24).toString('hex')}`,
    env: {
      BACKEND_SECRET: randomBytes(24).toString('hex'),
      PP_AUDIT_SECRET: randomBytes(32).toString('hex'),
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: '5432',
      POSTGRES_USER: 'postgres',
      POSTGRES_PASSWORD: 'postgres',
      REDIS_URL: `redis://${REDIS.host}:${REDIS.port}`,
      AUTH_GOOGLE_CLIENT_ID: 'test-client',
      AUTH_GOOGLE_CLIENT_SECRET: 'test-secret',
      APP_CONFIG_backend_database_prefix: prefix,
      APP_CONFIG_pp_redis_keyPrefix: `${prefix}sessions`,
      APP_CONFIG_backend_cache_redis_client_namespace: prefix,
    },
    overlayFile,
    async drop() {
      const client = new pg.Client(PG_URL);
      await client.connect();
      try {
        const { rows } = await client.query(
          'select datname from pg_database where datname like $1',
          [`${prefix}%`],
        );
        for (const { datname } of rows) {
          await client.query(
            `drop database if exists "${datname}" with (force)`,
          );
        }
      } finally {
        await client.end();
      }
      redisCli('--scan', '--pattern', `${prefix}*`)
        .split('\n')
        .filter(Boolean)
        .forEach(key => redisCli('del', key));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts one instance: `node packages/backend --config app-config.yaml --config
 * app-config.production.yaml` in the bundle folder (the image's CMD), on its own port.
 */
export async function startInstance(
  dep,
  { name, port, baseUrl, nodeEnv = 'production', extraEnv = {} },
) {
  const args = [
    'packages/backend',
    '--config',
    'app-config.yaml',
    '--config',
    'app-config.production.yaml',
    ...(dep.overlayFile ? ['--config', dep.overlayFile] : []),
  ];
  const logFile = path.join(os.tmpdir(), `pp-prod-${name}-${port}.log`);
  const out = fs.openSync(logFile, 'w');
  const started = Date.now();
  const child = spawn('node', args, {
    cwd: bundleDir,
    env: {
      ...process.env,
      ...dep.env,
      NODE_ENV: nodeEnv,
      NODE_OPTIONS: '--no-node-snapshot',
      PP_BASE_URL: baseUrl ?? `http://localhost:${port}`,
      PP_ADMIN_TOKEN: dep.adminToken,
      APP_CONFIG_backend_listen: `:${port}`,
      ...extraEnv,
    },
    stdio: ['ignore', out, out],
  });
  const exited = new Promise(resolve =>
    child.on('exit', (code, signal) =>
      resolve({ code, signal, at: Date.now() }),
    ),
  );
  const instance = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    logFile,
    log: () => fs.readFileSync(logFile, 'utf8'),
    async ready(timeoutMs = 180_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (child.exitCode !== null) {
          throw new Error(`${name} exited:\n${instance.log().slice(-3000)}`);
        }
        try {
          const res = await fetch(
            `${instance.url}/.backstage/health/v1/readiness`,
          );
          if (res.status === 200) return Date.now() - started;
        } catch {
          // not listening yet
        }
        await sleep(500);
      }
      throw new Error(`${name} not ready:\n${instance.log().slice(-3000)}`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      fs.closeSync(out);
    },
  };
  return instance;
}

/** fetch with a JSON body and a bearer token; never throws on an HTTP status. */
export async function call(
  base,
  method,
  urlPath,
  { token, body, headers = {}, timeoutMs = 15_000 } = {},
) {
  const started = Date.now();
  const res = await fetch(`${base}${urlPath}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    headers: res.headers,
    json,
    text,
    ms: Date.now() - started,
  };
}

/** Signs in with the dev sign-in (seeded demo people; refused with NODE_ENV=production). */
export async function devSignIn(base, email) {
  const res = await fetch(`${base}/api/auth/pp-dev/refresh`, {
    headers: {
      'x-requested-with': 'XMLHttpRequest',
      'x-pp-dev-user': email,
      'x-pp-dev-session': randomUUID(),
      'x-pp-dev-fresh': '1',
    },
  });
  const json = await res.json();
  const token = json?.backstageIdentity?.token;
  if (!token)
    throw new Error(
      `sign-in of ${email}: ${res.status} ${JSON.stringify(json)}`,
    );
  return token;
}

/** Polls `check` until it returns true; resolves to the ms it took, or throws after `timeoutMs`. */
export async function within(timeoutMs, check, what) {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** A query on one plugin's database of this deployment. */
export async function query(dep, pluginId, sql, params = []) {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: `${dep.prefix}${pluginId}`,
  });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export function redisCli(...args) {
  return execFileSync(
    'redis-cli',
    ['-h', REDIS.host, '-p', String(REDIS.port), ...args],
    {
      encoding: 'utf8',
    },
  );
}

const pgVersion = () => fs.readdirSync('/etc/postgresql')[0];
const asRoot = (cmd, args) =>
  execFileSync(
    process.getuid() === 0 ? cmd : 'sudo',
    process.getuid() === 0 ? args : ['-n', cmd, ...args],
    {
      stdio: 'pipe',
    },
  );

export const postgres = {
  stop: () =>
    asRoot('pg_ctlcluster', [
      '--skip-systemctl-redirect',
      pgVersion(),
      'main',
      'stop',
      '-m',
      'fast',
    ]),
  start: () =>
    asRoot('pg_ctlcluster', [
      '--skip-systemctl-redirect',
      pgVersion(),
      'main',
      'start',
    ]),
  isUp() {
    try {
      execFileSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']);
      return true;
    } catch {
      return false;
    }
  },
};

export const redis = {
  stop() {
    try {
      redisCli('shutdown', 'nosave');
    } catch {
      // redis-cli reports the closed connection of a shutdown as an error
    }
  },
  start: () =>
    asRoot('redis-server', [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '-::1',
      '--port',
      '6379',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      '/var/lib/redis',
      '--logfile',
      '/var/log/redis/ci.log',
    ]),
  isUp() {
    try {
      return redisCli('ping').trim() === 'PONG';
    } catch {
      return false;
    }
  },
};

/** A local stand-in for a Slack incoming webhook: records every POST; can fail chosen ones. */
export async function startWebhookReceiver({
  failFirstFor = () => false,
} = {}) {
  const http = await import('node:http');
  const posts = [];
  const failed = new Set();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      const key = body;
      const fail = failFirstFor(body) && !failed.has(key);
      if (fail) failed.add(key);
      posts.push({ body, at: Date.now(), status: fail ? 500 : 200 });
      res.writeHead(fail ? 500 : 200).end(fail ? 'try later' : 'ok');
    });
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    posts,
    close: () => new Promise(r => server.close(r)),
  };
}

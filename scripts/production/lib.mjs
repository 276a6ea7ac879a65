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

export const sleep = ms => new Promise(r => setTimeout(r, ms));

// Ports handed out by this process: the kernel may hand a just-closed port out again, and two
// servers given the same "free" port fail (seen: the private Redis on the private PostgreSQL's).
const handedOut = new Set();

export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const { port: p } = s.address();
        s.close(() => resolve(p));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/**
 * Settings shared by every instance of one deployment (as a Secret/ConfigMap would give them), on
 * the given servers (see {@link startPrivateServers}).
 */
export function deployment(servers, { overlay, files = {} } = {}) {
  const prefix = `pp_prod_${randomBytes(4).toString('hex')}_`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-prod-'));
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  let overlayFile;
  if (overlay) {
    overlayFile = path.join(dir, 'app-config.test.yaml');
    // A function gets the deployment's folder (where `files` are).
    fs.writeFileSync(
      overlayFile,
      typeof overlay === 'function' ? overlay(dir) : overlay,
    );
  }
  return {
    prefix,
    servers,
    adminToken: `pp-test-admin-${randomBytes(24).toString('hex')}`,
    env: {
      BACKEND_SECRET: randomBytes(24).toString('hex'),
      PP_AUDIT_SECRET: randomBytes(32).toString('hex'),
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: String(servers.pgPort),
      POSTGRES_USER: 'postgres',
      POSTGRES_PASSWORD: 'postgres',
      REDIS_URL: servers.redisUrl,
      AUTH_GOOGLE_CLIENT_ID: 'test-client',
      AUTH_GOOGLE_CLIENT_SECRET: 'test-secret',
      APP_CONFIG_backend_database_prefix: prefix,
      APP_CONFIG_pp_redis_keyPrefix: `${prefix}sessions`,
      APP_CONFIG_backend_cache_redis_client_namespace: prefix,
    },
    overlayFile,
    dir,
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
  const logFile = path.join(dep.dir, `instance-${name}-${port}.log`);
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
    port: dep.servers.pgPort,
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

/**
 * A private PostgreSQL and Redis for one test run (never the machine's shared servers, which other
 * work uses): `initdb` into a temporary folder and `postgres` on a free port (as the `postgres` user
 * when run as root: PostgreSQL refuses root), `redis-server --save ''` on another free port. The
 * fault tests stop and start these; `destroy()` stops both and removes the folder.
 */
export async function startPrivateServers() {
  const pgBin = fs
    .readdirSync('/usr/lib/postgresql')
    .sort((a, b) => Number(b) - Number(a))
    .map(v => `/usr/lib/postgresql/${v}/bin`)
    .find(dir => fs.existsSync(`${dir}/initdb`));
  if (!pgBin) throw new Error('no PostgreSQL binaries in /usr/lib/postgresql');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-prod-servers-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(
      execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }),
    );
    const gid = Number(
      execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }),
    );
    fs.chownSync(root, uid, gid);
  }
  const asPg = (cmd, args, opts = {}) =>
    execFileSync(
      asRoot ? 'runuser' : cmd,
      asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args,
      { stdio: 'pipe', ...opts },
    );
  const data = path.join(root, 'data');
  const pgPort = await freePort();
  const redisPort = await freePort();
  asPg(`${pgBin}/initdb`, [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const pgOptions = [
    `-p ${pgPort}`,
    `-k ${root}`,
    "-c listen_addresses='127.0.0.1'",
    '-c max_connections=400',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  const pgLog = path.join(root, 'postgres.log');
  let redisChild;
  const servers = {
    pgPort,
    redisPort,
    pgUrl: `postgresql://postgres@127.0.0.1:${pgPort}/postgres`,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    postgres: {
      start() {
        asPg(`${pgBin}/pg_ctl`, [
          '-D',
          data,
          '-o',
          pgOptions,
          '-l',
          pgLog,
          '-w',
          '-t',
          '60',
          'start',
        ]);
      },
      stop() {
        asPg(`${pgBin}/pg_ctl`, [
          '-D',
          data,
          '-m',
          'fast',
          '-w',
          '-t',
          '60',
          'stop',
        ]);
      },
      isUp() {
        try {
          execFileSync(`${pgBin}/pg_isready`, [
            '-q',
            '-h',
            '127.0.0.1',
            '-p',
            String(pgPort),
          ]);
          return true;
        } catch {
          return false;
        }
      },
    },
    redis: {
      start() {
        redisChild = spawn(
          'redis-server',
          [
            '--port',
            String(redisPort),
            '--bind',
            '127.0.0.1',
            '--save',
            '',
            '--appendonly',
            'no',
            '--dir',
            root,
            '--logfile',
            path.join(root, 'redis.log'),
          ],
          { stdio: 'ignore' },
        );
      },
      async stop() {
        const child = redisChild;
        if (!child || child.exitCode !== null) return;
        const gone = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      },
      isUp() {
        try {
          return redisCli(servers, 'ping').trim() === 'PONG';
        } catch {
          return false;
        }
      },
    },
    async destroy() {
      await servers.redis.stop().catch(() => {});
      try {
        asPg(`${pgBin}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // not running
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    servers.postgres.start();
    servers.redis.start();
    const until = Date.now() + 20_000;
    while (!servers.redis.isUp()) {
      if (Date.now() > until) {
        const log = path.join(root, 'redis.log');
        throw new Error(
          `private Redis did not start on port ${redisPort}: ${
            fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : ''
          }`,
        );
      }
      await sleep(100);
    }
  } catch (error) {
    // Leave nothing running behind a failed start.
    await servers.destroy();
    throw error;
  }
  return servers;
}

export function redisCli(servers, ...args) {
  return execFileSync(
    'redis-cli',
    ['-h', '127.0.0.1', '-p', String(servers.redisPort), ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

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

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import Redis from 'ioredis';
import knexFactory from 'knex';
import request from 'supertest';
import eventsBackendModuleGithub from '@backstage/plugin-events-backend-module-github';
import { backendFeatures } from '../features';
import eventsModuleGithubForJest from './eventsModuleGithub';
import { ppTestSignInModule } from './ppTestSignIn';
import { repoRoot } from './catalogFiles';

/** A PP_ADMIN_TOKEN for tests (at least 32 characters). */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghijklmnop';

export type PpTestDatabase = 'SQLITE_3' | 'POSTGRES_15';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function deepMerge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      prev &&
      v &&
      typeof prev === 'object' &&
      typeof v === 'object' &&
      !Array.isArray(v)
        ? deepMerge(prev as JsonObject, v as JsonObject)
        : v;
  }
  return out;
}

/**
 * Boots the production backend composition (features.ts: the /pp/v1 mount, real auth with the PP
 * sign-in module, the real permission backend with the PP policy, the PP plugins) on a free port,
 * on SQLite in memory or on throwaway PostgreSQL databases, with the demo users seeded.
 */
export async function startPpTestBackend(options: {
  database: PpTestDatabase;
  config?: JsonObject;
  /** Extra features, e.g. a test module that captures a service. */
  features?: BackendFeature[];
}) {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const pgUrl =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  const prefix = `pp_t${randomUUID().replace(/-/g, '').slice(0, 10)}_`;
  const database =
    options.database === 'SQLITE_3'
      ? { client: 'better-sqlite3', connection: ':memory:' }
      : { client: 'pg', connection: pgUrl!, prefix };
  if (options.database === 'POSTGRES_15' && !pgUrl) {
    throw new Error('PostgreSQL test database is not configured');
  }
  const config = deepMerge(
    {
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        database,
        auth: { externalAccess: [{ type: 'pp', options: { source: 'test' } }] },
      },
      auth: {
        environment: 'development',
        // pp-test stands in for Google (any person, the PP sign-in rules); see ppTestSignIn.ts.
        providers: { 'pp-dev': { enabled: true }, 'pp-test': {} },
      },
      permission: { enabled: true },
      // the PP template, for pp-orchestration's code generation (published to local bare git
      // repositories in a throwaway folder)
      catalog: {
        locations: [
          {
            type: 'file',
            // absolute: `yarn test:all` runs jest from the repository's root, not packages/backend
            target: join(repoRoot, 'templates/pp-ai-agent/template.yaml'),
            rules: [{ allow: ['Template'] }],
          },
        ],
      },
      // In-process event subscribers long-poll the events backend, and stopping the backend waits
      // for polls in flight: Backstage's default 55 s poll made every stop() take about a minute.
      events: { notifyTimeoutMs: 1000 },
      pp: {
        orchestration: {
          codegen: {
            pollSeconds: 1,
            publisher: 'local-git',
            localRepositoriesDir: join(tmpdir(), `${prefix}agent-repositories`),
          },
        },
        demo: { enabled: true },
        auth: { adminToken: TEST_ADMIN_TOKEN },
        // The production shape: PostgreSQL runs keep PP sessions in Redis (ioredis).
        ...(options.database === 'POSTGRES_15' &&
          process.env.PP_TEST_REDIS_URL && {
            redis: {
              url: process.env.PP_TEST_REDIS_URL,
              keyPrefix: `${prefix}sessions`,
            },
          }),
      },
    },
    options.config ?? {},
  );

  const backend = createBackend();
  for (const feature of backendFeatures) {
    // the GitHub events module's loader `import()`s its parts, which Jest cannot run: the same
    // parts, loaded with `require` (eventsModuleGithub.ts)
    backend.add(
      feature === eventsBackendModuleGithub
        ? eventsModuleGithubForJest
        : feature,
    );
  }
  backend.add(ppTestSignInModule);
  for (const feature of options.features ?? []) backend.add(feature);
  backend.add(mockServices.rootConfig.factory({ data: config }));
  backend.add(
    mockServices.rootLogger.factory({
      level: (process.env.PP_TEST_LOG_LEVEL as any) ?? 'error',
    }),
  );
  await backend.start();

  const http = () => request(baseUrl);

  /**
   * Signs in through `pp-test` (as Google would: any person, the PP sign-in rules), or through
   * the real dev sign-in with `provider: 'pp-dev'` (the seeded demo people only).
   */
  async function signIn(
    email: string,
    opts: {
      sessionId?: string;
      fresh?: boolean;
      provider?: 'pp-test' | 'pp-dev';
    } = {},
  ) {
    const sessionId = opts.sessionId ?? randomUUID();
    const req = http()
      .get(`/api/auth/${opts.provider ?? 'pp-test'}/refresh`)
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('x-pp-dev-user', email)
      .set('x-pp-dev-session', sessionId);
    if (opts.fresh ?? true) req.set('x-pp-dev-fresh', '1');
    const res = await req;
    return {
      status: res.status,
      body: res.body,
      sessionId,
      token: res.body?.backstageIdentity?.token as string | undefined,
    };
  }

  return {
    baseUrl,
    http,
    signIn,
    /** Signs in and returns the bearer header value. */
    async bearer(email: string) {
      const { token, status, body } = await signIn(email);
      if (!token)
        throw new Error(
          `sign-in of ${email} failed: ${status} ${JSON.stringify(body)}`,
        );
      return `Bearer ${token}`;
    },
    admin: `Bearer ${TEST_ADMIN_TOKEN}`,
    async stop() {
      await settleCodeGeneration(http);
      await backend.stop();
      const redisUrl = (config.pp as JsonObject | undefined)?.redis as
        | JsonObject
        | undefined;
      if (redisUrl?.url) {
        const redis = new Redis(redisUrl.url as string);
        try {
          const keys = await redis.keys(`${prefix}*`);
          if (keys.length) await redis.del(...keys);
        } finally {
          await redis.quit();
        }
      }
      if (options.database === 'POSTGRES_15') {
        // the databases the backend used: a caller (a bench) may set its own prefix and server
        const db = (config.backend as JsonObject).database as JsonObject;
        const admin = knexFactory({
          client: 'pg',
          connection:
            typeof db.connection === 'string' ? db.connection : pgUrl!,
        });
        try {
          const { rows } = await admin.raw(
            'select datname from pg_database where datname like ?',
            [`${db.prefix ?? prefix}%`],
          );
          for (const { datname } of rows) {
            await admin.raw('drop database if exists ?? with (force)', [
              datname,
            ]);
          }
        } finally {
          await admin.destroy();
        }
      }
    },
  };
}

export type PpTestBackend = Awaited<ReturnType<typeof startPpTestBackend>>;

/** The engines to run full-stack tests on: SQLite always, PostgreSQL when configured. */
export function ppTestEngines(): PpTestDatabase[] {
  const engines: PpTestDatabase[] = ['SQLITE_3'];
  if (process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
    engines.push('POSTGRES_15');
  } else if (process.env.PP_REQUIRE_POSTGRES) {
    throw new Error(
      'PP_REQUIRE_POSTGRES is set but no PostgreSQL connection string is',
    );
  }
  return engines;
}

/**
 * Waits (up to a minute) until no agent's code generation is pending or running. An approved
 * creation starts a scaffolder task at once; stopped under it, the task's last update meets a
 * closed events service and fails the test file that merely created the agent. (The tests set
 * `codegen.pollSeconds: 1`, so PP sees a task end within a second.)
 */
async function settleCodeGeneration(http: () => ReturnType<typeof request>) {
  const admin = `Bearer ${TEST_ADMIN_TOKEN}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const list = await http()
      .get('/pp/v1/agents/creations?status=generating&limit=100')
      .set('Authorization', admin);
    if (list.status !== 200) return;
    let busy = false;
    for (const item of list.body.items as Array<{ agent_id: string }>) {
      const res = await http()
        .get(
          `/pp/v1/agents/${encodeURIComponent(item.agent_id)}/creation-status`,
        )
        .set('Authorization', admin);
      if (['pending', 'running'].includes(res.body?.generation?.status)) {
        busy = true;
      }
    }
    if (!busy) return;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

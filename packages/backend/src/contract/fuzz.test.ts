import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { Mode, Rng, SchemaSampler, prng, queryValue } from './fuzz/generate';

/*
 * Fuzzing /pp/v1 from its OpenAPI document: generated requests (valid, boundary and invalid
 * parameters, bodies and headers) across every documented operation, as an admin (PP_ADMIN_TOKEN),
 * a viewer (a Backstage user token), an agent (an API token) and nobody. Every answer must be
 * below 500, documented for its operation, in the error envelope when it is an error, and match
 * the documented schema when it is a success. PP_FUZZ_REQUESTS sets the count (10 000 on
 * SQLite by default, 2 000 on PostgreSQL); PP_FUZZ_SEED replays a run.
 */

jest.setTimeout(900_000);

type Json = Record<string, any>;

const SEED = Number(process.env.PP_FUZZ_SEED ?? Date.now() % 1_000_000);

interface Operation {
  method: string;
  path: string;
  op: Json;
}

interface Problem {
  op: string;
  request: string;
  caller: string;
  status: number;
  problem: string;
  body: string;
}

function validatorFor(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  const defs = JSON.parse(
    JSON.stringify(doc.components.schemas).replace(
      /#\/components\/schemas\//g,
      '#/$defs/',
    ),
  );
  const cache = new Map<string, ReturnType<typeof ajv.compile>>();
  return (key: string, schema: Json) => {
    let validate = cache.get(key);
    if (!validate) {
      const rewritten = JSON.parse(
        JSON.stringify(schema).replace(/#\/components\/schemas\//g, '#/$defs/'),
      );
      validate = ajv.compile({ ...rewritten, $defs: defs });
      cache.set(key, validate);
    }
    return validate;
  };
}

describe.each(ppTestEngines())(
  'fuzzing /pp/v1 from its document (%s)',
  engine => {
    let backend: PpTestBackend;
    let doc: Json;
    const callers: Record<string, string | undefined> = {};
    const known: Record<string, string[]> = {};

    beforeAll(async () => {
      backend = await startPpTestBackend({ database: engine });
      doc = (await backend.http().get('/pp/v1/openapi.json')).body;
      const http = backend.http;
      callers.admin = backend.admin;
      callers.viewer = await backend.bearer('vik.viewer@waooaw.com');
      callers.nobody = undefined;
      const agent = await http()
        .post('/pp/v1/users')
        .set('authorization', backend.admin)
        .send({
          kind: 'agent',
          name: 'Fuzz agent',
          roles: ['helpdesk_agent', 'infrastructure_engineer'],
        });
      if (agent.status !== 201) throw new Error(`agent: ${agent.text}`);
      const minted = await http()
        .post(`/pp/v1/users/${agent.body.id}/api-tokens`)
        .set('authorization', backend.admin)
        .send({ name: 'fuzz', expires_in_days: 1 });
      if (minted.status !== 201) throw new Error(`token: ${minted.text}`);
      callers.agent = `Bearer ${minted.body.token}`;

      // real identifiers, so that generated requests also reach existing resources
      const get = async (p: string) =>
        (await http().get(p).set('authorization', backend.admin)).body;
      const users = await get('/pp/v1/users?limit=50');
      const fuzzers = new Set([agent.body.id]);
      known.user_id = (users.items ?? [])
        .filter(
          (u: Json) =>
            !fuzzers.has(u.id) && !String(u.email).startsWith('vik.'),
        )
        .map((u: Json) => u.id)
        .slice(0, 5);
      const tickets = await get('/pp/v1/tickets?limit=5');
      known.ticket_id = (tickets.items ?? []).flatMap((t: Json) => [
        t.key,
        t.id,
      ]);
      const services = await get('/pp/v1/health/microservices');
      known.service_id = (services.items ?? [])
        .map((s: Json) => s.service_id)
        .slice(0, 5);
      known.role_id = ['admin', 'viewer', 'helpdesk_agent'];
    });

    afterAll(() => backend?.stop());

    it('answers every generated request below 500, as documented', async () => {
      const total = Number(
        process.env.PP_FUZZ_REQUESTS ??
          (engine === 'SQLITE_3' ? 10_000 : 2_000),
      );
      const rng = prng(SEED + (engine === 'SQLITE_3' ? 0 : 1));
      const sampler = new SchemaSampler(doc.components.schemas, rng);
      const validator = validatorFor(doc);
      const operations: Operation[] = Object.entries<Json>(doc.paths).flatMap(
        ([path, ops]) =>
          Object.entries<Json>(ops).map(([method, op]) => ({
            method,
            path,
            op,
          })),
      );
      const problems: Problem[] = [];
      const counts = {
        sent: 0,
        s2xx: 0,
        s3xx: 0,
        s4xx: 0,
        s5xx: 0,
        checked: 0,
      };

      const one = async (i: number) => {
        const { method, path, op } = operations[i % operations.length];
        const callerName = rng.pick([
          'admin',
          'admin',
          'viewer',
          'agent',
          'agent',
          'nobody',
        ]);
        const mode: Mode = rng.pick([
          'valid',
          'valid',
          'valid',
          'boundary',
          'invalid',
          'invalid',
        ]);
        const request = buildRequest(rng, sampler, op, path, mode, known);
        let req = (backend.http() as any)[method](`/pp/v1${request.path}`);
        if (Object.keys(request.query).length) req = req.query(request.query);
        const auth = callers[callerName];
        if (auth) req = req.set('authorization', auth);
        for (const [h, v] of Object.entries(request.headers))
          req = req.set(h, v);
        if (request.rawBody !== undefined) {
          req = req
            .set('content-type', request.contentType)
            // a string goes as is (superagent would JSON-encode a Buffer as {type, data})
            .send(request.rawBody);
        } else if (request.body !== undefined) {
          req = req
            .set('content-type', 'application/json')
            .send(JSON.stringify(request.body));
        }
        const res = await req;
        counts.sent++;
        const status: number = res.status;
        const label = `${method.toUpperCase()} ${request.path}${
          Object.keys(request.query).length
            ? `?${new URLSearchParams(request.query as any)}`
            : ''
        }`;
        const fail = (problem: string) =>
          problems.push({
            op: `${method.toUpperCase()} ${path}`,
            request: `${label} ${
              request.rawBody ?? JSON.stringify(request.body ?? '')
            }`.slice(0, 300),
            caller: callerName,
            status,
            problem,
            body: String(res.text ?? '').slice(0, 300),
          });
        if (status >= 500) {
          counts.s5xx++;
          fail('server error');
          return;
        }
        if (status >= 400) counts.s4xx++;
        else if (status >= 300) counts.s3xx++;
        else counts.s2xx++;
        if (!op.responses[String(status)]) fail('status not documented');
        if (status >= 400) {
          const error = res.body?.error;
          if (
            typeof error?.name !== 'string' ||
            typeof error?.message !== 'string'
          ) {
            fail('error outside the envelope');
          }
        } else if (status < 300) {
          const schema =
            op.responses[String(status)]?.content?.['application/json']?.schema;
          if (schema) {
            const validate = validator(`${method} ${path} ${status}`, schema);
            counts.checked++;
            if (!validate(res.body)) {
              fail(
                `body does not match the document: ${JSON.stringify(
                  validate.errors?.slice(0, 3),
                )}`,
              );
            }
          }
        }
        // a viewer who logged out signs in again, so the run keeps a viewer
        if (
          callerName === 'viewer' &&
          path === '/auth/logout' &&
          status < 300
        ) {
          callers.viewer = await backend.bearer('vik.viewer@waooaw.com');
        }
      };

      const concurrency = 4;
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < total) {
            const i = next++;
            await one(i);
          }
        }),
      );

      // eslint-disable-next-line no-console
      console.log(
        `fuzz (${engine}, seed ${SEED}): ${counts.sent} requests over ${operations.length} operations: ${counts.s2xx} 2xx, ${counts.s3xx} 3xx, ${counts.s4xx} 4xx, ${counts.s5xx} 5xx; ${counts.checked} success bodies checked against their schema; ${problems.length} problems`,
      );
      expect(counts.sent).toBe(total);
      // one example per operation, status and problem
      const distinct = new Map<string, Problem & { times: number }>();
      for (const p of problems) {
        const key = `${p.op} ${p.status} ${p.problem.slice(0, 60)}`;
        const seen = distinct.get(key);
        if (seen) seen.times++;
        else distinct.set(key, { ...p, times: 1 });
      }
      expect([...distinct.values()]).toEqual([]);
      // the generator reaches the handlers, not only the validation
      expect(counts.s2xx).toBeGreaterThan(total / 10);
      expect(counts.checked).toBeGreaterThan(total / 10);
    });
  },
);

function buildRequest(
  rng: Rng,
  sampler: SchemaSampler,
  op: Json,
  path: string,
  mode: Mode,
  known: Record<string, string[]>,
) {
  const params: Json[] = op.parameters ?? [];
  let concrete = path;
  const query: Record<string, string | string[]> = {};
  const headers: Record<string, string> = {};
  for (const p of params) {
    if (p.in === 'path') {
      const pool = known[p.name] ?? [];
      let value: unknown;
      if (pool.length && rng.chance(mode === 'invalid' ? 0.2 : 0.7)) {
        value = rng.pick(pool);
      } else {
        value = sampler.sample(p.schema, mode);
      }
      const text = String(value ?? '');
      concrete = concrete.replace(
        `{${p.name}}`,
        encodeURIComponent(text || 'x'),
      );
    } else if (p.in === 'query') {
      if (p.required || rng.chance(0.5)) {
        const value = sampler.sample(
          p.schema,
          rng.chance(0.5) ? mode : 'valid',
        );
        if (value !== undefined) query[p.name] = queryValue(value);
      }
    } else if (p.in === 'header') {
      if (p.required && mode !== 'invalid') {
        // a required key header (Idempotency-Key): new keys and, now and then, a repeated one
        headers[p.name] = `fuzz-key-${rng.int(1, rng.chance(0.2) ? 3 : 1e9)}`;
      } else if (rng.chance(0.3)) {
        headers[p.name] = rng.pick(['"v1"', '*', 'W/"x"', '"nope"', '']);
      }
    }
  }
  if (mode === 'invalid' && rng.chance(0.2)) query.unexpected_param = 'yes';
  let body: unknown;
  let rawBody: string | undefined;
  let contentType = 'application/json';
  const schema = op.requestBody?.content?.['application/json']?.schema;
  if (schema) {
    if (mode === 'invalid' && rng.chance(0.15)) {
      rawBody = rng.pick([
        '{"unterminated": ',
        'not json',
        '[]',
        '"a string"',
        '',
      ]);
      if (rng.chance(0.3))
        contentType = rng.pick(['text/plain', 'application/xml']);
    } else {
      body = sampler.sample(schema, mode);
    }
  }
  return { path: concrete, query, headers, body, rawBody, contentType };
}

import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { PpGuard, PpRequestContext } from '../http/PpGuard';
import { ppCommand, ppRoute, ppVersionEtag } from './PpCommand';
import {
  ppAnswerCacheStats,
  ppClearAnswerCache,
  ppConfigureAnswerCache,
} from '../http/answerCache';
import { ConfigReader } from '@backstage/config';

const readThings: BasicPermission = {
  type: 'basic',
  name: 'pp.things.read',
  attributes: { action: 'read' },
};

/** A guard that lets `Bearer ann` and `Bearer bob` read, and refuses everyone else (403). */
const guard = {
  async authorize(req: express.Request) {
    const who = /^Bearer (ann|bob)$/.exec(req.header('authorization') ?? '');
    if (!who)
      throw new NotAllowedError('Permission pp.things.read is required');
    return {
      principal: {
        id: who[1],
        status: 'active',
        roles: (req.header('x-roles') ?? 'viewer').split(','),
      },
      requestId: 'r1',
    } as unknown as PpRequestContext;
  },
} as unknown as PpGuard;

function app() {
  let generation = 1;
  const run = jest.fn(
    async (_ctx: PpRequestContext, input: { n: number; pad?: number }) => ({
      items: Array.from({ length: input.n }, (_, i) => `thing ${i}`),
      generation,
      ...(input.pad ? { note: 'thing '.repeat(input.pad) } : {}),
    }),
  );
  const version = jest.fn(async () => `things:${generation}`);
  const list = ppCommand({
    name: 'pp.things.list',
    permission: readThings,
    input: z.object({
      n: z.coerce.number().int().min(1).max(10),
      pad: z.coerce.number().int().min(0).max(1000).optional(),
    }),
    version,
    run,
  });
  const router = express.Router();
  const handler = ppRoute(guard, list, {
    input: req => req.query,
    maxAgeSeconds: 15,
  });
  // express 4 does not catch a rejected handler's promise: hand the error on
  router.get('/things', (req, res, next) => {
    handler(req, res).catch(next);
  });
  const server = express().use(router);
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return { server, run, version, bump: () => (generation += 1) };
}

describe('ppRoute with a versioned read', () => {
  beforeEach(() => ppClearAnswerCache());
  it('answers a matching If-None-Match with 304 without running the command', async () => {
    const { server, run, bump } = app();
    const first = await request(server)
      .get('/things?n=2')
      .set('Authorization', 'Bearer ann');
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual(['thing 0', 'thing 1']);
    expect(first.headers.etag).toBe(ppVersionEtag('things:1', 'ann', { n: 2 }));
    expect(first.headers['cache-control']).toBe('private, max-age=15');
    expect(run).toHaveBeenCalledTimes(1);

    const again = await request(server)
      .get('/things?n=2')
      .set('Authorization', 'Bearer ann')
      .set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(run).toHaveBeenCalledTimes(1);

    // another caller or another input: another tag, a full answer
    for (const [who, n] of [
      ['bob', 2],
      ['ann', 3],
    ] as const) {
      const other = await request(server)
        .get(`/things?n=${n}`)
        .set('Authorization', `Bearer ${who}`)
        .set('If-None-Match', first.headers.etag);
      expect(other.status).toBe(200);
    }
    expect(run).toHaveBeenCalledTimes(3);

    // a new version: the old tag gets the new answer
    bump();
    const changed = await request(server)
      .get('/things?n=2')
      .set('Authorization', 'Bearer ann')
      .set('If-None-Match', first.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.body.generation).toBe(2);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
  });

  it('authorizes and validates before the version is read', async () => {
    const { server, run, version } = app();
    const tag = ppVersionEtag('things:1', 'ann', { n: 2 });
    const denied = await request(server)
      .get('/things?n=2')
      .set('Authorization', 'Bearer eve')
      .set('If-None-Match', tag);
    expect(denied.status).toBe(403);
    const invalid = await request(server)
      .get('/things?n=99')
      .set('Authorization', 'Bearer ann')
      .set('If-None-Match', tag);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.name).toBe('InputError');
    expect(version).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });
});

describe('ppRoute keeping versioned answers', () => {
  beforeEach(() => ppClearAnswerCache());
  afterEach(() => ppConfigureAnswerCache(new ConfigReader({})));

  it('answers the next caller with the same view from the kept body until the version moves', async () => {
    const { server, run, bump } = app();
    const get = (headers: Record<string, string> = {}) =>
      request(server)
        .get('/things?n=2')
        .set({ Authorization: 'Bearer ann', ...headers });
    const first = await get();
    expect(run).toHaveBeenCalledTimes(1);
    const again = await get();
    expect(again.status).toBe(200);
    expect(again.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('private, max-age=15');
    expect(again.text).toBe(first.text);
    expect(run).toHaveBeenCalledTimes(1);
    expect(ppAnswerCacheStats()).toMatchObject({ entries: 1, hits: 1 });
    // HEAD: the headers of the kept answer, no body
    const head = await request(server)
      .head('/things?n=2')
      .set('Authorization', 'Bearer ann');
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(first.headers.etag);
    expect(run).toHaveBeenCalledTimes(1);

    // a caller who asks for a fresh answer gets one made anew
    const fresh = await get({ 'Cache-Control': 'no-cache' });
    expect(fresh.text).toBe(first.text);
    expect(run).toHaveBeenCalledTimes(2);
    // other roles, another caller, another input: made anew
    await get({ 'X-Roles': 'viewer,helpdesk_agent' });
    await request(server).get('/things?n=2').set('Authorization', 'Bearer bob');
    await request(server).get('/things?n=3').set('Authorization', 'Bearer ann');
    expect(run).toHaveBeenCalledTimes(5);

    // the version moved: the kept answer is not given again
    bump();
    const changed = await get();
    expect(changed.body.generation).toBe(2);
    expect(run).toHaveBeenCalledTimes(6);
    expect((await get()).body.generation).toBe(2);
    expect(run).toHaveBeenCalledTimes(6);
  });

  it('sends a kept answer gzipped to a caller that accepts gzip', async () => {
    const { server, run } = app();
    const get = (encoding: string) =>
      request(server)
        .get('/things?n=2&pad=500')
        .set({ Authorization: 'Bearer ann', 'Accept-Encoding': encoding });
    const first = await get('gzip, deflate');
    expect(first.headers['content-encoding']).toBeUndefined();
    const zipped = await get('gzip, deflate');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Authorization, Accept-Encoding');
    expect(Number(zipped.headers['content-length'])).toBeLessThan(500);
    expect(zipped.text).toBe(first.text);
    for (const refuses of ['identity', 'gzip;q=0, identity']) {
      const plain = await get(refuses);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.text).toBe(first.text);
    }
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('keeps the answers of two routes apart when their validator and input are the same', async () => {
    const version = async () => 'family:1';
    const router = express.Router();
    for (const name of ['first', 'second']) {
      const handler = ppRoute(
        guard,
        ppCommand({
          name: `pp.${name}.list`,
          permission: readThings,
          input: z.object({ n: z.coerce.number() }),
          version,
          run: async () => ({ route: name }),
        }),
        { input: req => req.query },
      );
      router.get(`/${name}`, (req, res, next) => {
        handler(req, res).catch(next);
      });
    }
    const server = express().use(router);
    const get = (path: string) =>
      request(server).get(path).set('Authorization', 'Bearer ann');
    const first = await get('/first?n=1');
    const second = await get('/second?n=1');
    // the same tag (validator, caller, input), each route its own body
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(first.body).toEqual({ route: 'first' });
    expect(second.body).toEqual({ route: 'second' });
    expect((await get('/second?n=1')).body).toEqual({ route: 'second' });
    expect((await get('/first?n=1')).body).toEqual({ route: 'first' });
  });

  it('authorizes before a kept answer is given', async () => {
    const { server, run } = app();
    await request(server).get('/things?n=2').set('Authorization', 'Bearer ann');
    const denied = await request(server)
      .get('/things?n=2')
      .set('Authorization', 'Bearer eve');
    expect(denied.status).toBe(403);
    expect(denied.body.items).toBeUndefined();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('keeps nothing when its budget is 0', async () => {
    ppConfigureAnswerCache(
      new ConfigReader({ pp: { api: { answerCache: { maxMegabytes: 0 } } } }),
    );
    const { server, run } = app();
    for (let i = 0; i < 2; i++) {
      const res = await request(server)
        .get('/things?n=2')
        .set('Authorization', 'Bearer ann');
      expect(res.body.items).toEqual(['thing 0', 'thing 1']);
    }
    expect(run).toHaveBeenCalledTimes(2);
  });
});

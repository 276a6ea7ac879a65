import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { PpGuard, PpRequestContext } from '../http/PpGuard';
import { ppCommand, ppRoute, ppVersionEtag } from './PpCommand';

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
      principal: { id: who[1] },
      requestId: 'r1',
    } as unknown as PpRequestContext;
  },
} as unknown as PpGuard;

function app() {
  let generation = 1;
  const run = jest.fn(async (_ctx: PpRequestContext, input: { n: number }) => ({
    items: Array.from({ length: input.n }, (_, i) => `thing ${i}`),
    generation,
  }));
  const version = jest.fn(async () => `things:${generation}`);
  const list = ppCommand({
    name: 'pp.things.list',
    permission: readThings,
    input: z.object({ n: z.coerce.number().int().min(1).max(10) }),
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

import { createServer } from 'node:net';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import express, { Router } from 'express';
import request from 'supertest';
import { PpV1Mount } from './mounts';
import { ppV1RootHttpRouterFactory } from './ppV1Router';

/** A tiny plugin that answers on the contract's relative paths, as PP plugins do. */
const probePlugin = createBackendPlugin({
  pluginId: 'pp-probe',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.use(express.json());
        router.get('/probes/:id', (req, res) => {
          res.json({ plugin: 'pp-probe', id: req.params.id, query: req.query });
        });
        router.post('/probes', (req, res) => {
          res.status(201).json({ received: req.body });
        });
        router.get('/things/:id/special', (req, res) => {
          res.json({ plugin: 'pp-probe', special: req.params.id });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

const otherPlugin = createBackendPlugin({
  pluginId: 'pp-other',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.get('/things/:id', (req, res) => {
          res.json({ plugin: 'pp-other', id: req.params.id });
        });
        router.get('/renamed', (_req, res) => {
          res.json({ plugin: 'pp-other', renamed: true });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

const mounts: PpV1Mount[] = [
  { path: '/probes', pluginId: 'pp-probe' },
  { path: '/things', pluginId: 'pp-other' },
  { path: '/things/*/special', pluginId: 'pp-probe' },
  { path: '/aliased', pluginId: 'pp-other', target: '/renamed' },
  { path: '/missing-plugin', pluginId: 'pp-not-installed' },
];

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

describe('the /pp/v1 surface on the root HTTP router', () => {
  let base: string;
  let backend: ReturnType<typeof createBackend>;

  // startTestBackend brings its own root HTTP router, and this test is about ours: boot the real
  // createBackend wiring with ours swapped in, on a free port.
  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    backend = createBackend();
    backend.add(ppV1RootHttpRouterFactory(mounts));
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: base, listen: { port, host: '127.0.0.1' } },
        },
      }),
    );
    backend.add(mockServices.rootLogger.factory({ level: 'warn' }));
    backend.add(probePlugin);
    backend.add(otherPlugin);
    await backend.start();
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('serves a contract path from the owning plugin, keeping the query', async () => {
    const res = await request(base).get('/pp/v1/probes/42?page=2');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      plugin: 'pp-probe',
      id: '42',
      query: { page: '2' },
    });
  });

  it('passes request bodies through', async () => {
    const res = await request(base).post('/pp/v1/probes').send({ name: 'x' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ received: { name: 'x' } });
  });

  it('lets the most specific mount win', async () => {
    const special = await request(base).get('/pp/v1/things/7/special');
    expect(special.body).toEqual({ plugin: 'pp-probe', special: '7' });
    const plain = await request(base).get('/pp/v1/things/7');
    expect(plain.body).toEqual({ plugin: 'pp-other', id: '7' });
  });

  it('rewrites to a target path when the mount names one', async () => {
    const res = await request(base).get('/pp/v1/aliased');
    expect(res.body).toEqual({ plugin: 'pp-other', renamed: true });
  });

  it('still serves the plugin on its own /api/<pluginId> path', async () => {
    const res = await request(base).get('/api/pp-probe/probes/1');
    expect(res.body.id).toBe('1');
  });

  it.each([
    ['an unmapped path', '/pp/v1/nothing-here', '/pp/v1/nothing-here'],
    ['the bare prefix', '/pp/v1', '/pp/v1'],
    ['a mapped prefix with no such route', '/pp/v1/probes', '/pp/v1/probes'],
    [
      'a plugin that is not installed',
      '/pp/v1/missing-plugin/x',
      '/pp/v1/missing-plugin/x',
    ],
  ])('answers %s with a JSON 404', async (_what, path, named) => {
    const res = await request(base).get(path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error).toEqual(
      expect.objectContaining({
        name: 'NotFoundError',
        message: `No Platform Portal endpoint GET ${named}`,
      }),
    );
  });

  it('leaves paths outside /pp/v1 to Backstage', async () => {
    const res = await request(base).get('/pp/v10/probes/1');
    expect(res.status).toBe(404);
    expect(res.text).toBe('');
  });
});

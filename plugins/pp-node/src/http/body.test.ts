import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import express, { Request, RequestHandler, Response } from 'express';
import request from 'supertest';
import { PpRequestContext } from './PpGuard';
import { readJsonBody } from './body';

/** A route shaped like every PP route: the guard, then the body. */
function app(opts: { bodyParserInFront?: boolean } = {}) {
  const reads: string[] = [];
  const router = express.Router();
  // express 4 does not catch a rejected handler's promise: hand the error on
  const route =
    (handler: (req: Request, res: Response) => Promise<void>): RequestHandler =>
    (req, res, next) => {
      handler(req, res).catch(next);
    };
  if (opts.bodyParserInFront) router.use(express.json());
  router.post(
    '/tickets',
    route(async (req, res) => {
      if (req.header('authorization') !== 'Bearer ok') {
        throw new AuthenticationError('No valid token');
      }
      const ctx = { requestId: 'r1' } as PpRequestContext;
      const body = await readJsonBody(req, ctx, 'POST /pp/v1/tickets');
      reads.push(JSON.stringify(body));
      res.json({ got: body });
    }),
  );
  router.post(
    '/attachments',
    route(async (req, res) => {
      res.json({
        got: await readJsonBody(
          req,
          'public',
          'POST /pp/v1/tickets/{ticket_id}/attachments',
        ),
      });
    }),
  );
  const server = express()
    .use(router)
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
  return { server, reads };
}

describe('readJsonBody', () => {
  it('lets the guard answer first: 401 for a malformed or oversized body of an unknown caller', async () => {
    const { server, reads } = app();
    const malformed = await request(server)
      .post('/tickets')
      .set('content-type', 'application/json')
      .send('{"title": ');
    expect(malformed.status).toBe(401);
    expect(malformed.body.error.name).toBe('AuthenticationError');

    const big = await request(server)
      .post('/tickets')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(401);
    expect(reads).toEqual([]);
  });

  it('answers 400 InputError to malformed JSON and 413 PayloadTooLargeError over the route limit', async () => {
    const { server } = app();
    const malformed = await request(server)
      .post('/tickets')
      .set('authorization', 'Bearer ok')
      .set('content-type', 'application/json')
      .send('{"title": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^The request body is not valid JSON/),
    });

    // 100kb is 102400 bytes: one byte over is refused, the limit itself is read
    const exact = (size: number) =>
      JSON.stringify({ t: 'x'.repeat(size - '{"t":""}'.length) });
    const over = await request(server)
      .post('/tickets')
      .set('authorization', 'Bearer ok')
      .set('content-type', 'application/json')
      .send(exact(102_401));
    expect(over.status).toBe(413);
    expect(over.body.error).toEqual(
      expect.objectContaining({
        name: 'PayloadTooLargeError',
        message:
          'The request body is larger than the 100kb that POST /pp/v1/tickets accepts',
      }),
    );
    const at = await request(server)
      .post('/tickets')
      .set('authorization', 'Bearer ok')
      .set('content-type', 'application/json')
      .send(exact(102_400));
    expect(at.status).toBe(200);
  });

  it('counts the limit after Content-Encoding: a small gzip of a large body is 413', async () => {
    const { server } = app();
    const listening = server.listen(0, '127.0.0.1');
    await new Promise(r => listening.once('listening', r));
    try {
      const { port } = listening.address() as AddressInfo;
      const send = (body: Buffer) =>
        new Promise<{ status: number; body: any }>((resolve, reject) => {
          const req = httpRequest(
            {
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: '/tickets',
              headers: {
                authorization: 'Bearer ok',
                'content-type': 'application/json',
                'content-encoding': 'gzip',
                'content-length': body.length,
              },
            },
            res => {
              let text = '';
              res.on('data', c => (text += c));
              res.on('end', () =>
                resolve({ status: res.statusCode!, body: JSON.parse(text) }),
              );
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const small = await send(gzipSync(JSON.stringify({ t: 'small' })));
      expect(small).toEqual({ status: 200, body: { got: { t: 'small' } } });
      const zipped = gzipSync(JSON.stringify({ t: 'x'.repeat(500_000) }));
      expect(zipped.length).toBeLessThan(10_000);
      const big = await send(zipped);
      expect(big.status).toBe(413);
      expect(big.body.error.name).toBe('PayloadTooLargeError');
      const broken = await send(Buffer.from('not gzip at all'));
      expect(broken.status).toBe(400);
      expect(broken.body.error.name).toBe('InputError');
    } finally {
      await new Promise(r => listening.close(r));
    }
  });

  it("takes the route's own limit from ppBodyLimits (attachments: 8mb)", async () => {
    const { server } = app();
    const res = await request(server)
      .post('/attachments')
      .send({ content_base64: 'x'.repeat(1024 * 1024) });
    expect(res.status).toBe(200);
    expect(res.body.got.content_base64).toHaveLength(1024 * 1024);
  });

  it('gives the parsed body; a body that is not JSON is not read ({}), a charset other than UTF-8 is 415', async () => {
    const { server } = app();
    const ok = await request(server)
      .post('/tickets')
      .set('authorization', 'Bearer ok')
      .send({ title: 'hello' });
    expect(ok.body).toEqual({ got: { title: 'hello' } });
    const text = await request(server)
      .post('/tickets')
      .set('authorization', 'Bearer ok')
      .set('content-type', 'text/plain')
      .send('{"title": "hello"}');
    expect(text.body).toEqual({ got: {} });
    const latin1 = await request(server)
      .post('/tickets')
      .set('authorization', 'Bearer ok')
      .set('content-type', 'application/json; charset=latin1')
      .send('{"title": "hello"}');
    expect(latin1.status).toBe(415);
    expect(latin1.body.error.name).toBe('UnsupportedMediaTypeError');
  });

  it('refuses a body some parser in front of the guard already read', async () => {
    const { server, reads } = app({ bodyParserInFront: true });
    const res = await request(server)
      .post('/tickets')
      .set('authorization', 'Bearer ok')
      .send({ title: 'hello' });
    expect(res.status).toBe(500);
    expect(reads).toEqual([]);
  });
});

import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  PpWebhookDeliveries,
  migratePpSignedWebhooks,
  ppSignedHeaders,
} from '@internal/plugin-pp-node';
import express from 'express';
import request from 'supertest';
import {
  generateWebhookSecret,
  knowledgeWebhookHandler,
  parseWebhookRecords,
} from './webhook';
import type { FetchedRecord } from './types';

jest.setTimeout(60_000);

describe('parseWebhookRecords', () => {
  it('accepts one record', () => {
    expect(
      parseWebhookRecords({
        id: 42,
        title: 'Price list',
        content: '<p>Plan A costs <b>10</b> €.</p>',
        url: 'https://shop.example/prices',
        published_at: 1764842400,
      }),
    ).toEqual([
      {
        external_id: '42',
        title: 'Price list',
        content: 'Plan A costs 10 €.',
        url: 'https://shop.example/prices',
        published_at: '2025-12-04T10:00:00.000Z',
      },
    ]);
  });

  it('accepts { records: [...] }, external_id before id, repeats dropped', () => {
    const records = parseWebhookRecords({
      records: [
        { external_id: 'a', id: 'ignored', content: 'first' },
        { id: 'a', content: 'repeat' },
        { content: 'no id, no title' },
      ],
    });
    expect(records.map(r => [r.external_id, r.title, r.content])).toEqual([
      ['a', 'first', 'first'],
      [expect.stringMatching(/^sha256:/), 'no id, no title', 'no id, no title'],
    ]);
  });

  it.each([
    [{}, /^Invalid webhook body: content: /],
    [{ records: [] }, /records: send at least one record/],
    [{ records: [{ title: 'x' }] }, /Invalid webhook body: .*content/],
    [{ title: 'no content' }, /Invalid webhook body/],
    [[{ content: 'an array is not the shape' }], /^Invalid webhook body: /],
    ['just text', /^Invalid webhook body: /],
    [
      { records: Array.from({ length: 1001 }, () => ({ content: 'x' })) },
      'The webhook delivered 1001 records; send at most 1000 at a time',
    ],
    [{ content: '<p> </p>' }, /no record with text/],
  ])('refuses body #%#', (body, message) => {
    expect(() => parseWebhookRecords(body)).toThrow(message);
  });
});

describe('knowledgeWebhookHandler', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const secret = generateWebhookSecret();
  let app: express.Express;
  let received: FetchedRecord[][];

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    await migratePpSignedWebhooks(knex);
    const deliveries = new PpWebhookDeliveries(knex);
    app = express()
      .post('/webhooks/:sourceId', (req, res, next) => {
        // as the core does: the source's secret, loaded per request
        const handler = knowledgeWebhookHandler({
          sourceId: req.params.sourceId,
          secret: req.params.sourceId === 'src-1' ? secret : undefined,
          deliveries,
          handle: async records => {
            received.push(records);
            return { accepted: records.length };
          },
        });
        Promise.resolve(handler(req, res, next)).catch(next);
      })
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );
  });
  beforeEach(() => {
    received = [];
  });

  const post = (
    sourceId: string,
    body: string,
    headers: Record<string, string>,
  ) =>
    request(app)
      .post(`/webhooks/${sourceId}`)
      .set('content-type', 'application/json')
      .set(headers)
      .send(body);

  it('accepts a delivery signed with the source secret, once', async () => {
    const body = JSON.stringify({ records: [{ id: 'r1', content: 'hello' }] });
    const headers = ppSignedHeaders(secret, body);
    const res = await post('src-1', body, headers);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 1 });
    expect(received[0][0]).toMatchObject({
      external_id: 'r1',
      content: 'hello',
    });

    const replay = await post('src-1', body, headers);
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/already received/);
  });

  it('refuses a wrong signature, an unsigned request and a source without a secret', async () => {
    const body = JSON.stringify({ content: 'x' });
    const wrong = await post(
      'src-1',
      body,
      ppSignedHeaders('another secret', body),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe(
      'The signature does not match the body',
    );
    const unsigned = await post('src-1', body, {});
    expect(unsigned.status).toBe(401);
    const unknown = await post('src-2', body, ppSignedHeaders(secret, body));
    expect(unknown.status).toBe(401);
    expect(received).toEqual([]);
  });

  it('answers 400 with a sentence for a signed body that is no record', async () => {
    const body = JSON.stringify({ records: [{ title: 'no content' }] });
    const res = await post('src-1', body, ppSignedHeaders(secret, body));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^Invalid webhook body: records\.0\.content/,
      ),
    });
  });
});

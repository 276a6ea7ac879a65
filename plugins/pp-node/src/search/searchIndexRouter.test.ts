import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import {
  PpSearchDocument,
  createPpSearchIndexRouter,
} from './searchIndexRouter';

const doc = (n: number): PpSearchDocument => ({
  title: `Doc ${n}`,
  text: `text ${n}`,
  location: `/doc/${n}`,
});

function app() {
  const pages: Array<{ after?: string; limit: number }> = [];
  const router = createPpSearchIndexRouter({
    // `Bearer <subject>` stands for a verified service token of that subject
    httpAuth: mockServices.httpAuth.mock({
      credentials: (async (req: express.Request) =>
        mockCredentials.service(
          String(req.headers.authorization).replace(/^Bearer /, ''),
        )) as any,
    }),
    indexes: {
      small: { all: async () => [doc(1), doc(2)] },
      big: {
        page: async page => {
          pages.push(page);
          const from = Number(page.after ?? 0);
          const documents = [1, 2, 3, 4, 5]
            .filter(n => n > from)
            .slice(0, page.limit)
            .map(doc);
          const last = from + documents.length;
          return { documents, next: last < 5 ? String(last) : undefined };
        },
      },
    },
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  return {
    pages,
    http: express().use(router).use(middleware.error()),
  };
}

describe('createPpSearchIndexRouter', () => {
  it('answers a small type in one page and a paged type page after page', async () => {
    const { http, pages } = app();
    const search = 'Bearer plugin:search';
    const small = await request(http)
      .get('/search-index/small')
      .set('authorization', search);
    expect(small.body).toEqual({ documents: [doc(1), doc(2)], next: null });

    const first = await request(http)
      .get('/search-index/big?limit=2')
      .set('authorization', search);
    expect(first.body).toEqual({ documents: [doc(1), doc(2)], next: '2' });
    const last = await request(http)
      .get('/search-index/big?limit=4&after=2')
      .set('authorization', search);
    expect(last.body).toEqual({
      documents: [doc(3), doc(4), doc(5)],
      next: null,
    });
    // no or a nonsensical limit: the default page; at most 5 000
    await request(http)
      .get('/search-index/big?limit=-3')
      .set('authorization', search);
    await request(http)
      .get('/search-index/big?limit=999999')
      .set('authorization', search);
    expect(pages).toEqual([
      { after: undefined, limit: 2 },
      { after: '2', limit: 4 },
      { after: undefined, limit: 1000 },
      { after: undefined, limit: 5000 },
    ]);
  });

  it('refuses every caller but the search backend, and leaves unknown types to other routes', async () => {
    const { http, pages } = app();
    const refused = await request(http)
      .get('/search-index/big')
      .set('authorization', 'Bearer plugin:pp-helpdesk');
    expect(refused.status).toBe(403);
    expect(refused.body.error.name).toBe('NotAllowedError');
    expect(pages).toEqual([]);
    expect(
      (
        await request(http)
          .get('/search-index/unknown')
          .set('authorization', 'Bearer plugin:search')
      ).status,
    ).toBe(404);
  });
});

import express from 'express';
import request from 'supertest';
import { notModified, ppJsonEtag, sendCachedJson } from './etag';

describe('sendCachedJson', () => {
  let body: unknown = { services: 13, down: 1 };
  const app = express();
  app.get('/overview', (req, res) =>
    sendCachedJson(req, res, body, { maxAgeSeconds: 30 }),
  );
  app.get('/fresh', (req, res) => sendCachedJson(req, res, body));

  it('answers with an ETag and tells pollers how often to ask', async () => {
    const res = await request(app).get('/overview');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
    expect(res.headers.etag).toBe(ppJsonEtag(body));
    expect(res.headers['cache-control']).toBe('private, max-age=30');
    expect(res.headers.vary).toContain('Authorization');
    const fresh = await request(app).get('/fresh');
    expect(fresh.headers['cache-control']).toBe('private, no-cache');
  });

  it('answers 304 without a body while the tag still matches, 200 once it changed', async () => {
    const first = await request(app).get('/overview');
    const again = await request(app)
      .get('/overview')
      .set('If-None-Match', `"other", W/${first.headers.etag}`);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');

    body = { services: 13, down: 2 };
    const changed = await request(app)
      .get('/overview')
      .set('If-None-Match', first.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual(body);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
  });

  it('answers 304 for a validator the route knows (notModified)', async () => {
    const files = express();
    files.get('/file', (req, res) => {
      if (notModified(req, res, '"att-1"', { maxAgeSeconds: 3600 })) return;
      res.send('content');
    });
    const first = await request(files).get('/file');
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"att-1"');
    expect(first.headers['cache-control']).toBe('private, max-age=3600');
    const again = await request(files)
      .get('/file')
      .set('If-None-Match', '"att-1"');
    expect(again.status).toBe(304);
  });
});

import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { checkUrl } from './checker';

describe('checkUrl', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok') res.writeHead(200).end('{"status":"ok"}');
      else if (req.url === '/slow')
        setTimeout(() => res.writeHead(200).end('ok'), 150);
      else if (req.url === '/hang')
        setTimeout(() => res.writeHead(200).end('late'), 2000);
      else if (req.url === '/404') res.writeHead(404).end('no');
      else res.writeHead(503).end('unavailable');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>(r => server.close(() => r()));
  });
  const at = new Date('2026-11-25T10:00:00Z');
  const check = (path: string, degradedResponseMs = 1000, timeoutMs = 500) =>
    checkUrl(`${base}${path}`, { timeoutMs, degradedResponseMs }, () => at);

  it('maps the HTTP outcome and response time to a status', async () => {
    expect(await check('/ok')).toMatchObject({
      status: 'up',
      http_status: 200,
      error: null,
      at,
    });
    expect(await check('/slow', 100)).toMatchObject({
      status: 'degraded',
      http_status: 200,
    });
    expect(await check('/404')).toMatchObject({
      status: 'degraded',
      http_status: 404,
      error: 'HTTP 404',
    });
    expect(await check('/503')).toMatchObject({
      status: 'down',
      http_status: 503,
      error_rate: 1,
    });
    const hang = await check('/hang', 1000, 100);
    expect(hang).toMatchObject({
      status: 'down',
      http_status: null,
      error: 'timeout after 100 ms',
    });
    expect(hang.response_time_ms).toBeGreaterThanOrEqual(90);
    const refused = await checkUrl(
      'http://127.0.0.1:1/health',
      { timeoutMs: 500, degradedResponseMs: 1000 },
      () => at,
    );
    expect(refused).toMatchObject({ status: 'down', http_status: null });
    expect(refused.error).toBeTruthy();
  });
});

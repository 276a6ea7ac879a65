import { mockServices } from '@backstage/backend-test-utils';
import { HttpRolloutHealth, metricsFromSeries } from './RolloutHealth';
import { SmokeTests } from './SmokeTests';

const bucket = (
  at: string,
  checks: number,
  p95: number | null,
  err: number | null,
) => ({
  at,
  checks,
  p95_response_ms: p95,
  error_rate: err,
});

describe('metricsFromSeries', () => {
  it('sums the checks of the buckets since green took traffic, weights the error rate, keeps the worst p95', () => {
    const series = [
      bucket('2026-12-21T10:00:00Z', 50, 5000, 0.5), // before: left out
      bucket('2026-12-21T10:01:00Z', 10, 900, 0.1), // holds `since`
      bucket('2026-12-21T10:02:00Z', 30, 700, 0.02),
      bucket('2026-12-21T10:03:00Z', 0, null, null),
    ];
    expect(
      metricsFromSeries(series, 60, new Date('2026-12-21T10:01:30Z')),
    ).toEqual({
      samples: 40,
      values: { error_rate: (10 * 0.1 + 30 * 0.02) / 40, p95_ms: 900 },
    });
    expect(
      metricsFromSeries(series, 60, new Date('2026-12-21T10:05:00Z')),
    ).toBeUndefined();
  });
});

describe('HttpRolloutHealth', () => {
  const deps = (fetch: jest.Mock) => ({
    discovery: {
      getBaseUrl: async () => 'http://health',
      getExternalBaseUrl: async () => '',
    },
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    fetch: fetch as any,
  });

  it('asks the health plugin with a service token; the baseline is the 24 h figures', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({ error_rate: 0.01, p95_response_ms: 800 }),
          { status: 200 },
        ),
    );
    const h = new HttpRolloutHealth(deps(fetch));
    expect(await h.baseline('lead-hunter')).toEqual({
      error_rate: 0.01,
      p95_ms: 800,
    });
    const [url, init] = fetch.mock.calls[0] as any;
    expect(url).toBe(
      'http://health/health/microservices/lead-hunter?window=24h',
    );
    expect(init.headers.authorization).toMatch(/^Bearer /);
  });

  it('knows nothing of a service the health plugin does not monitor', async () => {
    const h = new HttpRolloutHealth(
      deps(jest.fn(async () => new Response('{}', { status: 404 }))),
    );
    expect(await h.baseline('x')).toEqual({});
    expect(await h.metricsSince('x', new Date())).toBeUndefined();
    expect(await h.checksSince('x', new Date())).toEqual([]);
  });

  it('gives the active checks since a time, newest first', async () => {
    const check = (at: string, status: string, source = 'check') => ({
      checked_at: at,
      status,
      source,
      error: status === 'up' ? null : 'HTTP 503',
    });
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            recent_checks: [
              check('2026-12-21T10:00:00Z', 'down'),
              check('2026-12-21T10:02:00Z', 'up'),
              check('2026-12-21T10:03:00Z', 'down', 'heartbeat'),
            ],
          }),
          { status: 200 },
        ),
    );
    const h = new HttpRolloutHealth(deps(fetch));
    expect(await h.checksSince('a', new Date('2026-12-21T10:01:00Z'))).toEqual([
      { up: true, at: new Date('2026-12-21T10:02:00Z'), error: null },
    ]);
  });
});

describe('SmokeTests with URLs', () => {
  it('GETs each URL with the agent and version filled in; a non-2xx or an error fails', async () => {
    const fetch = jest.fn(async (url: string) => {
      if (url.includes('/down')) throw new Error('connect ECONNREFUSED');
      return new Response('ok', { status: url.includes('/ready') ? 200 : 503 });
    });
    const smoke = new SmokeTests({
      urls: [
        'http://{agent_id}.agents/ready?v={version}',
        'http://{agent_id}.agents/chat',
        'http://{agent_id}.agents/down',
      ],
      health: {} as any,
      fetch: fetch as any,
    });
    expect(
      await smoke.run('lead-hunter', 'lead-hunter', '1.5.0', new Date()),
    ).toEqual({
      passed: 1,
      failed: 2,
      failures: [
        'GET http://lead-hunter.agents/chat answered 503',
        'GET http://lead-hunter.agents/down failed: connect ECONNREFUSED',
      ],
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://lead-hunter.agents/ready?v=1.5.0',
    );
  });

  it('sends at least `requests` requests, taking the URLs in turn', async () => {
    let n = 0;
    const fetch = jest.fn(async () => {
      n += 1;
      return new Response('ok', { status: n === 7 ? 500 : 200 });
    });
    const smoke = new SmokeTests({
      urls: ['http://a/ping', 'http://a/chat?q=hello'],
      requests: 10,
      health: {} as any,
      fetch: fetch as any,
    });
    expect(await smoke.run('ava', 'ava', 'v2', new Date())).toEqual({
      passed: 9,
      failed: 1,
      failures: ['GET http://a/ping answered 500'],
    });
    expect(fetch).toHaveBeenCalledTimes(10);
    expect(fetch.mock.calls.map(c => (c as any)[0])).toEqual(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 ? 'http://a/chat?q=hello' : 'http://a/ping',
      ),
    );
  });
});

import { PpHealthClient, parseMaxAge } from './PpHealthClient';

function client(responses: Response[]) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) => responses.shift()!,
  );
  const c = new PpHealthClient({
    discoveryApi: { getBaseUrl: async () => 'http://x/api/pp-health' },
    fetchApi: { fetch: fetch as any },
  });
  return { c, fetch };
}

describe('PpHealthClient', () => {
  it('reads max-age', () => {
    expect(parseMaxAge('private, max-age=30')).toBe(30);
    expect(parseMaxAge('no-cache')).toBeNull();
    expect(parseMaxAge(null)).toBeNull();
  });

  it('GETs the detail with its window and returns the max-age', async () => {
    const { c, fetch } = client([
      new Response(JSON.stringify({ service_id: 'a b' }), {
        headers: {
          'Cache-Control': 'max-age=15',
          'Content-Type': 'application/json',
        },
      }),
    ]);
    const r = await c.getMicroservice('a b', '7d');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://x/api/pp-health/health/microservices/a%20b?window=7d',
    );
    expect(r).toEqual({ data: { service_id: 'a b' }, maxAgeSeconds: 15 });
  });

  it('PUTs threshold updates with the reason and raises server errors', async () => {
    const { c, fetch } = client([
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'denied' },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    ]);
    await expect(
      c.updateThreshold('service_down', { threshold_value: 3 }, 'noisy'),
    ).rejects.toThrow(/403|denied/);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      'http://x/api/pp-health/health/alert-thresholds/service_down',
    );
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toEqual({
      threshold_value: 3,
      reason: 'noisy',
    });
  });
});

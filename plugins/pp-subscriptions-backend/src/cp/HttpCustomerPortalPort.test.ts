import http from 'node:http';
import { AddressInfo } from 'node:net';
import { CpPortError } from './CustomerPortalPort';
import { HttpCustomerPortalPort } from './HttpCustomerPortalPort';

interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A fake CP API on a free local port: records each request, answers with `answer`. */
async function fakeCp(
  answer: (req: Seen, res: http.ServerResponse) => void,
): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => {
      body += c;
    });
    req.on('end', () => {
      const s = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body,
      };
      seen.push(s);
      answer(s, res);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/`,
    seen,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const request = {
  subscriptionId: 'sub/42',
  refund: 'prorated' as const,
  reason: 'Fraudulent use',
  idempotencyKey: '6f1c2b8e-0000-4000-8000-000000000001',
};

async function failure(p: Promise<unknown>): Promise<CpPortError> {
  const error = await p.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(CpPortError);
  return error as CpPortError;
}

describe('HttpCustomerPortalPort', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });
  const start = async (answer: Parameters<typeof fakeCp>[0]) => {
    const s = await fakeCp(answer);
    servers.push(s);
    return s;
  };
  const port = (url: string, timeoutMs = 2000) =>
    new HttpCustomerPortalPort({ baseUrl: url, token: 'cp-secret', timeoutMs });

  it('POSTs the cancel with the bearer token, the idempotency key and {refund, reason}', async () => {
    const cp = await start((_req, res) =>
      json(res, 200, {
        id: 'sub/42',
        status: 'canceled',
        canceled_at: '2026-12-02T10:00:00Z',
        refund_amount: 12.5,
      }),
    );
    const result = await port(cp.url).cancelSubscription(request);
    expect(result).toEqual({
      canceledAt: '2026-12-02T10:00:00.000Z',
      refundAmount: 12.5,
    });
    expect(cp.seen).toHaveLength(1);
    const [seen] = cp.seen;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/api/v1/subscriptions/sub%2F42/cancel');
    expect(seen.headers.authorization).toBe('Bearer cp-secret');
    expect(seen.headers['idempotency-key']).toBe(request.idempotencyKey);
    expect(seen.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen.body)).toEqual({
      refund: 'prorated',
      reason: 'Fraudulent use',
    });
  });

  it('takes a 409 that says the subscription is canceled as done', async () => {
    const cp = await start((_req, res) =>
      json(res, 409, {
        error: { message: 'Already canceled' },
        subscription: {
          status: 'canceled',
          canceled_at: '2026-11-30T08:00:00Z',
        },
      }),
    );
    expect(await port(cp.url).cancelSubscription(request)).toEqual({
      canceledAt: '2026-11-30T08:00:00.000Z',
      refundAmount: null,
    });
  });

  it.each([
    [500, true],
    [502, true],
    [503, true],
    [429, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])(
    'an answer %i is retryable: %p, with CP’s message in the sentence',
    async (status, retryable) => {
      const cp = await start((_req, res) =>
        json(res, status, { error: { message: `CP says no (${status})` } }),
      );
      const error = await failure(port(cp.url).cancelSubscription(request));
      expect(error.retryable).toBe(retryable);
      expect(error.status).toBe(status);
      expect(error.message).toMatch(
        new RegExp(
          `^The Customer Portal answered ${status}.*CP says no \\(${status}\\)\\.$`,
        ),
      );
      expect(error.message).not.toContain('cp-secret');
    },
  );

  it('a 409 for another reason is permanent', async () => {
    const cp = await start((_req, res) =>
      json(res, 409, {
        error: { message: 'Subscription is locked by billing' },
      }),
    );
    const error = await failure(port(cp.url).cancelSubscription(request));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('locked by billing');
  });

  it('a timeout is retryable', async () => {
    const cp = await start(() => {
      // never answers
    });
    const error = await failure(port(cp.url, 300).cancelSubscription(request));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/did not answer within/);
  });

  it('a refused connection is retryable', async () => {
    const cp = await start((_req, res) => json(res, 200, {}));
    const url = cp.url;
    await cp.close();
    servers.length = 0;
    const error = await failure(port(url).cancelSubscription(request));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/could not be reached/);
  });

  describe('customer settings', () => {
    const settings = {
      subscription_id: 'sub-1',
      customer_name: 'Acme',
      working_hours: {
        days: ['mon'],
        start: '08:00',
        end: '17:00',
        timezone: 'Europe/Berlin',
      },
      approval_threshold: { amount: 1000, currency: 'EUR' },
      data_freshness_hours: 12,
      error_tolerance_percent: 3,
      budget_limit: { amount: 5000, currency: 'EUR', period: 'month' },
      updated_at: '2026-12-01T00:00:00.000Z',
    };

    it('GETs the agent’s subscription settings with the bearer token', async () => {
      const cp = await start((_req, res) =>
        json(res, 200, { subscriptions: [settings] }),
      );
      expect(await port(cp.url).agentSettings('lead/hunter')).toEqual([
        settings,
      ]);
      expect(cp.seen[0].method).toBe('GET');
      expect(cp.seen[0].url).toBe(
        '/api/v1/agents/lead%2Fhunter/subscription-settings',
      );
      expect(cp.seen[0].headers.authorization).toBe('Bearer cp-secret');
    });

    it('fails with a sentence: CP error, odd shape, timeout', async () => {
      const refusing = await start((_req, res) =>
        json(res, 503, { error: { message: 'Maintenance' } }),
      );
      const e = await failure(port(refusing.url).agentSettings('a'));
      expect(e.message).toBe('The Customer Portal answered 503: Maintenance.');
      expect(e.retryable).toBe(true);
      const odd = await start((_req, res) =>
        json(res, 200, { subscriptions: [{ subscription_id: 1 }] }),
      );
      expect((await failure(port(odd.url).agentSettings('a'))).message).toMatch(
        /shape PP does not understand/,
      );
      const slow = await start(() => undefined);
      expect(
        (await failure(port(slow.url, 300).agentSettings('a'))).message,
      ).toMatch(/did not answer within/);
    });
  });
});

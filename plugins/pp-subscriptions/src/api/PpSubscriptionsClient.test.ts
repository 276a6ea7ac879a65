import {
  PpSubscriptionsClient,
  downloadPath,
  filenameOf,
} from './PpSubscriptionsClient';
import { makeExport } from '../__testUtils__/mocks';

const baseUrl = 'http://localhost:7007/api/pp-subscriptions';

function json(status: number, body: unknown, headers = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('PpSubscriptionsClient', () => {
  const fetch = jest.fn() as jest.MockedFunction<typeof globalThis.fetch>;
  const discoveryApi = { getBaseUrl: jest.fn(async () => baseUrl) };
  const client = new PpSubscriptionsClient({
    discoveryApi,
    fetchApi: { fetch },
  });

  beforeEach(() => fetch.mockReset());

  it('lists with the filters as a query and reads runs with the reason', async () => {
    fetch.mockImplementation(async () => json(200, { items: [] }));
    await client.listSubscriptions({
      band: ['red', 'amber'],
      score_lt: 60,
      sort: '-errors',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/subscriptions?band=red%2Camber&score_lt=60&sort=-errors`,
    );
    await client.listAgentRuns('demo sub/1', {
      reason: 'a complaint',
      limit: 20,
    });
    expect(fetch.mock.calls[1][0]).toBe(
      `${baseUrl}/subscriptions/demo%20sub%2F1/agent-runs?reason=a+complaint&limit=20`,
    );
  });

  it('sends the force-cancel with its Idempotency-Key and unwraps the action', async () => {
    fetch.mockResolvedValue(
      json(202, { action: { id: 'a1', status: 'pending' } }),
    );
    await expect(
      client.forceCancel('s1', { reason: 'fraud!', refund: 'full' }, 'key-1'),
    ).resolves.toEqual({ id: 'a1', status: 'pending' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${baseUrl}/subscriptions/s1/force-cancel`);
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({
      'Idempotency-Key': 'key-1',
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(init?.body as string)).toEqual({
      reason: 'fraud!',
      refund: 'full',
    });
  });

  it('starts and polls exports, and downloads the file with the token', async () => {
    fetch.mockResolvedValueOnce(json(202, { export: makeExport() }));
    await expect(
      client.exportRuns('demo-sub-003', { format: 'csv', reason: 'review' }),
    ).resolves.toMatchObject({ id: 'exp-1' });
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/subscriptions/demo-sub-003/export-runs`,
    );
    fetch.mockResolvedValueOnce(
      json(200, { export: makeExport({ status: 'succeeded' }) }),
    );
    await expect(
      client.getExport('demo-sub-003', 'exp-1'),
    ).resolves.toMatchObject({
      status: 'succeeded',
    });
    expect(fetch.mock.calls[1][0]).toBe(
      `${baseUrl}/subscriptions/demo-sub-003/exports/exp-1`,
    );

    fetch.mockResolvedValueOnce(
      new Response('a,b\n', {
        status: 200,
        headers: {
          'content-disposition': 'attachment; filename="runs-demo.csv"',
        },
      }),
    );
    const file = await client.downloadExport(
      makeExport({
        status: 'succeeded',
        format: 'csv',
        download_url:
          '/pp/v1/subscriptions/demo-sub-003/exports/exp-1/download',
      }),
    );
    expect(fetch.mock.calls[2][0]).toBe(
      `${baseUrl}/subscriptions/demo-sub-003/exports/exp-1/download`,
    );
    expect(file.filename).toBe('runs-demo.csv');
    expect(await file.blob.text()).toBe('a,b\n');
  });

  it('finds the download path and the file name', () => {
    expect(
      downloadPath(
        makeExport({
          download_url:
            'http://x:7007/api/pp-subscriptions/subscriptions/s/exports/e/download',
        }),
      ),
    ).toBe('/subscriptions/s/exports/e/download');
    expect(downloadPath(makeExport({ download_url: null }))).toBe(
      '/subscriptions/demo-sub-003/exports/exp-1/download',
    );
    expect(filenameOf("attachment; filename*=UTF-8''runs%20d.pdf")).toBe(
      'runs d.pdf',
    );
    expect(filenameOf(null)).toBeUndefined();
  });
});

import { ResponseError } from '@backstage/errors';
import { PpHelpdeskClient } from './PpHelpdeskClient';

const baseUrl = 'http://localhost:7007/api/pp-helpdesk';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: status === 412 ? 'Precondition Failed' : 'OK',
    headers: { 'content-type': 'application/json' },
  });
}

describe('PpHelpdeskClient', () => {
  const fetch = jest.fn() as jest.MockedFunction<typeof globalThis.fetch>;
  const discoveryApi = { getBaseUrl: jest.fn(async () => baseUrl) };
  const client = new PpHelpdeskClient({ discoveryApi, fetchApi: { fetch } });

  beforeEach(() => fetch.mockReset());

  it('lists tickets joining multi-valued filters with commas and leaving out empty ones', async () => {
    const page = { items: [], total_count: 0, limit: 25, next_cursor: null };
    fetch.mockResolvedValue(jsonResponse(200, page));
    await expect(
      client.listTickets({
        status: ['open', 'in_progress'],
        priority: [],
        assignee: 'me',
        q: '',
        limit: 25,
        cursor: 'abc',
      }),
    ).resolves.toEqual(page);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('pp-helpdesk');
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/tickets?status=open%2Cin_progress&assignee=me&limit=25&cursor=abc`,
    );
  });

  it('sends writes as JSON with the version', async () => {
    fetch.mockResolvedValue(jsonResponse(200, { id: 't1' }));
    await client.transitionTicket('TKT-000001', {
      status: 'resolved',
      version: 4,
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${baseUrl}/tickets/TKT-000001/transition`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({
      status: 'resolved',
      version: 4,
    });
  });

  it('rejects with a ResponseError carrying the 412 of a stale version', async () => {
    fetch.mockResolvedValue(
      jsonResponse(412, {
        error: { name: 'PreconditionFailedError', message: 'stale' },
        response: { statusCode: 412 },
      }),
    );
    const error = await client
      .assignTicket('t1', { assignee_id: 'me', version: 1 })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(412);
  });

  it('unwraps the assignee list', async () => {
    fetch.mockResolvedValue(
      jsonResponse(200, { items: [{ id: 'u1', name: 'Hari', email: null }] }),
    );
    await expect(client.listAssignees()).resolves.toEqual([
      { id: 'u1', name: 'Hari', email: null },
    ]);
    expect(fetch.mock.calls[0][0]).toBe(`${baseUrl}/tickets/assignees`);
  });
});

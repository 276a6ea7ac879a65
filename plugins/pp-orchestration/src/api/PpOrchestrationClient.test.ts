import { PpOrchestrationClient } from './PpOrchestrationClient';

const baseUrl = 'http://localhost:7007/api/pp-orchestration';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('PpOrchestrationClient', () => {
  const fetch = jest.fn() as jest.MockedFunction<typeof globalThis.fetch>;
  const client = new PpOrchestrationClient({
    discoveryApi: { getBaseUrl: jest.fn(async () => baseUrl) },
    fetchApi: { fetch },
  });

  beforeEach(() => fetch.mockReset());

  it('lists with the filters as a query', async () => {
    fetch.mockImplementation(async () => json(200, { items: [] }));
    await client.listCreations({
      status: ['genesis_rejected', 'ci_failed'],
      overdue: true,
      q: 'tutor',
      sort: 'name',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/agents/creations?status=genesis_rejected%2Cci_failed&overdue=true&q=tutor&sort=name`,
    );
  });

  it('creates with a JSON body and reads a creation by its agent id', async () => {
    fetch.mockImplementation(async () => json(201, { agent_id: 'a' }));
    await client.createAgent({
      agent_name: 'Maths Tutor',
      industry: 'education',
      specialty: 'jee-mathematics',
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${baseUrl}/agents/create`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toMatchObject({
      agent_name: 'Maths Tutor',
    });
    await client.getCreation('maths tutor/1');
    expect(fetch.mock.calls[1][0]).toBe(
      `${baseUrl}/agents/maths%20tutor%2F1/creation-status`,
    );
  });

  it('rejects with the server error', async () => {
    fetch.mockImplementation(async () =>
      json(403, { error: { name: 'NotAllowedError', message: 'Not allowed' } }),
    );
    await expect(client.getCreation('x')).rejects.toMatchObject({
      name: 'ResponseError',
    });
  });
});

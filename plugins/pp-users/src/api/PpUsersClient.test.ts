import { ResponseError } from '@backstage/errors';
import { PpUsersClient } from './PpUsersClient';

const baseUrl = 'http://localhost:7007/api/pp-users';

function jsonResponse(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    statusText:
      (
        {
          200: 'OK',
          201: 'Created',
          204: 'No Content',
          400: 'Bad Request',
          403: 'Forbidden',
        } as Record<number, string>
      )[status] ?? '',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
}

describe('PpUsersClient', () => {
  const fetch = jest.fn() as jest.MockedFunction<typeof globalThis.fetch>;
  const discoveryApi = { getBaseUrl: jest.fn(async () => baseUrl) };
  const client = new PpUsersClient({ discoveryApi, fetchApi: { fetch } });

  const call = (i = 0) => {
    const [url, init] = fetch.mock.calls[i];
    return {
      url,
      method: init?.method,
      body: init?.body ? JSON.parse(init.body as string) : undefined,
      headers: init?.headers,
    };
  };

  beforeEach(() => {
    fetch.mockReset();
    discoveryApi.getBaseUrl.mockClear();
  });

  it('lists users with the query, leaving out empty filters', async () => {
    const page = { items: [], total_count: 0, limit: 25, offset: 50 };
    fetch.mockResolvedValue(jsonResponse(200, page));

    await expect(
      client.listUsers({
        search: 'ann lee',
        role: 'viewer',
        status: undefined,
        sort: 'last_active_at',
        order: 'desc',
        limit: 25,
        offset: 50,
      }),
    ).resolves.toEqual(page);

    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('pp-users');
    expect(call()).toEqual({
      url: `${baseUrl}/users?search=ann+lee&role=viewer&sort=last_active_at&order=desc&limit=25&offset=50`,
      method: 'GET',
      body: undefined,
      headers: undefined,
    });
  });

  it('creates a user with a JSON body', async () => {
    fetch.mockResolvedValue(jsonResponse(201, { id: 'u1' }));
    await client.createUser({
      name: 'Genesis validator',
      kind: 'agent',
      entity_ref: 'component:default/genesis-validator',
      roles: ['agent_orchestrator'],
    });
    expect(call()).toEqual({
      url: `${baseUrl}/users`,
      method: 'POST',
      body: {
        name: 'Genesis validator',
        kind: 'agent',
        entity_ref: 'component:default/genesis-validator',
        roles: ['agent_orchestrator'],
      },
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it.each([
    [
      'updateUser',
      () => client.updateUser('u/1', { status: 'inactive' }),
      'PUT',
      '/users/u%2F1',
      { status: 'inactive' },
    ],
    [
      'assignRole',
      () => client.assignRole('u1', 'viewer', 'onboarding'),
      'POST',
      '/users/u1/assign-role',
      { role: 'viewer', reason: 'onboarding' },
    ],
    [
      'revokeRole',
      () => client.revokeRole('u1', 'viewer'),
      'POST',
      '/users/u1/revoke-role',
      { role: 'viewer' },
    ],
    [
      'bulkAssignRole',
      () => client.bulkAssignRole({ user_ids: ['a', 'b'], role: 'viewer' }),
      'POST',
      '/users/bulk-assign-role',
      { user_ids: ['a', 'b'], role: 'viewer' },
    ],
    [
      'approveRoleRequest',
      () => client.approveRoleRequest('r1', 'ok'),
      'POST',
      '/users/role-requests/r1/approve',
      { note: 'ok' },
    ],
    [
      'denyRoleRequest',
      () => client.denyRoleRequest('r1'),
      'POST',
      '/users/role-requests/r1/deny',
      {},
    ],
    [
      'createApiToken',
      () => client.createApiToken('u1', { name: 'ci', expires_in_days: 30 }),
      'POST',
      '/users/u1/api-tokens',
      { name: 'ci', expires_in_days: 30 },
    ],
  ])('%s', async (_name, run, method, path, body) => {
    fetch.mockResolvedValue(jsonResponse(200, { items: [] }));
    await run();
    expect(call()).toMatchObject({ url: `${baseUrl}${path}`, method, body });
  });

  it.each([
    [
      'getUser',
      () => client.getUser('u1'),
      '/users/u1',
      { id: 'u1' },
      { id: 'u1' },
    ],
    [
      'listUserRoleChanges',
      () => client.listUserRoleChanges('u1', { limit: 10, offset: 0 }),
      '/users/u1/role-changes?limit=10&offset=0',
      { items: [], total_count: 0 },
      { items: [], total_count: 0 },
    ],
    [
      'listRoleChanges',
      () => client.listRoleChanges({ limit: 5 }),
      '/users/role-changes?limit=5',
      { items: [], total_count: 0 },
      { items: [], total_count: 0 },
    ],
    [
      'listRoleRequests',
      () => client.listRoleRequests({ status: 'pending', limit: 25 }),
      '/users/role-requests?status=pending&limit=25',
      { items: [], total_count: 0 },
      { items: [], total_count: 0 },
    ],
    [
      'listApiTokens',
      () => client.listApiTokens('u1'),
      '/users/u1/api-tokens',
      { items: [{ id: 't1' }] },
      [{ id: 't1' }],
    ],
    [
      'getMe',
      () => client.getMe(),
      '/users/me',
      { user: { id: 'u1' }, permissions: ['pp.roles.read'] },
      { user: { id: 'u1' }, permissions: ['pp.roles.read'] },
    ],
    [
      'listMyRoleRequests',
      () => client.listMyRoleRequests({ limit: 10, offset: 20 }),
      '/users/me/role-requests?limit=10&offset=20',
      { items: [{ id: 'r1' }], total_count: 21 },
      { items: [{ id: 'r1' }], total_count: 21 },
    ],
    [
      'listRoles',
      () => client.listRoles(),
      '/roles',
      { items: [{ key: 'admin' }] },
      [{ key: 'admin' }],
    ],
  ])('%s', async (_name, run, path, answer, expected) => {
    fetch.mockResolvedValue(jsonResponse(200, answer));
    await expect(run()).resolves.toEqual(expected);
    expect(call()).toMatchObject({
      url: `${baseUrl}${path}`,
      method: 'GET',
      body: undefined,
    });
  });

  it('requests a role for the signed-in person and returns the pending request', async () => {
    fetch.mockResolvedValue(jsonResponse(201, { id: 'r1', status: 'pending' }));
    await expect(
      client.requestRole({
        requested_role: 'agent_orchestrator',
        reason: 'I run the agent fleet',
      }),
    ).resolves.toEqual({ id: 'r1', status: 'pending' });
    expect(call()).toEqual({
      url: `${baseUrl}/users/role-request`,
      method: 'POST',
      body: {
        requested_role: 'agent_orchestrator',
        reason: 'I run the agent fleet',
      },
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('revokes a token with DELETE and accepts the empty 204', async () => {
    fetch.mockResolvedValue(jsonResponse(204));
    await expect(client.revokeApiToken('u1', 't 1')).resolves.toBeUndefined();
    expect(call()).toMatchObject({
      url: `${baseUrl}/users/u1/api-tokens/t%201`,
      method: 'DELETE',
    });
  });

  it('throws a ResponseError carrying the server message on a non-OK answer', async () => {
    fetch.mockResolvedValue(
      jsonResponse(400, {
        error: {
          name: 'InputError',
          message: 'The admin role is exclusive',
        },
        request: { method: 'POST', url: '/users' },
        response: { statusCode: 400 },
      }),
    );

    const error = await client
      .createUser({
        name: 'x',
        email: 'x@waooaw.com',
        roles: ['admin', 'viewer'],
      })
      .catch(e => e);

    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(400);
    expect(error.cause.name).toBe('InputError');
    expect(error.cause.message).toBe('The admin role is exclusive');
  });

  it('throws a ResponseError for a 403 without a JSON body', async () => {
    fetch.mockResolvedValue(
      new Response('nope', { status: 403, statusText: 'Forbidden' }),
    );
    const error = await client.listUsers().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });
});

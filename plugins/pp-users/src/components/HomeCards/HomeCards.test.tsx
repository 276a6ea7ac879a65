import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ppUsersApiRef } from '../../api';
import { PpAuditApi, ppAuditApiRef } from '../../api/PpAuditClient';
import {
  createMockPpUsersApi,
  makeUser,
  pageOf,
} from '../../__testUtils__/mocks';
import { AuditChainCard } from './AuditChainCard';
import { RoleRequestsCard } from './RoleRequestsCard';
import { UserCountsCard } from './UserCountsCard';

const auditApi = (result: Awaited<ReturnType<PpAuditApi['verify']>>) => ({
  verify: jest.fn().mockResolvedValue(result),
});

describe('users home cards', () => {
  it('RoleRequestsCard: who asks for which role, by name', async () => {
    const api = createMockPpUsersApi();
    api.listRoleRequests.mockResolvedValue(
      pageOf([
        {
          id: 'r1',
          user_id: 'u-hari',
          requested_role: 'infrastructure_engineer',
          reason: 'On call for the payments incident this week',
          status: 'pending',
          decided_by: null,
          decision_note: null,
          created_at: '2025-01-01T00:00:00Z',
          decided_at: null,
          duration_hours: null,
          expires_at: null,
        },
      ]),
    );
    api.getUser.mockResolvedValue(
      makeUser({ id: 'u-hari', name: 'Hari Helpdesk' }),
    );
    await renderInTestApp(
      <TestApiProvider apis={[[ppUsersApiRef, api]]}>
        <RoleRequestsCard />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Hari Helpdesk asks for Infrastructure Engineer'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 waiting for a decision')).toBeInTheDocument();
    expect(screen.queryByText(/u-hari|infrastructure_engineer/)).toBeNull();
    expect(api.listRoleRequests).toHaveBeenCalledWith({
      status: 'pending',
      limit: 5,
    });
  });

  it('RoleRequestsCard: says so when none waits', async () => {
    const api = createMockPpUsersApi();
    api.listRoleRequests.mockResolvedValue(pageOf([]));
    await renderInTestApp(
      <TestApiProvider apis={[[ppUsersApiRef, api]]}>
        <RoleRequestsCard />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('No role request is waiting for a decision.'),
    ).toBeInTheDocument();
  });

  it('AuditChainCard: intact and broken chains in words', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            ppAuditApiRef,
            auditApi({
              ok: true,
              checked: 1234,
              first_broken_id: null,
              head_id: 1234,
              problem: null,
              checkpoints: { checked: 0, latest: null, first_broken_id: null },
              missing_tail: null,
              legacy_rows: 0,
            }),
          ],
        ]}
      >
        <AuditChainCard />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'Intact: 1,234 records checked, none altered or missing.',
      ),
    ).toBeInTheDocument();
  });

  it('AuditChainCard: names the first broken record', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            ppAuditApiRef,
            auditApi({
              ok: false,
              checked: 10,
              first_broken_id: 7,
              head_id: null,
              problem: 'record 7 was changed after it was written',
              checkpoints: { checked: 0, latest: null, first_broken_id: null },
              missing_tail: null,
              legacy_rows: 0,
            }),
          ],
        ]}
      >
        <AuditChainCard />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        /Broken at record 7: record 7 was changed after it was written/,
      ),
    ).toBeInTheDocument();
  });

  it('UserCountsCard: people by state', async () => {
    const api = createMockPpUsersApi();
    api.listUsers.mockImplementation(async q =>
      pageOf([], { active: 7, pending: 2, inactive: 1 }[q!.status!] ?? 0),
    );
    await renderInTestApp(
      <TestApiProvider apis={[[ppUsersApiRef, api]]}>
        <UserCountsCard />
      </TestApiProvider>,
    );
    expect(await screen.findByText('7')).toBeInTheDocument();
    expect(screen.getByText('Not signed in yet')).toBeInTheDocument();
    expect(screen.getByText('2')).toBeInTheDocument();
    expect(screen.getByText('1')).toBeInTheDocument();
    expect(api.listUsers).toHaveBeenCalledWith({
      kind: 'user',
      status: 'pending',
      limit: 1,
    });
    expect(
      screen.getByRole('link', { name: 'Manage people and roles' }),
    ).toHaveAttribute('href', '/pp/users/users');
  });
});

import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ppUsersApiRef } from '../../api';
import { createMockPpUsersApi, makeUser } from '../../__testUtils__/mocks';
import { AccountCard } from './AccountCard';

describe('AccountCard', () => {
  it('says who you are and your roles in words, never your id', async () => {
    const api = createMockPpUsersApi();
    api.getMe.mockResolvedValue({
      user: makeUser({
        id: '77f95004-0000-4000-8000-000000000000',
        name: 'Hari Helpdesk',
        email: 'hari.helpdesk@waooaw.com',
        roles: ['helpdesk_agent', 'viewer'],
      }),
      permissions: [],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[ppUsersApiRef, api]]}>
        <AccountCard />
      </TestApiProvider>,
    );
    expect(await screen.findByText('Hari Helpdesk')).toBeInTheDocument();
    expect(screen.getByText('hari.helpdesk@waooaw.com')).toBeInTheDocument();
    expect(screen.getByText('Helpdesk Agent')).toBeInTheDocument();
    expect(screen.getByText('Viewer')).toBeInTheDocument();
    expect(screen.queryByText(/77f95004/)).not.toBeInTheDocument();
  });

  it('tells a person without roles that they can ask for one', async () => {
    const api = createMockPpUsersApi();
    api.getMe.mockResolvedValue({
      user: makeUser({ id: 'u-new', name: 'New Person', roles: [] }),
      permissions: [],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[ppUsersApiRef, api]]}>
        <AccountCard />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('None yet: you can ask for one.'),
    ).toBeInTheDocument();
  });
});

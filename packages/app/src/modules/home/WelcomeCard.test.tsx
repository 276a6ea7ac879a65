import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { WelcomeCard } from './WelcomeCard';
import { permissionsAllowing } from './testPermissions';

const render = (allowed: string[]) =>
  renderInTestApp(
    <TestApiProvider apis={[[permissionApiRef, permissionsAllowing(allowed)]]}>
      <WelcomeCard />
    </TestApiProvider>,
  );

// usePermission caches one answer per permission for the whole file: one person per file.
describe('WelcomeCard', () => {
  it('links only the areas the person may open', async () => {
    await render(['pp.tickets.read']);
    await screen.findByRole('link', { name: 'Helpdesk' });
    const href = (name: string) =>
      screen.getByRole('link', { name }).getAttribute('href');
    expect(href('Helpdesk')).toBe('/pp/helpdesk');
    expect(href('My access')).toBe('/pp/my-access');
    expect(href('Services and agents')).toBe('/catalog');
    expect(screen.queryByRole('link', { name: 'Health' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Users & roles' })).toBeNull();
    expect(
      screen.queryByRole('link', { name: 'Industry knowledge' }),
    ).toBeNull();
    expect(screen.queryByText(/backstage/i)).not.toBeInTheDocument();
  });
});

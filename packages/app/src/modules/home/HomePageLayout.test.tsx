import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { HomePageWidgetData } from '@backstage/plugin-home-react/alpha';
import { HomePageLayout } from './HomePageLayout';
import { permissionsAllowing } from './testPermissions';

const widget = (name: string): HomePageWidgetData => ({
  node: {} as HomePageWidgetData['node'],
  name,
  component: <section aria-label={name}>{name}</section>,
});

const widgets = [
  widget('PpRoleRequests'),
  widget('PpHealthSummary'),
  widget('PlatformPortalWelcome'),
  widget('HomePageSearchBar'),
  widget('PpMyTickets'),
];

const renderAs = (allowed: string[]) =>
  renderInTestApp(
    <TestApiProvider apis={[[permissionApiRef, permissionsAllowing(allowed)]]}>
      <HomePageLayout widgets={widgets} />
    </TestApiProvider>,
  );

const shown = () => {
  const labels: string[] = [];
  screen
    .getByTestId('home-cards')
    .querySelectorAll('section')
    .forEach(s => labels.push(s.getAttribute('aria-label')!));
  return labels;
};

// usePermission caches one answer per permission for the whole file: one person per file.
describe('HomePageLayout', () => {
  it('shows a person only the cards they may open, the welcome card first, nothing to edit', async () => {
    // an infrastructure engineer: health and ticket work, no role requests
    await renderAs(['pp.health.read', 'pp.tickets.update']);
    await screen.findByLabelText('PpHealthSummary');
    await screen.findByLabelText('PpMyTickets');
    expect(shown()).toEqual([
      'PlatformPortalWelcome',
      'PpHealthSummary',
      'PpMyTickets',
    ]);
    expect(screen.queryByLabelText('PpRoleRequests')).toBeNull();
    // the search bar spans the page above the cards
    expect(screen.getByLabelText('HomePageSearchBar')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /edit/i })).toBeNull();
  });
});

import { screen } from '@testing-library/react';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { apiSource, page } from '../__testUtils__/fixtures';

// a viewer: reads sources, changes and proposals; adds nothing, searches nothing
describe('SourcesPage (viewer)', () => {
  it('lists the sources without "Add knowledge source" or the search tab', async () => {
    const api = mockKnowledgeApi();
    api.listSources.mockResolvedValue(page([apiSource]));
    await renderKnowledgeAt(api, ROLES.viewer, '/');
    expect(await screen.findByText('Google Ads API')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add knowledge source' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Changes' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Retuning' })).toBeInTheDocument();
    expect(
      screen.queryByRole('tab', { name: 'Search' }),
    ).not.toBeInTheDocument();
  });

  it('says search is for industry managers and admins', async () => {
    const api = mockKnowledgeApi();
    await renderKnowledgeAt(api, ROLES.viewer, '/search');
    expect(
      await screen.findByText(
        'Searching industry knowledge is open to industry managers and admins.',
      ),
    ).toBeInTheDocument();
    expect(api.search).not.toHaveBeenCalled();
  });
});

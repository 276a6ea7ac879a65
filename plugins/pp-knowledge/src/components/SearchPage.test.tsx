import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { apiSource, page } from '../__testUtils__/fixtures';

describe('SearchPage (industry manager)', () => {
  it('searches by mode and source and shows title, source, score and snippet', async () => {
    const api = mockKnowledgeApi();
    api.listSources.mockResolvedValue(page([apiSource]));
    api.search.mockResolvedValue({
      industry: 'education',
      version: 'v2026-12-03',
      took_ms: 4.2,
      results: [
        {
          chunk_id: 'c1',
          document_id: 'd1',
          title: 'Responsive search ads',
          url: null,
          source_id: 'src-1',
          source_name: 'Google Ads API',
          score: 0.8123,
          snippet: 'Responsive search ads adapt headlines …',
        },
      ],
    });
    await renderKnowledgeAt(
      api,
      ROLES.industryManager,
      '/search?industry=education',
    );
    await userEvent.type(await screen.findByLabelText('Search'), 'search ads');
    await userEvent.click(screen.getByLabelText('Match by'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Words only' }),
    );
    await userEvent.click(screen.getByLabelText('Source'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Google Ads API' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const result = await screen.findByTestId('search-result');
    expect(
      within(result).getByText('Responsive search ads'),
    ).toBeInTheDocument();
    expect(within(result).getByText('Google Ads API')).toBeInTheDocument();
    expect(within(result).getByText('Score 0.812')).toBeInTheDocument();
    expect(
      within(result).getByText('Responsive search ads adapt headlines …'),
    ).toBeInTheDocument();
    expect(api.search).toHaveBeenCalledWith('education', {
      query: 'search ads',
      mode: 'keyword',
      limit: 20,
      source_ids: ['src-1'],
    });
    expect(screen.getByText(/1 result in v2026-12-03/)).toBeInTheDocument();
  });

  it('says when nothing matches, and shows errors', async () => {
    const api = mockKnowledgeApi();
    api.listSources.mockResolvedValue(page([]));
    api.search.mockResolvedValueOnce({
      industry: 'marketing',
      version: 'v2026-12-03',
      took_ms: 1,
      results: [],
    });
    api.search.mockRejectedValueOnce(new Error('The search index is loading.'));
    await renderKnowledgeAt(api, ROLES.industryManager, '/search');
    await userEvent.type(await screen.findByLabelText('Search'), 'zebra');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(
      await screen.findByText('Nothing in v2026-12-03 matches “zebra”.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(
      await screen.findByText('The search index is loading.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.search).toHaveBeenCalledTimes(2));
  });
});

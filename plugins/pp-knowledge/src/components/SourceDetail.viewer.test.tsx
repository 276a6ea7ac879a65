import { screen } from '@testing-library/react';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { apiSource, page, run } from '../__testUtils__/fixtures';

// a viewer reads a source and its runs, and changes nothing
describe('SourceDetail (viewer)', () => {
  it('has no run, pause or upload buttons', async () => {
    const api = mockKnowledgeApi();
    api.getSource.mockResolvedValue(apiSource);
    api.listRuns.mockResolvedValue(page([run]));
    await renderKnowledgeAt(api, ROLES.viewer, '/sources/src-1');
    expect(
      await screen.findByRole('table', { name: 'Runs of Google Ads API' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Run now' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Pause' }),
    ).not.toBeInTheDocument();
  });
});

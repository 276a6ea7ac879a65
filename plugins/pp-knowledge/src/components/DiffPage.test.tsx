import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { diff, page, version } from '../__testUtils__/fixtures';
import { topSourcesSentence } from './DiffPage';

// recharts' ResponsiveContainer measures its box; jsdom has no ResizeObserver
(global as any).ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const versions = page([
  version('v2026-12-03', '2026-12-03T21:00:00Z'),
  version('v2026-12-02', '2026-12-02T21:00:00Z'),
  version('v2026-12-01', '2026-12-01T21:00:00Z'),
]);

describe('DiffPage (viewer)', () => {
  it('shows the counts, % change, topics and top sources between two versions', async () => {
    const api = mockKnowledgeApi();
    api.listVersions.mockResolvedValue(versions);
    api.diff.mockResolvedValue(diff);
    await renderKnowledgeAt(api, ROLES.viewer, '/changes?industry=marketing');
    expect(await screen.findByTestId('diff-added')).toHaveTextContent('42');
    expect(screen.getByTestId('diff-modified')).toHaveTextContent('7');
    expect(screen.getByTestId('diff-removed')).toHaveTextContent('3');
    expect(screen.getByTestId('diff-percent')).toHaveTextContent('5.2 %');
    expect(screen.getByText('performance max (12)')).toBeInTheDocument();
    expect(screen.getByText('expanded text ads (4)')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Google Ads API: 40 added, 7 modified, 3 removed',
      }),
    ).toBeInTheDocument();
    expect(api.diff).toHaveBeenCalledWith('marketing', {});
  });

  it('diffs the range chosen among the industry’s versions', async () => {
    const api = mockKnowledgeApi();
    api.listVersions.mockResolvedValue(versions);
    api.diff.mockResolvedValue(diff);
    await renderKnowledgeAt(api, ROLES.viewer, '/changes?industry=marketing');
    await screen.findByTestId('diff-added');
    await userEvent.click(screen.getByLabelText('From'));
    await userEvent.click(
      await screen.findByRole('option', { name: /^v2026-12-01/ }),
    );
    expect(api.diff).toHaveBeenLastCalledWith('marketing', {
      from: 'v2026-12-01',
    });
  });

  it('says when the industry has no version yet', async () => {
    const api = mockKnowledgeApi();
    api.listVersions.mockResolvedValue(page([]));
    api.diff.mockResolvedValue({
      ...diff,
      from: null,
      to: null,
      top_sources: [],
      new_topics: [],
      removed_topics: [],
    });
    await renderKnowledgeAt(api, ROLES.viewer, '/changes?industry=sales');
    expect(
      await screen.findByText(
        'Sales has no knowledge version yet: the first run that stores records makes one.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error sentence', async () => {
    const api = mockKnowledgeApi();
    api.listVersions.mockResolvedValue(versions);
    api.diff.mockRejectedValue(
      new Error('No version v2026-01-01 in marketing.'),
    );
    await renderKnowledgeAt(api, ROLES.viewer, '/changes');
    expect(
      await screen.findByText('No version v2026-01-01 in marketing.'),
    ).toBeInTheDocument();
    expect(within(document.body).queryByTestId('diff-added')).toBeNull();
  });

  it('puts the chart in words', () => {
    expect(topSourcesSentence({ ...diff, top_sources: [] })).toBe(
      'No source changed.',
    );
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ROLES,
  mockKnowledgeApi,
  renderForEntity,
} from '../__testUtils__/render';
import { deployed, page, retuning, version } from '../__testUtils__/fixtures';
import { EntityKnowledgeContent } from './EntityKnowledgeContent';

const knowledge = {
  agent_id: 'ad-writer',
  industry: 'marketing' as const,
  knowledge_version: 'v2026-11-20',
  retuned_at: '2026-11-21T10:00:00Z',
  latest_version: 'v2026-12-03',
  active_retuning: null,
  history: [{ ...deployed, status: 'completed' as const }],
};

// an industry manager
describe('EntityKnowledgeContent (industry manager)', () => {
  it('shows the agent’s version, its industry’s newest and the history', async () => {
    const api = mockKnowledgeApi();
    api.getAgentKnowledge.mockResolvedValue(knowledge);
    await renderForEntity(
      api,
      ROLES.industryManager,
      <EntityKnowledgeContent />,
    );
    expect(await screen.findByText('v2026-11-20')).toBeInTheDocument();
    expect(api.getAgentKnowledge).toHaveBeenCalledWith('ad-writer');
    expect(
      screen.getByText(
        'v2026-12-03 is newer than what Ad Copy Writer runs on: retuning would bring it the new knowledge.',
      ),
    ).toBeInTheDocument();
    const history = screen.getByRole('table', {
      name: 'Retunings of Ad Copy Writer',
    });
    expect(within(history).getByText('Completed')).toBeInTheDocument();
  });

  it('shows the active retuning and retunes from the tab', async () => {
    const api = mockKnowledgeApi();
    api.getAgentKnowledge.mockResolvedValueOnce({
      ...knowledge,
      active_retuning: null,
      history: [],
    });
    api.getAgentKnowledge.mockResolvedValue({
      ...knowledge,
      active_retuning: retuning,
      history: [retuning],
    });
    api.listVersions.mockResolvedValue(
      page([version('v2026-12-03', '2026-12-03T21:00:00Z')]),
    );
    api.retune.mockResolvedValue(retuning);
    await renderForEntity(
      api,
      ROLES.industryManager,
      <EntityKnowledgeContent />,
    );
    expect(
      await screen.findByText('Ad Copy Writer has not been retuned yet.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retune' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Retune Ad Copy Writer'),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByLabelText('Why', { exact: false }),
      'Bring the December ad formats in',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Propose retuning' }),
    );
    await waitFor(() =>
      expect(api.retune).toHaveBeenCalledWith('ad-writer', {
        knowledge_version: 'v2026-12-03',
        industry: 'marketing',
        reason: 'Bring the December ad formats in',
        strategy: 'blue_green',
      }),
    );
    expect(
      await screen.findByText('Retuning on v2026-12-03'),
    ).toBeInTheDocument();
    expect(screen.getByText('Approved by Genesis')).toBeInTheDocument();
  });

  it('shows the error sentence', async () => {
    const api = mockKnowledgeApi();
    api.getAgentKnowledge.mockRejectedValue(new Error('No agent ad-writer.'));
    await renderForEntity(
      api,
      ROLES.industryManager,
      <EntityKnowledgeContent />,
    );
    expect(await screen.findByText('No agent ad-writer.')).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ROLES,
  mockKnowledgeApi,
  renderForEntity,
} from '../__testUtils__/render';
import { retuning } from '../__testUtils__/fixtures';
import { EntityKnowledgeContent } from './EntityKnowledgeContent';

const knowledge = {
  agent_id: 'ad-writer',
  industry: 'marketing' as const,
  knowledge_version: 'v2026-11-20',
  retuned_at: '2026-11-21T10:00:00Z',
  latest_version: 'v2026-12-03',
  active_retuning: null,
  history: [],
};

// an agent orchestrator may retune but not read the knowledge (no versions list)
describe('EntityKnowledgeContent (agent orchestrator)', () => {
  it('retunes on the newest knowledge of the agent’s industry', async () => {
    const api = mockKnowledgeApi();
    api.getAgentKnowledge.mockResolvedValue(knowledge);
    api.retune.mockResolvedValue(retuning);
    await renderForEntity(
      api,
      ROLES.agentOrchestrator,
      <EntityKnowledgeContent />,
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Retune' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        'The newest knowledge of the agent’s industry (choosing an older version is open to those who may read the knowledge).',
      ),
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
    expect(api.listVersions).not.toHaveBeenCalled();
  });
});

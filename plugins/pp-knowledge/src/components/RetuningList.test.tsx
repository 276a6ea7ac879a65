import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { page, retuning } from '../__testUtils__/fixtures';

// an agent orchestrator: reads and proposes retunings, reads no knowledge
describe('RetuningList (agent orchestrator)', () => {
  it('lands on the proposals with status in words, agent, version, strategy, who and when', async () => {
    const api = mockKnowledgeApi();
    api.listRetunings.mockResolvedValue(page([retuning]));
    await renderKnowledgeAt(api, ROLES.agentOrchestrator, '/');
    const row = (await screen.findByText('Ad Copy Writer')).closest('tr')!;
    expect(within(row).getByText('Waiting for an admin')).toBeInTheDocument();
    expect(within(row).getByText('v2026-12-03')).toBeInTheDocument();
    expect(within(row).getByText('Canary')).toBeInTheDocument();
    expect(within(row).getByText(/by Ira Manager/)).toBeInTheDocument();
    expect(screen.queryByText('ad-writer')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('tab', { name: 'Sources' }),
    ).not.toBeInTheDocument();
    expect(api.listSources).not.toHaveBeenCalled();
  });

  it('filters by status through the address', async () => {
    const api = mockKnowledgeApi();
    api.listRetunings.mockResolvedValue(page([]));
    await renderKnowledgeAt(
      api,
      ROLES.agentOrchestrator,
      '/retuning?status=rolled_back',
    );
    expect(
      await screen.findByText('No retuning proposals'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No proposal is in this state.'),
    ).toBeInTheDocument();
    expect(api.listRetunings).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'rolled_back', industry: 'marketing' }),
    );
  });

  it('proposes a retuning on the chosen agent’s newest knowledge (it lists no versions)', async () => {
    const api = mockKnowledgeApi();
    api.listRetunings.mockResolvedValue(page([]));
    api.getAgentKnowledge.mockResolvedValue({
      agent_id: 'lead-hunter',
      industry: 'sales',
      knowledge_version: null,
      retuned_at: null,
      latest_version: 'v2026-12-04',
      active_retuning: null,
      history: [],
    });
    api.retune.mockResolvedValue(retuning);
    await renderKnowledgeAt(api, ROLES.agentOrchestrator, '/retuning');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Retune an agent' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'Choose the agent first: its industry’s newest knowledge is offered.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByLabelText('Agent', { exact: false }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Lead Hunter' }),
    );
    expect(
      await within(dialog).findByLabelText('Knowledge version of Sales', {
        exact: false,
      }),
    ).toHaveTextContent('v2026-12-04 (the newest)');
    await userEvent.type(
      within(dialog).getByLabelText('Why', { exact: false }),
      'Bring the new prospecting playbook in',
    );
    await userEvent.click(within(dialog).getByLabelText('Roll out'));
    await userEvent.click(
      await screen.findByRole('option', { name: /^Canary/ }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Propose retuning' }),
    );
    await waitFor(() =>
      expect(api.retune).toHaveBeenCalledWith('lead-hunter', {
        knowledge_version: 'v2026-12-04',
        industry: 'sales',
        reason: 'Bring the new prospecting playbook in',
        strategy: 'canary',
      }),
    );
    expect(api.getAgentKnowledge).toHaveBeenCalledWith('lead-hunter');
    expect(api.listVersions).not.toHaveBeenCalled();
  });
});

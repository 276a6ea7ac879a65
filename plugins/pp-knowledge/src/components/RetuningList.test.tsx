import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { page, retuning, version } from '../__testUtils__/fixtures';

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

  it('proposes a retuning: agent, knowledge version, reason, strategy', async () => {
    const api = mockKnowledgeApi();
    api.listRetunings.mockResolvedValue(page([]));
    api.listVersions.mockResolvedValue(
      page([
        version('v2026-12-03', '2026-12-03T21:00:00Z'),
        version('v2026-12-02', '2026-12-02T21:00:00Z'),
      ]),
    );
    api.retune.mockResolvedValue(retuning);
    await renderKnowledgeAt(api, ROLES.agentOrchestrator, '/retuning');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Retune an agent' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByLabelText('Agent', { exact: false }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Ad Copy Writer' }),
    );
    await userEvent.click(
      within(dialog).getByLabelText('Knowledge version of Marketing', {
        exact: false,
      }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /^v2026-12-02/ }),
    );
    await userEvent.type(
      within(dialog).getByLabelText('Why', { exact: false }),
      'Improve accuracy on Q4 2024 ad formats',
    );
    await userEvent.click(within(dialog).getByLabelText('Roll out'));
    await userEvent.click(
      await screen.findByRole('option', { name: /^Canary/ }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Propose retuning' }),
    );
    await waitFor(() =>
      expect(api.retune).toHaveBeenCalledWith('ad-writer', {
        knowledge_version: 'v2026-12-02',
        industry: 'marketing',
        reason: 'Improve accuracy on Q4 2024 ad formats',
        strategy: 'canary',
      }),
    );
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { page, retuning, version } from '../__testUtils__/fixtures';

// an industry manager: chooses among the industry's knowledge versions
describe('RetuningList (industry manager)', () => {
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
    await renderKnowledgeAt(api, ROLES.industryManager, '/retuning');
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

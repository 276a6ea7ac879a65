import { screen } from '@testing-library/react';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { retuning } from '../__testUtils__/fixtures';

// an industry manager proposes but does not approve
describe('RetuningDetail (industry manager)', () => {
  it('shows a proposal waiting for an admin without approve or decline', async () => {
    const api = mockKnowledgeApi();
    api.getRetuning.mockResolvedValue(retuning);
    await renderKnowledgeAt(api, ROLES.industryManager, '/retuning/ret-1');
    expect(
      await screen.findByText('Waiting for an admin to approve or decline.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Decline' }),
    ).not.toBeInTheDocument();
  });

  it('says when the proposal cannot be read', async () => {
    const api = mockKnowledgeApi();
    api.getRetuning.mockRejectedValue(new Error('No retuning proposal ret-9.'));
    await renderKnowledgeAt(api, ROLES.industryManager, '/retuning/ret-9');
    expect(
      await screen.findByText('No retuning proposal ret-9.'),
    ).toBeInTheDocument();
  });
});

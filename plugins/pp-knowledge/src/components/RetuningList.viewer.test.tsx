import { screen } from '@testing-library/react';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { page, retuning } from '../__testUtils__/fixtures';

describe('RetuningList (viewer)', () => {
  it('lists proposals without "Retune an agent"', async () => {
    const api = mockKnowledgeApi();
    api.listRetunings.mockResolvedValue(page([retuning]));
    await renderKnowledgeAt(api, ROLES.viewer, '/retuning');
    expect(await screen.findByText('Ad Copy Writer')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Retune an agent' }),
    ).not.toBeInTheDocument();
  });

  it('shows the error sentence', async () => {
    const api = mockKnowledgeApi();
    api.listRetunings.mockRejectedValue(
      new Error('Retuning is not reachable.'),
    );
    await renderKnowledgeAt(api, ROLES.viewer, '/retuning');
    expect(
      await screen.findByText('Retuning is not reachable.'),
    ).toBeInTheDocument();
  });
});

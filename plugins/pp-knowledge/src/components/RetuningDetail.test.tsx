import { screen } from '@testing-library/react';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { deployed, retuning } from '../__testUtils__/fixtures';

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

  it('reads a rolling-out retuning again until its rollout moves on', async () => {
    const api = mockKnowledgeApi();
    const rollout = deployed.rollout!;
    api.getRetuning.mockResolvedValueOnce({
      ...deployed,
      status: 'deploying',
      post_checks: [],
      rollout: {
        ...rollout,
        phase: 'deploying',
        phase_title: 'Deploying green',
        traffic_percent: 0,
      },
    });
    api.getRetuning.mockResolvedValue({
      ...deployed,
      status: 'deploying',
      post_checks: [],
      rollout: {
        ...rollout,
        phase: 'canary',
        phase_title: 'Watching green on part of the traffic',
        traffic_percent: 10,
      },
    });
    await renderKnowledgeAt(api, ROLES.industryManager, '/retuning/ret-2');
    expect(
      await screen.findByText('Deploying green · 0 % of traffic'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Watching green on part of the traffic · 10 % of traffic',
        undefined,
        { timeout: 6000 },
      ),
    ).toBeInTheDocument();
    expect(api.getRetuning).toHaveBeenCalledTimes(2);
  }, 15_000);

  it('does not read a retuning waiting for an admin again', async () => {
    const api = mockKnowledgeApi();
    api.getRetuning.mockResolvedValue(retuning);
    await renderKnowledgeAt(api, ROLES.industryManager, '/retuning/ret-1');
    expect(
      await screen.findByText('Waiting for an admin to approve or decline.'),
    ).toBeInTheDocument();
    await new Promise(resolve => setTimeout(resolve, 3500));
    expect(api.getRetuning).toHaveBeenCalledTimes(1);
  }, 15_000);
});

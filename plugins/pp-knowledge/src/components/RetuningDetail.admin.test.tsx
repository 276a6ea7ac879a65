import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { deployed, retuning } from '../__testUtils__/fixtures';

// an admin
describe('RetuningDetail (admin)', () => {
  it('shows Genesis’ checks in sentences and approves with a reason', async () => {
    const api = mockKnowledgeApi();
    api.getRetuning.mockResolvedValue(retuning);
    api.approveRetuning.mockResolvedValue({
      ...retuning,
      status: 'deploying',
      decision: {
        outcome: 'approved',
        by: 'user:default/ada',
        by_name: 'Ada Admin',
        reason: 'Checks are clean',
        at: '2026-12-03T22:00:00Z',
      },
    });
    await renderKnowledgeAt(api, ROLES.admin, '/retuning/ret-1');
    expect(
      await screen.findByRole('heading', {
        name: 'Retuning Ad Copy Writer on v2026-12-03',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Approved by Genesis')).toBeInTheDocument();
    const checks = screen.getByRole('list', { name: 'Genesis checks' });
    expect(
      within(checks).getByText('No biased wording found in 1 039 passages.'),
    ).toBeInTheDocument();
    expect(
      within(checks).getByText(
        '2 near-duplicate passages (0.2 %), under the 5 % limit.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Reason', { exact: false }),
      'Checks are clean',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(api.approveRetuning).toHaveBeenCalledWith(
        'ret-1',
        'Checks are clean',
        2,
      ),
    );
    expect(
      await screen.findByText(/by Ada Admin on .*: Checks are clean/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it('declines with a reason', async () => {
    const api = mockKnowledgeApi();
    api.getRetuning.mockResolvedValue(retuning);
    api.declineRetuning.mockResolvedValue({ ...retuning, status: 'declined' });
    await renderKnowledgeAt(api, ROLES.admin, '/retuning/ret-1');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Decline' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Reason', { exact: false }),
      'Not this quarter',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Decline' }),
    );
    await waitFor(() =>
      expect(api.declineRetuning).toHaveBeenCalledWith(
        'ret-1',
        'Not this quarter',
        2,
      ),
    );
  });

  it('offers no decision on a proposal Genesis rejected (final)', async () => {
    const api = mockKnowledgeApi();
    api.getRetuning.mockResolvedValue({
      ...retuning,
      status: 'rejected',
      genesis: {
        ...retuning.genesis,
        verdict: 'rejected',
        reason: 'Harmful content found in 3 passages.',
        checks: [
          {
            key: 'harmful_content',
            title: 'Harmful content',
            passed: false,
            detail: '3 passages describe weapons.',
          },
        ],
      },
    });
    await renderKnowledgeAt(api, ROLES.admin, '/retuning/ret-1');
    expect(
      await screen.findByText('Harmful content found in 3 passages.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('3 passages describe weapons.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('None: Genesis rejected the proposal, which is final.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it('shows the rollout: phase, traffic, gates against thresholds, post-deployment checks, rollbacks', async () => {
    const api = mockKnowledgeApi();
    api.getRetuning.mockResolvedValue(deployed);
    await renderKnowledgeAt(api, ROLES.admin, '/retuning/ret-2');
    expect(
      await screen.findByText('Canary at 25 % · 25 % of traffic'),
    ).toBeInTheDocument();
    const gates = screen.getByRole('table', { name: 'Rollout gates' });
    expect(within(gates).getByText('Error rate')).toBeInTheDocument();
    expect(within(gates).getByText('1.2 %')).toBeInTheDocument();
    expect(within(gates).getByText('5 %')).toBeInTheDocument();
    expect(within(gates).getByText('Passed')).toBeInTheDocument();
    expect(screen.getByText(/After 1 hour: Passed/)).toBeInTheDocument();
    expect(
      screen.getByText(/After 24 hours: Not checked yet/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Complaints rose above 3\./)).toBeInTheDocument();
    expect(screen.queryByText('canary_25')).not.toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createMockOrchestrationApi,
  makeCreation,
  makeSummary,
  mockRolePermissionApi,
  pageOf,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { CreationBoard } from './CreationBoard';

// An agent orchestrator: reads the board and creates agents (one role per file).
const permissions = mockRolePermissionApi('orchestrator');

describe('CreationBoard (orchestrator)', () => {
  it('groups creations by state, in words, with overdue steps flagged', async () => {
    const api = createMockOrchestrationApi();
    api.listCreations.mockResolvedValue(
      pageOf([
        makeSummary({ agent_id: 'a', agent_name: 'Maths Tutor' }),
        makeSummary({
          agent_id: 'b',
          agent_name: 'Data Broker',
          status: 'genesis_rejected',
        }),
        makeSummary({
          agent_id: 'c',
          agent_name: 'Slow Builder',
          status: 'generating',
          current_step: {
            step: 'generation',
            title: 'Code generation',
            started_at: '2026-12-20T10:00:00.000Z',
            elapsed_ms: 20 * 60_000,
            budget_ms: 15 * 60_000,
            overdue: true,
          },
        }),
      ]),
    );
    await renderWithOrchestrationApi(<CreationBoard />, api, permissions);
    const approved = await screen.findByTestId('board-group-approved');
    expect(within(approved).getByText('Maths Tutor')).toBeInTheDocument();
    expect(
      within(approved).getByText('Approved by Genesis'),
    ).toBeInTheDocument();
    expect(within(approved).getByText('Olu Orchestrator')).toBeInTheDocument();
    expect(
      within(approved).getByText('Education · JEE mathematics'),
    ).toBeInTheDocument();
    const rejected = screen.getByTestId('board-group-rejected');
    expect(within(rejected).getByText('Data Broker')).toBeInTheDocument();
    const building = screen.getByTestId('board-group-building');
    expect(
      within(building).getByText('Code generation: 20 min of 15 min'),
    ).toBeInTheDocument();
    expect(within(building).getByTestId('overdue-flag')).toHaveTextContent(
      'Over budget by 5 min',
    );
    // no raw keys or refs
    expect(
      screen.queryByText(/genesis_approved|jee-mathematics|user:|cfc187b0/),
    ).toBeNull();
  });

  it('filters by overdue and status through the API', async () => {
    const api = createMockOrchestrationApi();
    await renderWithOrchestrationApi(<CreationBoard />, api, permissions);
    expect(await screen.findByText('No agent creations')).toBeInTheDocument();
    await userEvent.click(screen.getByText('Overdue steps only'));
    await waitFor(() =>
      expect(api.listCreations).toHaveBeenLastCalledWith(
        expect.objectContaining({ overdue: true }),
      ),
    );
    expect(
      await screen.findByText('No agent creation matches these filters.'),
    ).toBeInTheDocument();
  });

  it('shows the error in a sentence', async () => {
    const api = createMockOrchestrationApi();
    api.listCreations.mockRejectedValue(new Error('The backend is down'));
    await renderWithOrchestrationApi(<CreationBoard />, api, permissions);
    expect(await screen.findByText(/The backend is down/)).toBeInTheDocument();
  });

  it('opens the wizard and shows the verdict, then reloads the board', async () => {
    const api = createMockOrchestrationApi();
    api.createAgent.mockResolvedValue(makeCreation());
    await renderWithOrchestrationApi(<CreationBoard />, api, permissions);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create agent' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.type(dialog.getByLabelText(/Agent name/), 'Maths Tutor');
    await userEvent.click(dialog.getByRole('button', { name: 'Next' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Next' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Ask Genesis' }));
    expect(
      await dialog.findByText(/Genesis approved Maths Tutor/),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.listCreations).toHaveBeenCalledTimes(2));
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createMockOrchestrationApi,
  makeHandoff,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import {
  HandoffGate,
  HandoffQueuePage,
  HandoffReviewPage,
} from './HandoffQueuePage';

const page = (items: ReturnType<typeof makeHandoff>[]) => ({
  items,
  total_count: items.length,
  limit: 100,
  offset: 0,
});

describe('the handoff review queue, as an infrastructure engineer', () => {
  it('lists pending handoffs: agent, who asked, when, the deadline as due in / overdue', async () => {
    const api = createMockOrchestrationApi();
    const soon = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const late = new Date(Date.now() - 2 * 3_600_000).toISOString();
    api.listHandoffs.mockResolvedValue(
      page([
        makeHandoff({
          handoff_id: 'h-late',
          agent_name: 'Sales Scout',
          ola: {
            submitted_at: '2026-12-20T10:00:00.000Z',
            deadline: late,
            reminder_at: late,
            state: 'breached',
          },
        }),
        makeHandoff({
          ola: {
            submitted_at: '2026-12-21T10:00:00.000Z',
            deadline: soon,
            reminder_at: soon,
            state: 'on_track',
          },
        }),
      ]),
    );
    await renderWithOrchestrationApi(
      <HandoffGate>
        <HandoffQueuePage />
      </HandoffGate>,
      api,
      mockRolePermissionApi('infrastructure'),
    );
    const rows = await screen.findAllByTestId('handoff-row');
    expect(api.listHandoffs).toHaveBeenCalledWith({
      status: 'pending',
      limit: 100,
    });
    expect(rows[0]).toHaveTextContent('Sales Scout');
    expect(rows[0]).toHaveTextContent('Overdue · overdue by 2 h');
    expect(rows[1]).toHaveTextContent('Maths Tutor');
    expect(rows[1]).toHaveTextContent('Olu Orchestrator');
    expect(rows[1]).toHaveTextContent(/On track · due in (2 h 59 min|3 h)/);
    expect(screen.queryByText(/user:pp|breached|on_track|h-late/)).toBeNull();
  });

  it('says when nothing waits', async () => {
    await renderWithOrchestrationApi(
      <HandoffQueuePage />,
      createMockOrchestrationApi(),
      mockRolePermissionApi('infrastructure'),
    );
    expect(
      await screen.findByText('No handoff waits for review'),
    ).toBeInTheDocument();
  });

  it('rejects only with a reason of 10+ characters, accepts, and shows errors as sentences', async () => {
    const api = createMockOrchestrationApi();
    api.listHandoffs.mockResolvedValue(page([makeHandoff()]));
    api.rejectHandoff.mockRejectedValueOnce(
      new Error('The handoff was decided already'),
    );
    api.acceptHandoff.mockResolvedValue(makeHandoff({ status: 'accepted' }));
    await renderWithOrchestrationApi(
      <HandoffReviewPage handoffId="h-1" />,
      api,
      mockRolePermissionApi('infrastructure'),
    );
    expect(
      await screen.findByRole('heading', { name: 'Handoff of Maths Tutor' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    expect(
      screen.getByText('Say what to fix, in at least 10 characters.'),
    ).toBeInTheDocument();
    expect(api.rejectHandoff).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Why reject it (what to fix)'), {
      target: { value: 'The runbook link is broken.' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    expect(api.rejectHandoff).toHaveBeenCalledWith(
      'h-1',
      'The runbook link is broken.',
    );
    expect(
      await screen.findByText(
        'Could not reject the handoff: The handoff was decided already',
      ),
    ).toBeInTheDocument();
    api.listHandoffs.mockImplementation(async q =>
      page(
        q?.status === 'accepted'
          ? [
              makeHandoff({
                status: 'accepted',
                ola: { ...makeHandoff().ola, state: 'met' },
              }),
            ]
          : [],
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(api.acceptHandoff).toHaveBeenCalledWith('h-1'));
    expect(await screen.findByTestId('handoff-decided')).toHaveTextContent(
      'Maths Tutor is production ready.',
    );
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });
});

import { useState } from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createMockOrchestrationApi,
  makeCreation,
  makeHandoff,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { HandoffCard } from './HandoffCard';

const ITEMS = [
  'Docker image built and pushed',
  'Runbook documented',
  'Health check endpoint working',
  'Monitoring dashboard created',
  'Alert thresholds configured',
  'On-call engineer assigned',
  'SLA defined and agreed',
  'Load testing completed',
];

describe('HandoffCard as an agent orchestrator', () => {
  it('checks evidence on the field, submits the 8 items and shows what the portal verified', async () => {
    const api = createMockOrchestrationApi();
    const base = makeHandoff({ people: undefined });
    // the SLA/OLA plugin has no SLA for the agent yet
    const handoff = makeHandoff({
      people: undefined,
      complete: false,
      items: base.items.map(i =>
        i.key === 'sla_defined'
          ? {
              ...i,
              verification: 'contradicted',
              satisfied: false,
              note: 'No SLA is defined for this agent yet: an agent orchestrator defines it on the SLA page.',
              problem:
                'No SLA is defined for this agent yet: an agent orchestrator defines it on the SLA page',
            }
          : i,
      ),
    });
    api.submitHandoff.mockResolvedValue(handoff);
    const onChanged = jest.fn();
    // the page reloads the creation after the submit: it is pending then
    function Page() {
      const [status, setStatus] = useState<'ci_passed' | 'handoff_pending'>(
        'ci_passed',
      );
      return (
        <HandoffCard
          creation={{ ...makeCreation(), status }}
          onChanged={() => {
            onChanged();
            setStatus('handoff_pending');
          }}
        />
      );
    }
    await renderWithOrchestrationApi(
      <Page />,
      api,
      mockRolePermissionApi('orchestrator'),
    );
    const evidence = await screen.findByLabelText(
      'Evidence: Runbook documented',
    );
    fireEvent.change(evidence, { target: { value: 'short' } });
    fireEvent.blur(evidence);
    expect(
      screen.getByText('Give a link or a note of at least 10 characters.'),
    ).toBeInTheDocument();
    // nothing is sent while an item is missing
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit for handoff' }),
    );
    expect(api.submitHandoff).not.toHaveBeenCalled();
    expect(
      screen.getAllByText(/^Tick it once it is done/).length,
    ).toBeGreaterThan(0);

    for (const item of ITEMS) {
      await userEvent.click(screen.getByRole('checkbox', { name: item }));
      fireEvent.change(screen.getByLabelText(`Evidence: ${item}`), {
        target: {
          value: `https://runbooks.example.com/${ITEMS.indexOf(item)}`,
        },
      });
    }
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit for handoff' }),
    );
    await waitFor(() => expect(api.submitHandoff).toHaveBeenCalled());
    const sent = api.submitHandoff.mock.calls[0][0];
    expect(sent.agent_id).toBe('maths-tutor-abc123');
    expect(sent.items).toHaveLength(8);
    expect(sent.items.every(i => i.done && i.evidence!.length >= 10)).toBe(
      true,
    );
    expect(onChanged).toHaveBeenCalled();

    expect(await screen.findByTestId('handoff-state')).toHaveTextContent(
      "Waiting for the service team's review, submitted",
    );
    expect(screen.getByTestId('handoff-state')).toHaveTextContent(
      'by Olu Orchestrator',
    );
    expect(screen.getByText('Verified by the portal')).toBeInTheDocument();
    expect(
      screen.getByText('Unverifiable by the portal: the evidence decides'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('ola-chip')).toHaveTextContent('On track');
    // the SLA item points to where the orchestrator defines it
    expect(
      screen.getByRole('link', { name: 'Define the SLA' }),
    ).toHaveAttribute('href', '/pp/sla?define=maths-tutor-abc123');
    expect(
      screen.queryByRole('button', { name: 'Submit for handoff' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
    expect(api.listHandoffs).not.toHaveBeenCalled();
    expect(screen.queryByText(/image_pushed|on_track|user:pp/)).toBeNull();
  });

  it('shows the server refusal as a sentence', async () => {
    const api = createMockOrchestrationApi();
    api.submitHandoff.mockRejectedValue(
      new Error('The creation is not ci_passed'),
    );
    await renderWithOrchestrationApi(
      <HandoffCard
        creation={{ ...makeCreation(), status: 'ci_passed' }}
        onChanged={jest.fn()}
      />,
      api,
      mockRolePermissionApi('orchestrator'),
    );
    for (const item of ITEMS) {
      await userEvent.click(
        await screen.findByRole('checkbox', { name: item }),
      );
      fireEvent.change(screen.getByLabelText(`Evidence: ${item}`), {
        target: { value: 'A note long enough to count.' },
      });
    }
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit for handoff' }),
    );
    expect(
      await screen.findByText(/Could not submit the handoff:/),
    ).toBeInTheDocument();
  });

  it('says the handoff comes after the pipeline while CI runs', async () => {
    await renderWithOrchestrationApi(
      <HandoffCard
        creation={{ ...makeCreation(), status: 'ci_running' }}
        onChanged={jest.fn()}
      />,
      createMockOrchestrationApi(),
      mockRolePermissionApi('orchestrator'),
    );
    expect(await screen.findByTestId('handoff-not-yet')).toHaveTextContent(
      'once all five CI/CD stages have passed',
    );
  });
});

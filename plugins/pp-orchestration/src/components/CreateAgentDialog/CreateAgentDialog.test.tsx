import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import {
  SOVEREIGNTY_REASON,
  createMockOrchestrationApi,
  makeCreation,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { CreateAgentDialog } from './CreateAgentDialog';

async function openWizard(api = createMockOrchestrationApi()) {
  const onCreated = jest.fn();
  await renderWithOrchestrationApi(
    <CreateAgentDialog open onClose={() => {}} onCreated={onCreated} />,
    api,
  );
  return { dialog: within(await screen.findByRole('dialog')), onCreated };
}

describe('CreateAgentDialog', () => {
  it('asks for a name before going on', async () => {
    const { dialog } = await openWizard();
    await userEvent.click(dialog.getByRole('button', { name: 'Next' }));
    expect(
      dialog.getByText('Give the agent a name of 3 to 100 characters.'),
    ).toBeInTheDocument();
    expect(dialog.getByLabelText(/Agent name/)).toBeInTheDocument();
  });

  it('sends the request with the specialty’s permissions and shows the rejection with its reason', async () => {
    const api = createMockOrchestrationApi();
    api.createAgent.mockResolvedValue(makeCreation({ rejected: true }));
    const { dialog, onCreated } = await openWizard(api);
    await userEvent.type(dialog.getByLabelText(/Agent name/), 'Data Broker');
    await userEvent.click(dialog.getByRole('button', { name: /^Industry/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Education' }),
    );
    await userEvent.click(dialog.getByRole('button', { name: /^Specialty/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'NEET biology' }),
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Next' }));
    expect(dialog.getByLabelText(/Uptime target/)).toHaveValue(99.9);
    await userEvent.click(dialog.getByRole('button', { name: 'Next' }));
    // the specialty's baseline is ticked, in words
    expect(dialog.getByLabelText('NCERT: read')).toBeChecked();
    expect(dialog.getByLabelText('NCERT: write')).not.toBeChecked();
    await userEvent.click(dialog.getByLabelText("WAOOAW's"));
    await userEvent.type(
      dialog.getByLabelText(/Shares the customer's data with/),
      'waooaw, ads partner',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Ask Genesis' }));
    expect(api.createAgent).toHaveBeenCalledWith({
      agent_name: 'Data Broker',
      industry: 'education',
      specialty: 'neet-biology',
      sla_targets: {
        response_time_p95_ms: 2000,
        uptime_percent: 99.9,
        error_rate_percent: 1,
      },
      serves: 'waooaw',
      shares_customer_data_with: ['waooaw', 'ads partner'],
      data_access: ['customer_inputs', 'ncert', 'jee_neet', 'khan_academy'],
      permissions: [
        'customer_inputs:read',
        'customer_outputs:write',
        'ncert:read',
        'jee_neet:read',
        'khan_academy:read',
      ],
      audit_enabled: true,
    });
    const result = within(await screen.findByRole('dialog'));
    expect(
      await result.findByText(/Genesis rejected Data Broker/),
    ).toBeInTheDocument();
    expect(
      result.getByText('Customer sovereignty: failed'),
    ).toBeInTheDocument();
    expect(result.getByText(SOVEREIGNTY_REASON)).toBeInTheDocument();
    expect(result.getByText('Data privacy: passed')).toBeInTheDocument();
    expect(onCreated).toHaveBeenCalled();
  });

  it('shows the server’s refusal in a sentence and stays on the form', async () => {
    const api = createMockOrchestrationApi();
    api.createAgent.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'Not allowed here' },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        ) as any,
      ),
    );
    const { dialog, onCreated } = await openWizard(api);
    await userEvent.type(dialog.getByLabelText(/Agent name/), 'Tutor');
    await userEvent.click(dialog.getByRole('button', { name: 'Next' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Next' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Ask Genesis' }));
    expect(await dialog.findByText('Not allowed here')).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Ask Genesis' })).toBeEnabled();
    expect(onCreated).not.toHaveBeenCalled();
  });
});

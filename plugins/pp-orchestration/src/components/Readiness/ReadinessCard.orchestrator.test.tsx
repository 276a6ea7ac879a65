import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createMockOrchestrationApi,
  makeReadiness,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { ReadinessCard } from './ReadinessCard';
import { overridesFromFields } from './ReadinessOverrideDialog';

describe('ReadinessCard (orchestrator)', () => {
  it('overrides: checks each field and the reason, shows progress, sends only what changes, shows the saved values', async () => {
    const api = createMockOrchestrationApi();
    const before = makeReadiness();
    api.getReadiness.mockResolvedValue(before);
    let resolve: (v: any) => void = () => {};
    api.overrideReadiness.mockReturnValue(
      new Promise(r => {
        resolve = r;
      }),
    );
    await renderWithOrchestrationApi(
      <ReadinessCard agentId="maths-tutor-abc123" agentName="Maths Tutor" />,
      api,
      mockRolePermissionApi('orchestrator'),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Override' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'Override the operational limits of Maths Tutor',
      ),
    ).toBeInTheDocument();

    const cpu = within(dialog).getByLabelText('CPU');
    const executions = within(dialog).getByLabelText('Concurrent executions');
    fireEvent.change(cpu, { target: { value: '64' } });
    expect(
      within(dialog).getByText('Between 0.25 and 32.'),
    ).toBeInTheDocument();
    fireEvent.change(executions, { target: { value: '2.5' } });
    expect(
      within(dialog).getByText('Enter a whole number.'),
    ).toBeInTheDocument();
    fireEvent.change(cpu, { target: { value: 'lots' } });
    expect(within(dialog).getByText('Enter a number.')).toBeInTheDocument();

    // the reason is required
    fireEvent.change(cpu, { target: { value: '3' } });
    fireEvent.change(executions, { target: { value: '' } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save overrides' }),
    );
    expect(
      within(dialog).getByText(/Say why this agent needs other values/),
    ).toBeInTheDocument();
    expect(api.overrideReadiness).not.toHaveBeenCalled();

    // the API limit goes back to its default (emptied), CPU becomes 3
    fireEvent.change(within(dialog).getByLabelText('API rate limit'), {
      target: { value: '' },
    });
    fireEvent.change(within(dialog).getByLabelText('Reason'), {
      target: { value: 'OCR of scanned papers needs a third CPU' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save overrides' }),
    );
    expect(
      await within(dialog).findByRole('button', { name: 'Saving…' }),
    ).toBeDisabled();
    expect(api.overrideReadiness).toHaveBeenCalledWith('maths-tutor-abc123', {
      overrides: {
        rate_limits: { api_calls_per_minute: null },
        quotas: { cpu: 3 },
      },
      reason: 'OCR of scanned papers needs a third CPU',
    });

    const after = makeReadiness();
    after.parameters = after.parameters.map(p =>
      p.key === 'cpu'
        ? {
            ...p,
            value: 3,
            source: 'override' as const,
            override: {
              version: 2,
              by: 'user:pp/olu',
              by_name: 'Olu Orchestrator',
              at: '2026-12-22T11:00:00.000Z',
              reason: 'OCR of scanned papers needs a third CPU',
            },
          }
        : p,
    );
    resolve(after);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('CPU: 3 CPUs')).toBeInTheDocument();
    expect(
      screen.getByText(/Why: OCR of scanned papers needs a third CPU/),
    ).toBeInTheDocument();
  });

  it('shows why the server refused, and keeps the dialog open', async () => {
    const api = createMockOrchestrationApi();
    api.getReadiness.mockResolvedValue(makeReadiness());
    api.overrideReadiness.mockRejectedValue(
      new Error('Nothing to change: every value asked for is already in force'),
    );
    await renderWithOrchestrationApi(
      <ReadinessCard agentId="maths-tutor-abc123" agentName="Maths Tutor" />,
      api,
      mockRolePermissionApi('orchestrator'),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Override' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Memory'), {
      target: { value: '4' },
    });
    fireEvent.change(within(dialog).getByLabelText('Reason'), {
      target: { value: 'Large PDFs need more memory' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save overrides' }),
    );
    expect(
      await within(dialog).findByTestId('readiness-save-error'),
    ).toHaveTextContent(/The values were not saved: .*Nothing to change/);
  });

  it('turns fields into the request: only changes, empty is back to the default, a typed default is pinned', () => {
    const { parameters } = makeReadiness();
    const fields = Object.fromEntries(
      parameters.map(p => [
        `${p.group}.${p.key}`,
        p.source === 'override' ? String(p.value) : '',
      ]),
    );
    expect(overridesFromFields(parameters, fields)).toEqual({});
    expect(
      overridesFromFields(parameters, {
        ...fields,
        'quotas.memory_gb': '2',
        'rate_limits.api_calls_per_minute': '',
      }),
    ).toEqual({
      rate_limits: { api_calls_per_minute: null },
      quotas: { memory_gb: 2 },
    });
  });
});

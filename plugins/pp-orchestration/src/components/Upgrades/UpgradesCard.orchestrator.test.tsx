import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createMockOrchestrationApi,
  makeCreation,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { makeUpgrade } from '../../__testUtils__/upgradeMocks';
import { UpgradesCard } from './UpgradesCard';

const ready = () => ({
  ...makeCreation(),
  status: 'production_ready' as const,
  allowed_moves: [],
});

describe('UpgradesCard as an agent orchestrator', () => {
  it('lists the upgrades and starts one with progress while waiting', async () => {
    const api = createMockOrchestrationApi();
    api.listUpgrades.mockResolvedValue({
      items: [
        makeUpgrade({
          status: 'completed',
          active: false,
          traffic: { blue_percent: 0, green_percent: 100 },
        }),
      ],
    });
    let started: (v: any) => void = () => {};
    api.startUpgrade.mockReturnValue(new Promise(r => (started = r)));
    await renderWithOrchestrationApi(
      <UpgradesCard creation={ready()} />,
      api,
      mockRolePermissionApi('orchestrator'),
    );
    const table = await screen.findByRole('table', { name: 'Upgrades' });
    expect(table).toHaveTextContent('1.4.0 → 1.5.0');
    expect(table).toHaveTextContent('Completed');
    expect(table).toHaveTextContent('Olu Orchestrator');
    expect(api.listUpgrades).toHaveBeenCalledWith('maths-tutor-abc123');

    await userEvent.click(screen.getByRole('button', { name: 'Upgrade' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Upgrade Maths Tutor');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start upgrade' }),
    );
    expect(
      within(dialog).getByText(/Give a version like 1.5.0/),
    ).toBeInTheDocument();
    expect(api.startUpgrade).not.toHaveBeenCalled();
    await userEvent.type(within(dialog).getByLabelText(/New version/), '1.6.0');
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'new prompts',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start upgrade' }),
    );
    expect(api.startUpgrade).toHaveBeenCalledWith('maths-tutor-abc123', {
      to_version: '1.6.0',
      reason: 'new prompts',
    });
    expect(within(dialog).getByTestId('upgrade-starting')).toHaveTextContent(
      'Starting the upgrade…',
    );
    started(makeUpgrade({ upgrade_id: 'u-2', to_version: '1.6.0' }));
  });

  it('shows the refusal in the dialog', async () => {
    const api = createMockOrchestrationApi();
    api.startUpgrade.mockRejectedValue(
      new Error('Maths Tutor has an upgrade in progress already'),
    );
    await renderWithOrchestrationApi(
      <UpgradesCard creation={ready()} />,
      api,
      mockRolePermissionApi('orchestrator'),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Upgrade' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/New version/), '2.0.0');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start upgrade' }),
    );
    expect(
      await within(dialog).findByText(
        'The upgrade did not start: Maths Tutor has an upgrade in progress already',
      ),
    ).toBeInTheDocument();
  });

  it('disables Upgrade while one is in progress', async () => {
    const api = createMockOrchestrationApi();
    api.listUpgrades.mockResolvedValue({ items: [makeUpgrade()] });
    await renderWithOrchestrationApi(
      <UpgradesCard creation={ready()} />,
      api,
      mockRolePermissionApi('orchestrator'),
    );
    expect(
      await screen.findByText(/An upgrade to 1.5.0 is in progress/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Upgrade' })).toBeDisabled();
  });

  it('shows nothing before the agent is production ready', async () => {
    const api = createMockOrchestrationApi();
    await renderWithOrchestrationApi(
      <div data-testid="host">
        <UpgradesCard creation={makeCreation()} />
      </div>,
      api,
      mockRolePermissionApi('orchestrator'),
    );
    expect(await screen.findByTestId('host')).toBeEmptyDOMElement();
    expect(api.listUpgrades).not.toHaveBeenCalled();
  });
});

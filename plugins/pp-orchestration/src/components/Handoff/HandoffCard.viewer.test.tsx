import { screen } from '@testing-library/react';
import {
  OLU,
  createMockOrchestrationApi,
  makeCreation,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { HandoffCard } from './HandoffCard';

const INES_REF = 'user:pp/11111111-2222-4333-8444-555555555555';

describe('HandoffCard as a viewer', () => {
  it('reads the decision from the history: who accepted, no form, no queue read', async () => {
    const api = createMockOrchestrationApi();
    const base = makeCreation();
    await renderWithOrchestrationApi(
      <HandoffCard
        creation={{
          ...base,
          status: 'production_ready',
          history: [
            ...base.history,
            {
              at: '2026-12-21T10:00:00.000Z',
              from: 'ci_passed',
              to: 'handoff_pending',
              event: 'submit_handoff',
              actor: { kind: 'user', id: OLU },
              reason: null,
            },
            {
              at: '2026-12-21T12:00:00.000Z',
              from: 'handoff_pending',
              to: 'production_ready',
              event: 'accept_handoff',
              actor: { kind: 'user', id: INES_REF },
              reason: null,
            },
          ],
          people: { [OLU]: 'Olu Orchestrator', [INES_REF]: 'Ines Infra' },
        }}
        onChanged={jest.fn()}
      />,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(await screen.findByTestId('handoff-state')).toHaveTextContent(
      'The service team accepted the handoff: the agent is production ready (Ines Infra,',
    );
    expect(screen.queryByRole('button')).toBeNull();
    expect(api.listHandoffs).not.toHaveBeenCalled();
  });

  it('sees a pending handoff with its deadline, and a passed pipeline without the form', async () => {
    const base = makeCreation();
    const { unmount } = await renderWithOrchestrationApi(
      <HandoffCard
        creation={{
          ...base,
          status: 'handoff_pending',
          history: [
            ...base.history,
            {
              at: '2026-12-21T10:00:00.000Z',
              from: 'ci_passed',
              to: 'handoff_pending',
              event: 'submit_handoff',
              actor: { kind: 'user', id: OLU },
              reason: null,
            },
          ],
        }}
        onChanged={jest.fn()}
      />,
      createMockOrchestrationApi(),
      mockRolePermissionApi('viewer'),
    );
    expect(await screen.findByTestId('handoff-state')).toHaveTextContent(
      /submitted .* by Olu Orchestrator\. They have until .*\((due in|overdue by)/,
    );
    unmount();
    await renderWithOrchestrationApi(
      <HandoffCard
        creation={{ ...base, status: 'ci_passed' }}
        onChanged={jest.fn()}
      />,
      createMockOrchestrationApi(),
      mockRolePermissionApi('viewer'),
    );
    expect(await screen.findByTestId('handoff-not-yet')).toHaveTextContent(
      'the creation team submits the handoff checklist next',
    );
    expect(
      screen.queryByRole('button', { name: 'Submit for handoff' }),
    ).toBeNull();
  });
});

import { screen } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import {
  SOVEREIGNTY_REASON,
  createMockOrchestrationApi,
  makeCreation,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { CreationDetailPage } from './CreationDetailPage';

describe('CreationDetailPage', () => {
  it('shows an approved creation: verdict per rule, step timings, history, what comes next', async () => {
    const api = createMockOrchestrationApi();
    api.getCreation.mockResolvedValue(makeCreation());
    await renderWithOrchestrationApi(
      <CreationDetailPage agentId="maths-tutor-abc123" />,
      api,
    );
    expect(
      await screen.findByRole('heading', { name: 'Maths Tutor' }),
    ).toBeInTheDocument();
    expect(api.getCreation).toHaveBeenCalledWith('maths-tutor-abc123');
    expect(
      screen.getByText(/Genesis approved Maths Tutor/),
    ).toBeInTheDocument();
    for (const rule of [
      'Customer sovereignty',
      'Data privacy',
      'Transparency',
      'Least privilege',
    ]) {
      expect(screen.getByText(`${rule}: passed`)).toBeInTheDocument();
    }
    expect(screen.getByText('Genesis validation')).toBeInTheDocument();
    expect(screen.getByText('Within budget')).toBeInTheDocument();
    expect(
      screen.getByText('Genesis approved the request'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('creation-next')).toHaveTextContent(
      'generating code',
    );
    expect(screen.getByText('Olu Orchestrator')).toBeInTheDocument();
    expect(screen.getByText(/by Olu Orchestrator$/)).toBeInTheDocument();
    expect(screen.getByTestId('readiness-card')).toBeInTheDocument();
    expect(
      screen.queryByText(/genesis_|user:|cfc187b0|jee-mathematics/),
    ).toBeNull();
  });

  it('shows a rejected creation with its reason and no way forward', async () => {
    const api = createMockOrchestrationApi();
    api.getCreation.mockResolvedValue(makeCreation({ rejected: true }));
    await renderWithOrchestrationApi(
      <CreationDetailPage agentId="data-broker-abc123" />,
      api,
    );
    expect(
      await screen.findByRole('heading', { name: 'Data Broker' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('creation-final')).toHaveTextContent(
      `cannot go further. Why: ${SOVEREIGNTY_REASON}`,
    );
    expect(
      screen.getByText('Customer sovereignty: failed'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('creation-next')).toBeNull();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    // a rejected agent never runs: no readiness to show or override
    expect(screen.queryByTestId('readiness-card')).toBeNull();
  });

  it('says when there is no such creation', async () => {
    const api = createMockOrchestrationApi();
    api.getCreation.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No agent creation x' },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'content-type': 'application/json' } },
        ) as any,
      ),
    );
    await renderWithOrchestrationApi(<CreationDetailPage agentId="x" />, api);
    expect(
      await screen.findByText(/There is no such agent creation/),
    ).toBeInTheDocument();
  });
});

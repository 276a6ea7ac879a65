import { screen, within } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import {
  createMockOrchestrationApi,
  makeReadiness,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { ReadinessCard } from './ReadinessCard';

describe('ReadinessCard (viewer)', () => {
  it('shows each value with its unit in a sentence and its source; no Override', async () => {
    const api = createMockOrchestrationApi();
    api.getReadiness.mockResolvedValue(makeReadiness());
    await renderWithOrchestrationApi(
      <ReadinessCard agentId="maths-tutor-abc123" agentName="Maths Tutor" />,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(
      await screen.findByText('API rate limit: 250 API calls per minute'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Overridden by Olu Orchestrator on .* \(the default is 100\)\. Why: Bulk lead import needs more headroom/,
      ),
    ).toBeInTheDocument();
    for (const text of [
      'LLM token budget: 50,000 LLM tokens per hour',
      'Concurrent executions: 5 executions at a time',
      'Memory: 2 GB of RAM',
      'CPU: 2 CPUs',
      'Health check interval: 30 seconds between health checks',
      'Log retention: 183 days of logs kept',
      'Metric retention: 7 days of metrics kept',
    ]) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.getAllByText('Platform default.')).toHaveLength(7);
    expect(api.getReadiness).toHaveBeenCalledWith('maths-tutor-abc123');

    // the customers' settings, in sentences, labelled demo
    expect(
      screen.getByText(/From the demo Customer Portal/),
    ).toBeInTheDocument();
    const [bakery, fitness] = screen.getAllByTestId('readiness-customer');
    expect(within(bakery).getByText('Demo Bakery Ltd')).toBeInTheDocument();
    for (const line of [
      'Works Monday to Friday, 09:00–18:00 (Asia/Kolkata).',
      'Actions above USD 500 wait for the customer’s approval.',
      'Acts only on data at most 24 hours old.',
      'Tolerates up to 5 % failed runs.',
      'Spends at most USD 300 a month.',
    ]) {
      expect(within(bakery).getByText(line)).toBeInTheDocument();
    }
    expect(
      within(fitness).getByText('Works at any time: no working hours set.'),
    ).toBeInTheDocument();
    expect(
      within(fitness).getByText('No budget limit set.'),
    ).toBeInTheDocument();
    // no raw keys
    expect(screen.queryByText(/api_calls_per_minute|rate_limits/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Override' })).toBeNull();
  });

  it('says why the customers’ settings are missing, and when no one subscribes', async () => {
    const api = createMockOrchestrationApi();
    const r = makeReadiness();
    api.getReadiness.mockResolvedValueOnce({
      ...r,
      customer: {
        status: 'unavailable',
        source: null,
        message:
          'The subscriptions plugin could not be reached, so the customers’ settings are not shown.',
        subscriptions: [],
      },
    });
    const first = await renderWithOrchestrationApi(
      <ReadinessCard agentId="a" agentName="A" />,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(
      await screen.findByText(/subscriptions plugin could not be reached/),
    ).toBeInTheDocument();
    first.unmount();
    api.getReadiness.mockResolvedValueOnce({
      ...r,
      customer: { ...r.customer, subscriptions: [] },
    });
    await renderWithOrchestrationApi(
      <ReadinessCard agentId="a" agentName="A" />,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(
      await screen.findByText(/No customer subscribes to this agent yet/),
    ).toBeInTheDocument();
  });

  it('shows the server’s refusal in a sentence', async () => {
    const api = createMockOrchestrationApi();
    api.getReadiness.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'You need the role Agent Orchestrator to see this',
            },
          }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        ),
      ),
    );
    await renderWithOrchestrationApi(
      <ReadinessCard agentId="a" agentName="A" />,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(
      await screen.findByText(
        /Could not load the operational readiness: .*Agent Orchestrator/,
      ),
    ).toBeInTheDocument();
  });
});

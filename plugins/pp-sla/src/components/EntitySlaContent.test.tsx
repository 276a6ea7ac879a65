import { screen } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import type { PpSlaCompliance } from '@internal/plugin-pp-common';
import { mockSlaApi, renderEntitySlaCard } from '../__testUtils__/render';
import { slaDefinition } from '../__testUtils__/slaFixtures';
import { EntitySlaContent } from './EntitySlaContent';

const api = mockSlaApi();
// a viewer: reads SLAs, defines nothing
const VIEWER = ['pp.sla.read'];

const compliance: PpSlaCompliance = {
  agent_id: 'maths-tutor',
  definition: slaDefinition({ agent_id: 'maths-tutor' }),
  window_days: 30,
  from: '2026-11-03',
  to: '2026-12-03',
  status: 'compliant',
  status_reason: 'Every target met.',
  overall_compliance_percent: 100,
  metrics: [
    {
      metric: 'uptime',
      label: 'Uptime',
      unit: 'percent',
      target: 99.9,
      value: 99.99,
      met: true,
      near_target: false,
      compliance_percent: 100,
    },
  ],
  days: [],
  open_breaches: [],
  recent_breaches: [],
  maintenance_windows: [],
  computed_at: '2026-12-03T10:00:00.000Z',
};

const notFound = async () =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'Agent maths-tutor has no SLA definition',
        },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'content-type': 'application/json' } },
    ) as any,
  );

describe('EntitySlaContent (the SLA tab)', () => {
  it('shows the card, then the agent’s 30 days: targets, breaches and maintenance', async () => {
    api.getCompliance.mockResolvedValue(compliance);
    await renderEntitySlaCard(api, VIEWER, undefined, <EntitySlaContent />);
    expect(
      await screen.findByRole('heading', { name: 'The last 30 days' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('entity-sla-card')).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'SLA metrics' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No breach in the last 30 days.'),
    ).toBeInTheDocument();
    // embedded: no page of its own (no back link, no agent heading)
    expect(
      screen.queryByRole('link', { name: 'SLA compliance' }),
    ).not.toBeInTheDocument();
  });

  it('an agent without an SLA: the card says so, no error below it', async () => {
    api.getCompliance.mockRejectedValue(await notFound());
    await renderEntitySlaCard(api, VIEWER, undefined, <EntitySlaContent />);
    expect(
      await screen.findByText('No SLA is defined for Maths Tutor yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/NotFoundError|no SLA definition/)).toBeNull();
    expect(
      screen.queryByRole('heading', { name: 'The last 30 days' }),
    ).toBeNull();
  });
});

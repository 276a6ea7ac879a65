import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { mockSlaApi } from '../../__testUtils__/render';
import { ppSlaApiRef } from '../../api';
import { SlaBreachesCard } from './SlaBreachesCard';

const api = mockSlaApi();

// the catalog knows one of the agents by its title
const catalog = {
  getEntitiesByRefs: jest.fn(async ({ entityRefs }: any) => ({
    items: entityRefs.map((ref: string) =>
      ref === 'component:default/sales-prospecting-sdr'
        ? {
            metadata: {
              name: 'sales-prospecting-sdr',
              title: 'Sales Prospecting SDR',
            },
          }
        : undefined,
    ),
  })),
};

const render = () =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [ppSlaApiRef, api],
        [catalogApiRef, catalog as any],
      ]}
    >
      <SlaBreachesCard />
    </TestApiProvider>,
  );

describe('SlaBreachesCard', () => {
  it('lists the agents in breach, the worst first, with their open breaches and uptime', async () => {
    api.listCompliance.mockResolvedValue({
      items: [
        {
          agent_id: 'sales-prospecting-sdr',
          type: 'standard',
          status: 'breach',
          overall_compliance_percent: 80,
          uptime_percent: 99.5,
          open_breaches: 2,
          computed_at: '2026-12-03T00:00:00.000Z',
          trend: [],
        },
        {
          agent_id: 'marketing-content-writer',
          type: 'premium',
          status: 'breach',
          overall_compliance_percent: 90,
          uptime_percent: 99.95,
          open_breaches: 0,
          computed_at: '2026-12-03T00:00:00.000Z',
          trend: [],
        },
      ],
      total_count: 2,
      limit: 5,
      offset: 0,
    });
    await render();
    expect(
      await screen.findByText(
        '2 agents missed an SLA target in the last 30 days.',
      ),
    ).toBeInTheDocument();
    expect(api.listCompliance).toHaveBeenCalledWith({
      status: 'breach',
      sort: 'overall_compliance_percent',
      order: 'asc',
      limit: 5,
    });
    // by its catalog title; one the catalog does not know, by its id in words
    expect(
      await screen.findByRole('link', { name: 'Sales Prospecting SDR' }),
    ).toHaveAttribute('href', '/pp/sla/agents/sales-prospecting-sdr');
    expect(
      screen.getByRole('link', { name: 'Marketing content writer' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2 open breaches · uptime 99.5 %'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No open breaches · uptime 99.95 %'),
    ).toBeInTheDocument();
  });

  it('says when no agent is in breach', async () => {
    api.listCompliance.mockResolvedValue({
      items: [],
      total_count: 0,
      limit: 5,
      offset: 0,
    });
    await render();
    expect(
      await screen.findByText('No agent is in breach of its SLA.'),
    ).toBeInTheDocument();
  });
});

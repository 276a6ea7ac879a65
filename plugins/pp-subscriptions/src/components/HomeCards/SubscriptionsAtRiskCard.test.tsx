import { screen } from '@testing-library/react';
import {
  createMockSubscriptionsApi,
  makeItem,
  pageOf,
} from '../../__testUtils__/mocks';
import { renderWithSubscriptionsApi } from '../../__testUtils__/render';
import { SubscriptionsAtRiskCard } from './SubscriptionsAtRiskCard';

describe('SubscriptionsAtRiskCard', () => {
  it('lists critical and at-risk subscriptions, lowest score first, by customer and agent', async () => {
    const api = createMockSubscriptionsApi();
    api.listSubscriptions.mockResolvedValue(
      pageOf([
        makeItem({
          id: 'demo-sub-003',
          customer_name: 'Demo Realty Group',
          score: 41.5,
          band: 'red',
          runs_failed_30d: 12,
        }),
        makeItem({
          id: 'demo-sub-007',
          customer_name: 'Demo Bakery Ltd',
          score: 72,
          band: 'amber',
          runs_failed_30d: 1,
        }),
      ]),
    );
    await renderWithSubscriptionsApi(<SubscriptionsAtRiskCard />, api);
    expect(
      await screen.findByText('Demo Realty Group · Sales Prospecting SDR'),
    ).toBeInTheDocument();
    expect(api.listSubscriptions).toHaveBeenCalledWith({
      band: ['red', 'amber'],
      sort: 'score',
      limit: 5,
    });
    expect(
      screen.getByText('Critical, score 41.5 · 12 failed runs in 30 days'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('At risk, score 72 · one failed run in 30 days'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the subscriptions' }),
    ).toHaveAttribute('href', '/pp/subscriptions?band=red,amber');
    expect(screen.queryByText(/demo-sub|amber|red\b/)).toBeNull();
  });

  it('says when none is at risk', async () => {
    const api = createMockSubscriptionsApi();
    api.listSubscriptions.mockResolvedValue(pageOf([]));
    await renderWithSubscriptionsApi(<SubscriptionsAtRiskCard />, api);
    expect(
      await screen.findByText(
        'No subscription is at risk: every scored one is healthy.',
      ),
    ).toBeInTheDocument();
  });
});

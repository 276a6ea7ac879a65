import { screen, within } from '@testing-library/react';
import {
  createMockSubscriptionsApi,
  makeAction,
  makeDetail,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderDetailPage } from '../../__testUtils__/render';

// Every test in this file is a subscription manager (usePermission caches answers per file).
const permissions = mockRolePermissionApi('manager');

describe('SubscriptionDetailPage (subscription manager)', () => {
  it('shows the score with its inputs, errors, actions and incidents; audit and export, no force-cancel', async () => {
    const api = createMockSubscriptionsApi();
    api.getSubscription.mockResolvedValue(
      makeDetail({
        actions: [
          makeAction({
            status: 'pending',
            reason: 'Fraudulent card',
            refund_amount: null,
            attempts: 2,
            last_error: 'timeout',
            completed_at: null,
          }),
        ],
        incidents: [
          {
            trigger: 'consecutive_failures',
            ticket_id: '6f1c0c1e-uuid',
            ticket_number: 'TKT-000042',
            open: true,
            detail: '7 runs failed in a row.',
            created_at: '2026-12-02T09:00:00.000Z',
          },
        ],
      }),
    );
    await renderDetailPage(api, permissions);

    expect(
      await screen.findByRole('heading', { name: 'Demo Realty Group' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Sales Prospecting SDR')).toBeInTheDocument();
    const score = within(screen.getByTestId('score-card'));
    expect(score.getByText('41.2 · Critical')).toBeInTheDocument();
    expect(score.getByText('40%')).toBeInTheDocument(); // success rate
    expect(score.getByText('60%')).toBeInTheDocument(); // error rate
    expect(score.getByText('3.0 runs a day; 3 expected')).toBeInTheDocument();
    expect(
      screen.getByText('CRM API returned 401 (token expired)'),
    ).toBeInTheDocument();

    const action = within(screen.getByTestId('action-row'));
    expect(action.getByText('Pending')).toBeInTheDocument();
    expect(action.getByText('Farah Founder')).toBeInTheDocument();
    expect(action.getByText('Fraudulent card')).toBeInTheDocument();
    expect(
      action.getByText(
        'Pending: the Customer Portal did not answer yet; PP retries.',
      ),
    ).toBeInTheDocument();

    const incident = within(screen.getByTestId('incident-row'));
    expect(incident.getByRole('link', { name: 'TKT-000042' })).toHaveAttribute(
      'href',
      '/pp/helpdesk/tickets/TKT-000042',
    );
    expect(incident.getByText('Failures in a row:')).toBeInTheDocument();

    expect(
      await screen.findByRole('button', { name: 'Audit agent runs' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Export runs' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Force-cancel' })).toBeNull();
    expect(permissions[1].authorize).toHaveBeenCalled();
  });

  it('says so when the subscription does not exist', async () => {
    const api = createMockSubscriptionsApi();
    const { ResponseError } = await import('@backstage/errors');
    api.getSubscription.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No such subscription' },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'content-type': 'application/json' } },
        ) as any,
      ),
    );
    await renderDetailPage(api, permissions, 'nope');
    expect(
      await screen.findByText(/There is no such subscription/),
    ).toBeInTheDocument();
  });
});

import { ComponentType, ReactElement } from 'react';
import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiPair } from '@backstage/frontend-test-utils';
import { PpSubscriptionsApi, ppSubscriptionsApiRef } from '../api';
import { SubscriptionDetailPage } from '../components/SubscriptionDetail/SubscriptionDetailPage';
import { createMockSubscriptionsApi } from './mocks';

/** An API a test adds to the subscriptions API (permissions, catalog). */
type ExtraApi = TestApiPair<any>;

/**
 * Renders an element in a test app with the (mock) subscriptions API and any other APIs the
 * test names (`mockPermissionApi(...)`, `mockCatalogApi()`).
 */
export async function renderWithSubscriptionsApi(
  element: ReactElement,
  api: jest.Mocked<PpSubscriptionsApi> = createMockSubscriptionsApi(),
  ...extra: ExtraApi[]
) {
  return renderInTestApp(element, {
    apis: [[ppSubscriptionsApiRef, api], ...extra],
  });
}

/** The subscription page of `demo-sub-003` (Demo Realty Group, see `makeDetail`). */
export async function renderDetailPage(
  api: jest.Mocked<PpSubscriptionsApi>,
  permissions: ExtraApi,
  subscriptionId = 'demo-sub-003',
) {
  return renderWithSubscriptionsApi(
    <SubscriptionDetailPage subscriptionId={subscriptionId} />,
    api,
    permissions,
  );
}

/** The props every subscription dialog (runs, export) takes. */
export interface SubscriptionDialogProps {
  open: boolean;
  subscriptionId: string;
  customerName: string;
  onClose: () => void;
}

/**
 * Renders a subscription dialog, open, for `demo-sub-003` (Demo Realty Group), and gives the
 * queries within the dialog once it shows.
 */
export async function renderSubscriptionDialog(
  Dialog: ComponentType<SubscriptionDialogProps>,
  api: jest.Mocked<PpSubscriptionsApi>,
) {
  await renderWithSubscriptionsApi(
    <Dialog
      open
      subscriptionId="demo-sub-003"
      customerName="Demo Realty Group"
      onClose={() => {}}
    />,
    api,
  );
  return within(await screen.findByRole('dialog'));
}

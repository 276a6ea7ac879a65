import { Content } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { SubscriptionsGate } from '../common/SubscriptionBits';
import { SubscriptionList } from '../SubscriptionList';
import { SubscriptionDetailPage } from '../SubscriptionDetail';

/** `/pp/subscriptions`: the list, and `/pp/subscriptions/:subscriptionId`: one subscription. */
export function SubscriptionsPage() {
  return (
    <SubscriptionsGate>
      <Routes>
        <Route
          path="/"
          element={
            <Content>
              <SubscriptionList showSavedViews />
            </Content>
          }
        />
        <Route path="/:subscriptionId" element={<SubscriptionDetailPage />} />
      </Routes>
    </SubscriptionsGate>
  );
}

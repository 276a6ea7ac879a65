import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { PpHomeListCard } from '@internal/plugin-pp-react';
import useAsync from 'react-use/esm/useAsync';
import { ppSubscriptionsApiRef } from '../../api';
import { rootRouteRef, subscriptionRouteRef } from '../../routes';
import { BAND_LABELS } from '../../util/format';

/** Home card: subscriptions whose health score is at risk or critical, the lowest score first. */
export function SubscriptionsAtRiskCard() {
  const api = useApi(ppSubscriptionsApiRef);
  const list = useRouteRef(rootRouteRef)?.() ?? '/pp/subscriptions';
  const subscriptionLink = useRouteRef(subscriptionRouteRef);
  const state = useAsync(
    () =>
      api.listSubscriptions({
        band: ['red', 'amber'],
        sort: 'score',
        limit: 5,
      }),
    [api],
  );
  return (
    <PpHomeListCard
      state={state}
      what="the subscriptions"
      label="Subscriptions at risk"
      rows={(state.value?.items ?? []).map(s => ({
        key: s.id,
        primary: (
          <Link
            to={
              subscriptionLink?.({ subscriptionId: s.id }) ??
              `${list}/${encodeURIComponent(s.id)}`
            }
          >
            {s.customer_name} · {s.agent_name ?? 'an agent'}
          </Link>
        ),
        secondary: `${s.band ? BAND_LABELS[s.band] : ''}, score ${
          s.score ?? '—'
        } · ${
          s.runs_failed_30d === 1
            ? 'one failed run'
            : `${s.runs_failed_30d} failed runs`
        } in 30 days`,
      }))}
      empty="No subscription is at risk: every scored one is healthy."
      more={{ title: 'Open the subscriptions', to: `${list}?band=red,amber` }}
    />
  );
}

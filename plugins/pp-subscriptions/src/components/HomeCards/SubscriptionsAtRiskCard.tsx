import { Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { describeError } from '@internal/plugin-pp-common';
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
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Alert severity="error">
        Could not load the subscriptions: {describeError(state.error)}
      </Alert>
    );
  }
  const items = state.value!.items;
  return (
    <>
      {items.length ? (
        <List dense disablePadding aria-label="Subscriptions at risk">
          {items.map(s => (
            <ListItem key={s.id} disableGutters>
              <ListItemText
                primary={
                  <Link
                    to={
                      subscriptionLink?.({ subscriptionId: s.id }) ??
                      `${list}/${encodeURIComponent(s.id)}`
                    }
                  >
                    {s.customer_name} · {s.agent_name ?? 'an agent'}
                  </Link>
                }
                secondary={`${s.band ? BAND_LABELS[s.band] : ''}, score ${
                  s.score ?? '—'
                } · ${
                  s.runs_failed_30d === 1
                    ? 'one failed run'
                    : `${s.runs_failed_30d} failed runs`
                } in 30 days`}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2">
          No subscription is at risk: every scored one is healthy.
        </Typography>
      )}
      <Link to={`${list}?band=red,amber`}>Open the subscriptions</Link>
    </>
  );
}

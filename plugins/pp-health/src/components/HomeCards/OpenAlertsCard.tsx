import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { ppHealthApiRef } from '../../api';
import { usePolled } from '../../hooks/usePolled';
import { alertsRouteRef, servicesRouteRef } from '../../routes';
import { formatTime } from '../../util/format';
import { Loadable, SeverityChip } from '../common';

/** Home card: the firing alerts, newest first, each linking to its service. */
export const OpenAlertsCard = () => {
  const api = useApi(ppHealthApiRef);
  const services = useRouteRef(servicesRouteRef)?.() ?? '/pp/health/services';
  const alerts = useRouteRef(alertsRouteRef)?.() ?? '/pp/health/alerts';
  const page = usePolled(
    () => api.listAlerts({ status: 'firing', limit: 5 }),
    [api],
  );
  return (
    <Loadable what="the open alerts" {...page}>
      {p =>
        p.items.length ? (
          <>
            <List dense disablePadding>
              {p.items.map(a => (
                <ListItem key={a.id} disableGutters>
                  <SeverityChip severity={a.severity} />
                  <ListItemText
                    style={{ marginLeft: 8 }}
                    primary={
                      <Link
                        to={`${services}/${encodeURIComponent(a.service_id)}`}
                      >
                        {a.message}
                      </Link>
                    }
                    secondary={`since ${formatTime(a.started_at)}`}
                  />
                </ListItem>
              ))}
            </List>
            {p.total_count > p.items.length && (
              <Link to={alerts}>All {p.total_count} open alerts</Link>
            )}
          </>
        ) : (
          <Typography variant="body2">
            No open alerts: every rule is within its threshold.
          </Typography>
        )
      }
    </Loadable>
  );
};

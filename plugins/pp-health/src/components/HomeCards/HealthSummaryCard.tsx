import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Box, Typography, makeStyles } from '@material-ui/core';
import { ppHealthApiRef } from '../../api';
import { usePolled } from '../../hooks/usePolled';
import { servicesRouteRef } from '../../routes';
import { formatPercent } from '../../util/format';
import { Loadable } from '../common';

const useStyles = makeStyles(theme => ({
  figures: { display: 'flex', gap: theme.spacing(3), flexWrap: 'wrap' },
  figure: { fontSize: '1.75rem', fontWeight: 600, lineHeight: 1.2 },
  up: { color: theme.palette.success.main },
  degraded: { color: theme.palette.warning.main },
  down: { color: theme.palette.error.main },
}));

/** Home card: how many services are up, degraded and down, and the 24 h uptime. */
export const HealthSummaryCard = () => {
  const api = useApi(ppHealthApiRef);
  const classes = useStyles();
  const services = useRouteRef(servicesRouteRef)?.() ?? '/pp/health/services';
  const overview = usePolled(() => api.getOverview(), [api]);
  return (
    <Loadable what="the health overview" {...overview}>
      {o => (
        <>
          <div className={classes.figures}>
            {(
              [
                ['up', 'Up'],
                ['degraded', 'Degraded'],
                ['down', 'Down'],
              ] as const
            ).map(([key, label]) => (
              <div key={key}>
                <Typography variant="overline">{label}</Typography>
                <Typography
                  className={`${classes.figure} ${classes[key]}`}
                  aria-label={`${o[key]} ${label.toLocaleLowerCase('en-US')}`}
                >
                  {o[key]}
                </Typography>
              </div>
            ))}
          </div>
          <Box mt={1}>
            <Typography variant="body2">
              {o.service_count} services · uptime 24 h{' '}
              {formatPercent(o.uptime_percent['24h'])} · {o.open_alerts.total}{' '}
              open {o.open_alerts.total === 1 ? 'alert' : 'alerts'}
            </Typography>
            <Link to={services}>Open the health dashboard</Link>
          </Box>
        </>
      )}
    </Loadable>
  );
};

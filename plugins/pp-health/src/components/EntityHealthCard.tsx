import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Typography, makeStyles } from '@material-ui/core';
import { ppHealthReadPermission } from '@internal/plugin-pp-common';
import { PpPermittedCard } from '@internal/plugin-pp-react';
import { ppHealthApiRef } from '../api';
import { usePolled } from '../hooks/usePolled';
import {
  formatMs,
  formatPercent,
  formatRate,
  formatTime,
} from '../util/format';
import { Loadable, StatusChip } from './common';
import { PP_SERVICE_ID_ANNOTATION } from './EntityHealthContent';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'flex',
    gap: theme.spacing(3),
    flexWrap: 'wrap',
    margin: theme.spacing(1.5, 0),
  },
  figure: { fontSize: '1.25rem', fontWeight: 600 },
}));

function ServiceHealthSummary(props: { serviceId: string }) {
  const api = useApi(ppHealthApiRef);
  const classes = useStyles();
  const detail = usePolled(
    () => api.getMicroservice(props.serviceId, '24h'),
    [api, props.serviceId],
  );
  return (
    <Loadable what="this service's health" {...detail}>
      {s => {
        return (
          <>
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <StatusChip status={s.status} />
              <Typography variant="body2">{s.status_reason}</Typography>
            </Box>
            <div className={classes.figures}>
              {(
                [
                  ['Uptime, 24 h', formatPercent(s.uptime_24h_percent)],
                  ['Error rate', formatRate(s.error_rate)],
                  ['p95 response', formatMs(s.p95_response_ms)],
                  [
                    'Open alerts',
                    s.open_alerts === 0 ? 'None' : String(s.open_alerts),
                  ],
                ] as const
              ).map(([label, value]) => (
                <div key={label}>
                  <Typography variant="overline" component="div">
                    {label}
                  </Typography>
                  <Typography className={classes.figure}>{value}</Typography>
                </div>
              ))}
            </div>
            <Typography variant="body2" color="textSecondary">
              {s.last_seen_at
                ? `Last checked ${formatTime(s.last_seen_at)}.`
                : 'Not checked yet.'}
              {s.data_source === 'demo' &&
                ' These figures come from the demo generator, not from the service.'}
            </Typography>
          </>
        );
      }}
    </Loadable>
  );
}

/**
 * The Health card of a service's overview: status and why, the 24 h figures and open alerts,
 * with a link to the Health tab. Only for those who may read health.
 */
export function EntityHealthCard() {
  const { entity } = useEntity();
  const serviceId = entity.metadata.annotations?.[PP_SERVICE_ID_ANNOTATION];
  const entityLink = useEntityRefLink();
  return (
    <PpPermittedCard
      title="Health"
      permission={ppHealthReadPermission}
      deepLink={{
        title: 'Open the Health tab',
        link: `${entityLink(entity)}/health`,
      }}
    >
      {serviceId ? (
        <ServiceHealthSummary serviceId={serviceId} />
      ) : (
        <Typography variant="body2">
          This service is not monitored yet.
        </Typography>
      )}
    </PpPermittedCard>
  );
}

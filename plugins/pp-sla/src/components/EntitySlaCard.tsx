import { Link, Progress } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Typography, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  PpSlaCompliance,
  describeError,
  ppSlaCreatePermission,
  ppSlaReadPermission,
} from '@internal/plugin-pp-common';
import { PpPermittedCard } from '@internal/plugin-pp-react';
import useAsync from 'react-use/esm/useAsync';
import { ppSlaApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { SlaStatusChip } from './SlaStatusChip';
import { formatMetric, targetText } from './labels';
import { OpenBreachClocks } from './OpenBreachClocks';
import { ServiceSla } from './ServiceSla';
import { monitoredServiceId } from '../entity';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'flex',
    gap: theme.spacing(3),
    flexWrap: 'wrap',
    margin: theme.spacing(1.5, 0),
  },
  figure: { fontSize: '1.25rem', fontWeight: 600 },
}));

/** The window's uptime, p95 and error rate against their targets, and the open breaches. */
function Figures(props: { compliance: PpSlaCompliance }) {
  const classes = useStyles();
  const c = props.compliance;
  const shown = c.metrics.filter(m =>
    ['uptime', 'response_time_p95', 'error_rate'].includes(m.metric),
  );
  return (
    <div className={classes.figures}>
      {shown.map(m => (
        <div key={m.metric}>
          <Typography variant="overline" component="div">
            {m.label}
          </Typography>
          <Typography className={classes.figure}>
            {formatMetric(m.unit, m.value)}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            target {targetText(m)}
          </Typography>
        </div>
      ))}
      <div>
        <Typography variant="overline" component="div">
          Open breaches
        </Typography>
        <Typography className={classes.figure}>
          {c.open_breaches.length === 0
            ? 'None'
            : String(c.open_breaches.length)}
        </Typography>
      </div>
    </div>
  );
}

/** What the card shows, read only once the card is drawn (for those who may read SLAs). */
function AgentSla(props: { agentId: string; name: string }) {
  const { agentId, name } = props;
  const api = useApi(ppSlaApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const { allowed: canDefine } = usePermission({
    permission: ppSlaCreatePermission,
  });
  const state = useAsync(() => api.getCompliance(agentId), [api, agentId]);
  if (state.loading) return <Progress />;
  if (ResponseError.is(state.error) && state.error.statusCode === 404) {
    return (
      <>
        <Typography variant="body2">
          No SLA is defined for {name} yet.
        </Typography>
        {canDefine && (
          <Box mt={1}>
            <Link to={`${root}?define=${encodeURIComponent(agentId)}`}>
              Define an SLA
            </Link>
          </Box>
        )}
      </>
    );
  }
  if (state.error) {
    return (
      <Alert severity="error">
        Could not load the SLA compliance: {describeError(state.error)}
      </Alert>
    );
  }
  const c = state.value!;
  return (
    <>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <SlaStatusChip status={c.status} />
        <Typography variant="body2">{c.status_reason}</Typography>
      </Box>
      <Figures compliance={c} />
      <OpenBreachClocks breaches={c.open_breaches} />
      <Typography variant="body2" color="textSecondary">
        {c.definition.type.charAt(0).toUpperCase() + c.definition.type.slice(1)}{' '}
        SLA, version {c.definition.version}; the last {c.window_days} days
        {c.computed_at ? '' : ', not computed yet'}.
      </Typography>
      <Box mt={1}>
        <Link to={`${root}/agents/${encodeURIComponent(agentId)}`}>
          Open the SLA compliance
        </Link>
      </Box>
    </>
  );
}

/**
 * The SLA card of an agent's overview (issue #18): status and why, the 30-day uptime, p95 and
 * error rate against their targets, open breaches (each running one with its live clock), a link
 * to the agent's SLA page. An agent without an SLA says so, with "Define an SLA" for those who may.
 * On a monitored service's overview: the agents whose SLA counts its health and its maintenance
 * windows (see ServiceSla). Only for those who may read SLAs.
 */
export function EntitySlaCard() {
  const { entity } = useEntity();
  const name = entity.metadata.title ?? entity.metadata.name;
  const serviceId = monitoredServiceId(entity);
  return (
    <PpPermittedCard title="SLA" permission={ppSlaReadPermission}>
      <div data-testid="entity-sla-card">
        {serviceId ? (
          <ServiceSla serviceId={serviceId} name={name} />
        ) : (
          <AgentSla agentId={entity.metadata.name} name={name} />
        )}
      </div>
    </PpPermittedCard>
  );
}

import { useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  List,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  PpAgentReadiness,
  describeError,
  ppAgentsReadinessUpdatePermission,
} from '@internal/plugin-pp-common';
import { ppOrchestrationApiRef } from '../../api';
import { ReadinessOverrideDialog } from './ReadinessOverrideDialog';
import {
  customerSentences,
  sourceSentence,
  valueSentence,
} from './readinessText';

const useStyles = makeStyles(theme => ({
  wrap: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  heading: { marginTop: theme.spacing(2) },
}));

const GROUPS = [
  ['rate_limits', 'Rate limits'],
  ['quotas', 'Quotas'],
  ['monitoring', 'Monitoring'],
] as const;

function PlatformValues(props: { readiness: PpAgentReadiness }) {
  const classes = useStyles();
  return (
    <>
      {GROUPS.map(([group, title]) => (
        <Box key={group}>
          <Typography
            variant="subtitle2"
            component="h3"
            className={classes.heading}
          >
            {title}
          </Typography>
          <List dense aria-label={title}>
            {props.readiness.parameters
              .filter(p => p.group === group)
              .map(p => (
                <ListItem key={p.key} data-testid="readiness-value">
                  <ListItemText
                    primary={`${p.title}: ${valueSentence(p)}`}
                    secondary={sourceSentence(p)}
                    secondaryTypographyProps={{ className: classes.wrap }}
                  />
                </ListItem>
              ))}
          </List>
        </Box>
      ))}
    </>
  );
}

function CustomerValues(props: { readiness: PpAgentReadiness }) {
  const classes = useStyles();
  const c = props.readiness.customer;
  if (c.status === 'unavailable') {
    return (
      <Alert severity="info" data-testid="readiness-customer-unavailable">
        {c.message ?? 'The customers’ settings could not be read.'}
      </Alert>
    );
  }
  const from =
    c.source === 'demo_customer_portal'
      ? 'From the demo Customer Portal.'
      : 'From the Customer Portal.';
  if (!c.subscriptions.length) {
    return (
      <Typography variant="body2" data-testid="readiness-no-customers">
        No customer subscribes to this agent yet. Each customer sets their own
        working hours, approval threshold, data freshness, error tolerance and
        budget limit in the Customer Portal; they appear here once one
        subscribes.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        Each customer sets these in the Customer Portal. {from}
      </Typography>
      <List dense aria-label="Customer settings">
        {c.subscriptions.map(s => (
          <ListItem key={s.subscription_id} data-testid="readiness-customer">
            <ListItemText
              primary={s.customer_name}
              secondaryTypographyProps={{
                className: classes.wrap,
                component: 'div',
              }}
              secondary={customerSentences(s).map(line => (
                <div key={line}>{line}</div>
              ))}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}

/**
 * The agent's operational readiness (spec Stage 6): the platform limits in force with their
 * source, the customers' own settings, and for orchestrators and admins the override dialog.
 */
export function ReadinessCard(props: { agentId: string; agentName: string }) {
  const classes = useStyles();
  const api = useApi(ppOrchestrationApiRef);
  const state = useAsyncRetry(
    () => api.getReadiness(props.agentId),
    [api, props.agentId],
  );
  const { allowed: canOverride } = usePermission({
    permission: ppAgentsReadinessUpdatePermission,
  });
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<PpAgentReadiness>();
  const readiness = saved ?? state.value;

  let body: JSX.Element;
  if (readiness) {
    body = (
      <>
        <Typography variant="subtitle1" component="h2">
          Platform limits
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Set by the platform; written into the agent’s deployment manifest.
        </Typography>
        <PlatformValues readiness={readiness} />
        {canOverride && (
          <Box mb={1}>
            <Button
              variant="outlined"
              color="primary"
              onClick={() => setOpen(true)}
            >
              Override
            </Button>
          </Box>
        )}
        <Typography
          variant="subtitle1"
          component="h2"
          className={classes.heading}
        >
          Customer settings
        </Typography>
        <CustomerValues readiness={readiness} />
        {open && (
          <ReadinessOverrideDialog
            open
            agentName={props.agentName}
            readiness={readiness}
            onClose={() => setOpen(false)}
            onSaved={r => {
              setSaved(r);
              setOpen(false);
            }}
          />
        )}
      </>
    );
  } else if (state.error) {
    body = (
      <Alert severity="error">
        Could not load the operational readiness: {describeError(state.error)}
      </Alert>
    );
  } else {
    body = <Progress />;
  }
  return (
    <InfoCard title="Operational readiness">
      <div data-testid="readiness-card">{body}</div>
    </InfoCard>
  );
}

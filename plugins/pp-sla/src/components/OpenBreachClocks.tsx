import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { PpSlaBreach } from '@internal/plugin-pp-common';
import { formatDateTime, usePpNow } from '@internal/plugin-pp-react';
import { breachMetricName, runningFor } from './breachLabels';

/** One running breach's clock; only a mounted clock keeps the shared ticker going. */
function BreachClock(props: { breach: PpSlaBreach; what: string }) {
  const now = usePpNow();
  const b = props.breach;
  return (
    <Alert severity="error" data-testid="running-breach">
      <Typography variant="body2" component="div">
        <strong>
          {props.what} running for {runningFor(b.started_at, now)}
        </strong>
      </Typography>
      <Typography variant="caption" component="div">
        Since {formatDateTime(b.started_at)}
      </Typography>
    </Alert>
  );
}

/**
 * The live clock of each breach still running: "Uptime breach running for 1 h 12 min" and when it
 * started, counted up by the page's shared one-second ticker (which stops with the last clock).
 * `agentName` names the agent in the sentence, where the card is not the agent's own.
 */
export function OpenBreachClocks(props: {
  breaches: readonly PpSlaBreach[];
  agentName?: (agentId: string) => string;
}) {
  const running = props.breaches.filter(b => b.ended_at === null);
  if (running.length === 0) return null;
  const what = (b: PpSlaBreach) =>
    props.agentName && b.agent_id
      ? `${breachMetricName(b.metric)} breach of ${props.agentName(b.agent_id)}`
      : `${breachMetricName(b.metric)} breach`;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }} mb={1}>
      {running.map(b => (
        <BreachClock key={b.id} breach={b} what={what(b)} />
      ))}
    </Box>
  );
}

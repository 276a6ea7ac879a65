import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid } from '@material-ui/core';
import { isAiAgent } from '../entity';
import { AgentCompliance } from './AgentCompliance';
import { EntitySlaCard } from './EntitySlaCard';
import { SlaGate } from './SlaPage';

/**
 * The SLA tab of an AI agent's or a monitored service's catalog page: the SLA card (status, the
 * live clock of any running breach; for a service, the agents whose SLA counts its health and
 * its maintenance windows) and, for an agent with an SLA, its 30 days: charts against the
 * targets, the targets, breaches and maintenance windows.
 */
export function EntitySlaContent() {
  const { entity } = useEntity();
  return (
    <SlaGate>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <EntitySlaCard />
        </Grid>
        {isAiAgent(entity) && (
          <Grid item xs={12}>
            <AgentCompliance agentId={entity.metadata.name} embedded />
          </Grid>
        )}
      </Grid>
    </SlaGate>
  );
}

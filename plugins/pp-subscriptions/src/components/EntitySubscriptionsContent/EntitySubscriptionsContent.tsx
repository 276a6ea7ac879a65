import { Content } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Alert } from '@material-ui/lab';
import { AGENT_ID_ANNOTATION } from '../../hooks/useCatalogAgents';
import { SubscriptionsGate } from '../common/SubscriptionBits';
import { SubscriptionList } from '../SubscriptionList';

/** The Subscriptions tab of an AI agent: the customers subscribed to it, worst score first. */
export function EntitySubscriptionsContent() {
  const { entity } = useEntity();
  const agentId = entity.metadata.annotations?.[AGENT_ID_ANNOTATION];
  return (
    <SubscriptionsGate>
      <Content>
        {agentId ? (
          <SubscriptionList agentId={agentId} />
        ) : (
          <Alert severity="info">
            This agent’s catalog entry does not name its Customer Portal agent
            yet, so its subscriptions cannot be found. Its owner can add it.
          </Alert>
        )}
      </Content>
    </SubscriptionsGate>
  );
}

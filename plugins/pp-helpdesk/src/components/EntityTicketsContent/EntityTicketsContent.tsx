import { Content } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { rootRouteRef } from '../../routes';
import { QueueWithCreate } from '../HelpdeskPage';

/** The Tickets tab of a service or AI agent: the queue of tickets raised against it. */
export function EntityTicketsContent() {
  const { entity } = useEntity();
  const root = useRouteRef(rootRouteRef);
  const base = root?.() ?? '/pp/helpdesk';
  return (
    <Content>
      <QueueWithCreate
        entityRef={stringifyEntityRef(entity)}
        ticketPath={key => `${base}/tickets/${encodeURIComponent(key)}`}
      />
    </Content>
  );
}

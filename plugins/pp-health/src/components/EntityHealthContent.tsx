import { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { HealthGate } from './HealthGate';
import { ServiceHealth } from './ServiceDetail';

/** The annotation that names a catalog service's monitored id. */
export const PP_SERVICE_ID_ANNOTATION = 'pp.waooaw.com/service-id';

/** Components of type service: the entities that get a Health tab. */
export function isMonitoredService(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    (entity.spec as { type?: unknown } | undefined)?.type === 'service'
  );
}

/** The Health tab of a service's catalog page. */
export function EntityHealthContent() {
  const { entity } = useEntity();
  const serviceId = entity.metadata.annotations?.[PP_SERVICE_ID_ANNOTATION];
  return (
    <HealthGate>
      {serviceId ? (
        <ServiceHealth serviceId={serviceId} />
      ) : (
        <Typography color="textSecondary">
          This service is not monitored: it has no {PP_SERVICE_ID_ANNOTATION}{' '}
          annotation.
        </Typography>
      )}
    </HealthGate>
  );
}

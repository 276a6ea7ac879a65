import type { Entity } from '@backstage/catalog-model';

/** The catalog's AI agents: the entities an SLA is defined for. */
export const isAiAgent = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' &&
  (entity.spec as { type?: unknown } | undefined)?.type === 'ai-agent';

/** The monitored service's id in the catalog (the health plugin's `service_id`). */
export const PP_SERVICE_ID_ANNOTATION = 'pp.waooaw.com/service-id';

/** The service id of a catalog service the health plugin monitors; undefined for anything else. */
export function monitoredServiceId(entity: Entity): string | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') return undefined;
  if ((entity.spec as { type?: unknown } | undefined)?.type !== 'service') {
    return undefined;
  }
  return (
    entity.metadata.annotations?.[PP_SERVICE_ID_ANNOTATION]?.trim() || undefined
  );
}

/**
 * Where the SLA card goes: AI agents (an SLA is defined per agent) and monitored services (whose
 * health counts for the agents they run, and which have their own maintenance windows).
 */
export const hasSlaCard = (entity: Entity) =>
  isAiAgent(entity) || monitoredServiceId(entity) !== undefined;

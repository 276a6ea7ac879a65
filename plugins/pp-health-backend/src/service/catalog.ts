import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '../database/HealthStore';

export const SERVICE_ID_ANNOTATION = 'pp.waooaw.com/service-id';
export const HEALTH_URL_ANNOTATION = 'pp.waooaw.com/health-check-url';

/** The monitored services among catalog entities: `service` Components with a service-id annotation. */
export function servicesFromEntities(entities: Entity[]): CatalogService[] {
  const out = new Map<string, CatalogService>();
  for (const e of entities) {
    if (e.kind.toLocaleLowerCase('en-US') !== 'component') continue;
    if ((e.spec as any)?.type !== 'service') continue;
    const id = e.metadata.annotations?.[SERVICE_ID_ANNOTATION]?.trim();
    if (!id) continue;
    out.set(id, {
      service_id: id,
      entity_ref: stringifyEntityRef(e).toLocaleLowerCase('en-US'),
      title: e.metadata.title ?? e.metadata.name,
      description: e.metadata.description ?? null,
      owner:
        typeof (e.spec as any)?.owner === 'string'
          ? (e.spec as any).owner
          : null,
      health_check_url:
        e.metadata.annotations?.[HEALTH_URL_ANNOTATION]?.trim() || null,
    });
  }
  return [...out.values()].sort((a, b) =>
    a.service_id.localeCompare(b.service_id),
  );
}

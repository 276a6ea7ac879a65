import type { Entity } from '@backstage/catalog-model';

/** The catalog's AI agents: the entities whose knowledge the Knowledge tab shows. */
export const isAiAgent = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' &&
  (entity.spec as { type?: unknown } | undefined)?.type === 'ai-agent';

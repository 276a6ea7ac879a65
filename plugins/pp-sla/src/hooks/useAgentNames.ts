import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { agentName } from '../components/labels';

/**
 * People read agents by their catalog title ("Sales Prospecting SDR"), not their id. Looks the
 * agents up in the catalog (one request for all of them); an agent the catalog does not know, or a
 * catalog that cannot be read, is named from its id in words.
 */
export function useAgentNames(agentIds: readonly string[]) {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const key = [...new Set(agentIds)].sort().join(',');
  const { value } = useAsync(async () => {
    const ids = key ? key.split(',') : [];
    if (!catalogApi || !ids.length) return new Map<string, string>();
    try {
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: ids.map(id => `component:default/${id}`),
        fields: ['metadata.name', 'metadata.title'],
      });
      return new Map(
        items.flatMap(e =>
          e?.metadata.title ? [[e.metadata.name, e.metadata.title]] : [],
        ) as Array<[string, string]>,
      );
    } catch {
      return new Map<string, string>();
    }
  }, [catalogApi, key]);
  return (agentId: string) => value?.get(agentId) ?? agentName(agentId);
}

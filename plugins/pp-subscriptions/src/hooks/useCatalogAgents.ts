import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** The catalog annotation that holds an AI agent's id in the Customer Portal. */
export const AGENT_ID_ANNOTATION = 'pp.waooaw.com/agent-id';

export interface AgentOption {
  /** The agent id the subscriptions carry. */
  id: string;
  /** The catalog title (what people see). */
  title: string;
  /** The industry label (the filter value) and its display name. */
  industry?: { value: string; label: string };
}

/**
 * The catalog's AI agents (`Component`s of type `ai-agent` with an agent id), for the agent and
 * industry filters: people pick names, the list filters by ids. Empty while loading or when the
 * catalog cannot be read (the filters then offer what the list itself shows).
 */
export function useCatalogAgents(): AgentOption[] {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Component', 'spec.type': 'ai-agent' },
      fields: [
        'metadata.name',
        'metadata.title',
        'metadata.labels',
        'metadata.annotations',
      ],
    });
    return items.flatMap((e): AgentOption[] => {
      const id = e.metadata.annotations?.[AGENT_ID_ANNOTATION];
      if (!id) return [];
      const industry = e.metadata.labels?.['pp.waooaw.com/industry'];
      return [
        {
          id,
          title: e.metadata.title ?? e.metadata.name,
          industry: industry
            ? {
                value: industry,
                label:
                  e.metadata.annotations?.['pp.waooaw.com/industry'] ??
                  industry,
              }
            : undefined,
        },
      ];
    });
  }, [catalogApi]);
  return value ?? [];
}

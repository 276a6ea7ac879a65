import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** `group:team-commerce` → `group:default/team-commerce` (owners are groups unless they say). */
export function normalOwnerRef(ref: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return ref;
  }
}

/**
 * The catalog's names of the owning teams (their `spec.profile.displayName` or `metadata.title`),
 * keyed by normalised ref, read in one request for the whole table. A team the catalog does not
 * know (or while loading) has no entry: the caller shows its name from the ref.
 */
export function useOwnerNames(owners: Array<string | null>) {
  // optional: a page without the catalog (e.g. a test) shows names from the refs
  const catalogApi = useApiHolder().get(catalogApiRef);
  const refs = [
    ...new Set(owners.filter((o): o is string => !!o).map(normalOwnerRef)),
  ].sort();
  const key = refs.join(',');
  const { value } = useAsync(async () => {
    if (!refs.length || !catalogApi) return new Map<string, string>();
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    const names = new Map<string, string>();
    items.forEach((e, i) => {
      const title = (e?.spec as any)?.profile?.displayName ?? e?.metadata.title;
      if (title) names.set(refs[i], title);
    });
    return names;
    // refs is derived from key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, catalogApi]);
  return value ?? new Map<string, string>();
}

import {
  PP_SUBSCRIPTION_BANDS,
  PP_SUBSCRIPTION_SORTS,
  PP_SUBSCRIPTION_STATUSES,
  PpSubscriptionQuery,
} from '@internal/plugin-pp-common';

/** The list's filters and sort: what the URL keeps and a saved view holds. */
export type SubscriptionFilters = Omit<PpSubscriptionQuery, 'cursor' | 'limit'>;

const TEXT_KEYS = ['customer', 'agent', 'industry'] as const;

function listOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
): T[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(',')
    .map(s => s.trim())
    .filter((s): s is T => (allowed as readonly string[]).includes(s));
  return items.length ? items : undefined;
}

function numberOf(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Reads the filters from the page's URL, dropping what is not a valid filter. */
export function filtersFromSearch(
  search: URLSearchParams,
): SubscriptionFilters {
  const filters: SubscriptionFilters = {};
  const status = listOf(search.get('status'), PP_SUBSCRIPTION_STATUSES);
  if (status) filters.status = status;
  const band = listOf(search.get('band'), PP_SUBSCRIPTION_BANDS);
  if (band) filters.band = band;
  const scoreLt = numberOf(search.get('score_lt'));
  if (scoreLt !== undefined) filters.score_lt = scoreLt;
  const errorsGt = numberOf(search.get('errors_gt'));
  if (errorsGt !== undefined) filters.errors_gt = Math.floor(errorsGt);
  for (const key of TEXT_KEYS) {
    const v = search.get(key)?.trim();
    if (v) filters[key] = v.slice(0, 200);
  }
  const sort = search.get('sort');
  if (sort && (PP_SUBSCRIPTION_SORTS as readonly string[]).includes(sort)) {
    filters.sort = sort as SubscriptionFilters['sort'];
  }
  return filters;
}

/** The URL query of the filters (empty ones left out), in a stable order. */
export function searchFromFilters(
  filters: SubscriptionFilters,
): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.status?.length) search.set('status', filters.status.join(','));
  if (filters.band?.length) search.set('band', filters.band.join(','));
  if (filters.score_lt !== undefined)
    search.set('score_lt', String(filters.score_lt));
  if (filters.errors_gt !== undefined)
    search.set('errors_gt', String(filters.errors_gt));
  for (const key of TEXT_KEYS) {
    if (filters[key]) search.set(key, filters[key]!);
  }
  if (filters.sort) search.set('sort', filters.sort);
  return search;
}

/** Whether any filter is set (the sort does not count). */
export function hasFilters(filters: SubscriptionFilters): boolean {
  const { sort, ...rest } = filters;
  return Object.values(rest).some(v =>
    Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '',
  );
}

/**
 * Platform Portal: React hooks shared by the PP frontend plugins (saved list filters).
 *
 * @packageDocumentation
 */
export { parseSavedFilters, usePpSavedFilters } from './hooks/useSavedFilters';
export type { PpSavedFilter } from './hooks/useSavedFilters';

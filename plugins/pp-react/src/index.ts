/**
 * Platform Portal: React hooks and components shared by the PP frontend plugins (saved list
 * filters, cursor-paged lists, filter bars, list tables, dialog buttons).
 *
 * @packageDocumentation
 */
export { parseSavedFilters, usePpSavedFilters } from './hooks/useSavedFilters';
export type { PpSavedFilter } from './hooks/useSavedFilters';
export { formatDateTime } from './util/formatDateTime';
export { usePpCursorList } from './hooks/usePpCursorList';
export type { PpCursorPage } from './hooks/usePpCursorList';
export { usePpDebouncedSearch } from './hooks/usePpDebouncedSearch';
export { usePpNow } from './hooks/usePpNow';
export { usePpOffsetList } from './hooks/usePpOffsetList';
export { PpSearchField } from './components/PpSearchField';
export type { PpSearchFieldProps } from './components/PpSearchField';
export { PpDataTable } from './components/PpDataTable';
export type {
  PpDataTableColumn,
  PpDataTableProps,
  PpDataTableRowProps,
} from './components/PpDataTable';
export {
  PpFilterBar,
  PpFilterField,
  PpSelectFilter,
} from './components/PpFilterBar';
export type {
  PpFilterBarProps,
  PpFilterFieldProps,
  PpSelectFilterProps,
  PpSelectOption,
} from './components/PpFilterBar';
export { PpSavedFiltersBar } from './components/PpSavedFiltersBar';
export type {
  PpSavedFiltersBarProps,
  PpSavedFiltersLabels,
} from './components/PpSavedFiltersBar';
export { PpErrorAlert, PpListState } from './components/PpListState';
export type { PpListStateProps } from './components/PpListState';
export { PpPagedTable } from './components/PpPagedTable';
export type {
  PpPagedTableList,
  PpPagedTableProps,
} from './components/PpPagedTable';
export { PpLoadMore } from './components/PpLoadMore';
export type { PpLoadMoreProps } from './components/PpLoadMore';
export { PpProgressButton } from './components/PpProgressButton';
export type { PpProgressButtonProps } from './components/PpProgressButton';
export { PpPermittedCard } from './components/PpPermittedCard';
export type { PpPermittedCardProps } from './components/PpPermittedCard';
export { PpHomeListCard } from './components/PpHomeListCard';
export type {
  PpHomeListCardProps,
  PpHomeListRow,
} from './components/PpHomeListCard';
export { PpFact, PpFacts } from './components/PpFacts';
export { PpSparkline } from './components/PpSparkline';
export type { PpSparklineProps } from './components/PpSparkline';

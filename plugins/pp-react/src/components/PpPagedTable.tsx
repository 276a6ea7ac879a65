import { PpDataTable, PpDataTableProps } from './PpDataTable';
import { PpListState } from './PpListState';
import { PpLoadMore } from './PpLoadMore';

/**
 * What {@link PpPagedTable} needs of a cursor-paged list (what `usePpCursorList` gives).
 *
 * @public
 */
export interface PpPagedTableList<T> {
  items: ReadonlyArray<T>;
  loading: boolean;
  loadingMore: boolean;
  error?: string;
  hasMore: boolean;
  loadMore: () => void;
}

/**
 * Props of {@link PpPagedTable}.
 *
 * @public
 */
export type PpPagedTableProps<T> = Omit<PpDataTableProps<T>, 'rows'> & {
  list: PpPagedTableList<T>;
  /** How many items match in all, when the server says. */
  total?: number;
  /** The empty state's title, e.g. "No tickets". */
  emptyTitle: string;
  /** Why the list is empty, in a sentence. */
  emptyDescription: string;
};

/**
 * A cursor-paged list as a table: its error, progress and empty state, the table of the items
 * loaded so far, and "Showing 25 of 120" with "Load more" below it.
 *
 * @public
 */
export function PpPagedTable<T>(props: PpPagedTableProps<T>) {
  const { list, total, emptyTitle, emptyDescription, ...table } = props;
  const shown = !list.loading && list.items.length > 0;
  return (
    <>
      <PpListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyTitle={emptyTitle}
        emptyDescription={emptyDescription}
      />
      {shown && <PpDataTable {...table} rows={list.items} />}
      {shown && (
        <PpLoadMore
          shown={list.items.length}
          total={total}
          hasMore={list.hasMore}
          loading={list.loadingMore}
          onLoadMore={list.loadMore}
        />
      )}
    </>
  );
}

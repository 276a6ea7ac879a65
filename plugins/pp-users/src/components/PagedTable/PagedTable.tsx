import { Typography, makeStyles } from '@material-ui/core';
import { Table, TableColumn } from '@backstage/core-components';
import { PpPage } from '@internal/plugin-pp-common';

const useStyles = makeStyles(theme => ({
  empty: { padding: theme.spacing(2) },
}));

/** @internal */
export interface PagedTableProps<T extends object> {
  title: string;
  columns: TableColumn<T>[];
  /** The current server page (kept while the next one loads). */
  page: PpPage<T> | undefined;
  loading: boolean;
  pageIndex: number;
  pageSize: number;
  pageSizeOptions?: number[];
  onPageChange: (pageIndex: number) => void;
  /** A new page size; the caller goes back to the first page. */
  onPageSizeChange: (pageSize: number) => void;
  emptyText: string;
}

/** A server-paged, dense table (no client-side search or sorting) with an empty-state text. */
export function PagedTable<T extends object>(props: PagedTableProps<T>) {
  const classes = useStyles();
  const { page, pageSize } = props;
  return (
    <Table<T>
      title={props.title}
      columns={props.columns}
      data={page?.items ?? []}
      isLoading={props.loading}
      page={props.pageIndex}
      totalCount={page?.total_count ?? 0}
      onPageChange={props.onPageChange}
      onRowsPerPageChange={props.onPageSizeChange}
      options={{
        paging: true,
        pageSize,
        pageSizeOptions: props.pageSizeOptions ?? [10, 25, 50, 100],
        search: false,
        sorting: false,
        padding: 'dense',
        emptyRowsWhenPaging: false,
      }}
      emptyContent={
        <Typography
          color="textSecondary"
          align="center"
          className={classes.empty}
        >
          {props.emptyText}
        </Typography>
      }
    />
  );
}

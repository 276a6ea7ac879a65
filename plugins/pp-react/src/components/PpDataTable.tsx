import { ReactNode } from 'react';
import {
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableRowProps,
} from '@material-ui/core';

/**
 * One column of a {@link PpDataTable}.
 *
 * @public
 */
export interface PpDataTableColumn<T> {
  /** The column header. */
  title: ReactNode;
  /** The column's cell in one row. */
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** A class of the column's cells (not of its header). */
  className?: string;
  /** A tooltip of the cell (its `title` attribute). */
  cellTitle?: (row: T) => string | undefined;
  /** Leaves the column out (e.g. the agent column on the agent's own tab). */
  hidden?: boolean;
}

/**
 * What a {@link PpDataTable} row may carry besides its cells: a test id, a click handler, ….
 *
 * @public
 */
export type PpDataTableRowProps = TableRowProps & { 'data-testid'?: string };

/**
 * Props of {@link PpDataTable}.
 *
 * @public
 */
export interface PpDataTableProps<T> {
  /** The table's accessible name. */
  label: string;
  columns: ReadonlyArray<PpDataTableColumn<T>>;
  rows: ReadonlyArray<T>;
  rowKey: (row: T) => string;
  /** Attributes and handlers of a row (a test id, "selected", a click). */
  rowProps?: (row: T) => PpDataTableRowProps;
  /** An outlined paper (a table inside a card or a dialog) instead of a raised one. */
  outlined?: boolean;
}

/**
 * The PP list table: a small Material UI table on a paper, one header row and a row per item,
 * its columns described once (header, cell, alignment, class).
 *
 * @public
 */
export function PpDataTable<T>(props: PpDataTableProps<T>) {
  const { label, rows, rowKey, rowProps, outlined = false } = props;
  const columns = props.columns.filter(c => !c.hidden);
  return (
    <TableContainer
      component={Paper}
      variant={outlined ? 'outlined' : 'elevation'}
    >
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map((c, i) => (
              <TableCell key={i} align={c.align}>
                {c.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c, i) => (
                <TableCell
                  key={i}
                  align={c.align}
                  className={c.className}
                  title={c.cellTitle?.(row)}
                >
                  {c.render(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

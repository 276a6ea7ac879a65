import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PpDataTable, PpDataTableColumn } from './PpDataTable';

interface Row {
  id: string;
  name: string;
  count: number;
}

const rows: Row[] = [
  { id: 'a', name: 'Alpha', count: 3 },
  { id: 'b', name: 'Beta', count: 12 },
];

const columns = (hideCount: boolean): PpDataTableColumn<Row>[] => [
  { title: 'Name', render: r => r.name, cellTitle: r => `Row ${r.id}` },
  {
    title: 'Count',
    align: 'right',
    hidden: hideCount,
    className: 'count-cell',
    render: r => r.count,
  },
];

describe('PpDataTable', () => {
  it('renders a named table: the headers, then a row per item with its cells', () => {
    render(
      <PpDataTable
        label="Things"
        columns={columns(false)}
        rows={rows}
        rowKey={r => r.id}
        rowProps={() => ({ 'data-testid': 'thing-row' })}
      />,
    );
    const table = screen.getByRole('table', { name: 'Things' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Name', 'Count']);
    const thingRows = screen.getAllByTestId('thing-row');
    expect(thingRows).toHaveLength(2);
    const cells = within(thingRows[1]).getAllByRole('cell');
    expect(cells.map(c => c.textContent)).toEqual(['Beta', '12']);
    expect(cells[0]).toHaveAttribute('title', 'Row b');
    expect(cells[1]).toHaveClass('count-cell');
    expect(cells[1]).toHaveClass('MuiTableCell-alignRight');
  });

  it('leaves hidden columns out and passes row handlers on', async () => {
    const user = userEvent.setup({ delay: null });
    const clicked: string[] = [];
    render(
      <PpDataTable
        outlined
        label="Things"
        columns={columns(true)}
        rows={rows}
        rowKey={r => r.id}
        rowProps={r => ({
          onClick: () => clicked.push(r.id),
          'aria-label': `Thing ${r.name}`,
        })}
      />,
    );
    expect(screen.queryByRole('columnheader', { name: 'Count' })).toBeNull();
    await user.click(screen.getByRole('row', { name: 'Thing Alpha' }));
    expect(clicked).toEqual(['a']);
  });
});

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PpPagedTable, PpPagedTableList } from './PpPagedTable';

const list = (
  overrides: Partial<PpPagedTableList<string>> = {},
): PpPagedTableList<string> => ({
  items: ['Alpha', 'Beta'],
  loading: false,
  loadingMore: false,
  hasMore: true,
  loadMore: jest.fn(),
  ...overrides,
});

const table = {
  label: 'Things',
  columns: [{ title: 'Name', render: (s: string) => s }],
  rowKey: (s: string) => s,
  emptyTitle: 'No things',
  emptyDescription: 'Nothing matches these filters.',
};

describe('PpPagedTable', () => {
  it('shows the items loaded so far, the count and "Load more"', async () => {
    const user = userEvent.setup({ delay: null });
    const things = list();
    await renderInTestApp(<PpPagedTable list={things} total={7} {...table} />);
    expect(
      await screen.findByRole('table', { name: 'Things' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Beta' })).toBeInTheDocument();
    expect(screen.getByText('Showing 2 of 7')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(things.loadMore).toHaveBeenCalledTimes(1);
  });

  it('shows the empty state, and no table, when nothing matches', async () => {
    await renderInTestApp(
      <PpPagedTable list={list({ items: [], hasMore: false })} {...table} />,
    );
    expect(await screen.findByText('No things')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByText(/Showing/)).toBeNull();
  });

  it('shows no table while the first page loads', async () => {
    await renderInTestApp(
      <>
        <span>page</span>
        <PpPagedTable list={list({ loading: true })} {...table} />
      </>,
    );
    expect(await screen.findByText('page')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

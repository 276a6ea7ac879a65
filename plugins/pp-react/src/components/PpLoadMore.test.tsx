import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PpLoadMore } from './PpLoadMore';

describe('PpLoadMore', () => {
  it('says how many are shown of how many, and loads more on a click', async () => {
    const user = userEvent.setup({ delay: null });
    const onLoadMore = jest.fn();
    render(
      <PpLoadMore
        shown={25}
        total={40}
        hasMore
        loading={false}
        onLoadMore={onLoadMore}
      />,
    );
    expect(screen.getByText('Showing 25 of 40')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(onLoadMore).toHaveBeenCalledTimes(1);
  });

  it('shows the count alone without a total, and no button on the last page', () => {
    render(
      <PpLoadMore
        shown={3}
        hasMore={false}
        loading={false}
        onLoadMore={() => {}}
      />,
    );
    expect(screen.getByText('Showing 3')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('disables the button while the next page loads', () => {
    render(<PpLoadMore shown={25} hasMore loading onLoadMore={() => {}} />);
    expect(screen.getByRole('button', { name: 'Loading…' })).toBeDisabled();
  });
});

import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PpListState } from './PpListState';

const texts = {
  emptyTitle: 'No things',
  emptyDescription: 'Nothing matches these filters.',
};

describe('PpListState', () => {
  it('shows the empty state when the list loaded nothing', async () => {
    await renderInTestApp(<PpListState loading={false} empty {...texts} />);
    expect(await screen.findByText('No things')).toBeInTheDocument();
    expect(
      screen.getByText('Nothing matches these filters.'),
    ).toBeInTheDocument();
  });

  it('shows the error as a sentence, and no empty state with it', async () => {
    await renderInTestApp(
      <PpListState
        loading={false}
        empty
        error="The server is down."
        {...texts}
      />,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The server is down.',
    );
    expect(screen.queryByText('No things')).toBeNull();
  });

  it('shows neither while loading', async () => {
    await renderInTestApp(
      <>
        <span>page</span>
        <PpListState loading empty {...texts} />
      </>,
    );
    expect(await screen.findByText('page')).toBeInTheDocument();
    expect(screen.queryByText('No things')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PpHomeListCard } from './PpHomeListCard';

const more = { title: 'Open the queue', to: '/pp/helpdesk' };

describe('PpHomeListCard', () => {
  it('shows the rows with a summary, and the link to the page', async () => {
    await renderInTestApp(
      <PpHomeListCard
        state={{ loading: false }}
        what="the tickets"
        label="Tickets"
        summary="Two tickets need you."
        rows={[
          {
            key: 'a',
            primary: 'TKT-000001 · Payments fail',
            secondary: 'Critical',
          },
          { key: 'b', primary: 'TKT-000002 · Export', secondary: 'Low' },
        ]}
        empty="Nothing to do."
        more={more}
      />,
    );
    expect(screen.getByText('Two tickets need you.')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Tickets' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByText('Critical')).toBeInTheDocument();
    expect(screen.queryByText('Nothing to do.')).toBeNull();
    expect(
      screen.getByRole('link', { name: 'Open the queue' }),
    ).toHaveAttribute('href', '/pp/helpdesk');
  });

  it('says when there is nothing (no summary then), shows errors as sentences, spins while loading', async () => {
    const { unmount } = await renderInTestApp(
      <PpHomeListCard
        state={{ loading: false }}
        what="the tickets"
        summary="0 tickets need you."
        rows={[]}
        empty="Nothing to do."
        more={more}
      />,
    );
    expect(screen.getByText('Nothing to do.')).toBeInTheDocument();
    expect(screen.queryByText('0 tickets need you.')).toBeNull();
    unmount();

    const failed = await renderInTestApp(
      <PpHomeListCard
        state={{ loading: false, error: new Error('The helpdesk is down') }}
        what="the tickets"
        rows={[]}
        empty="Nothing to do."
        more={more}
      />,
    );
    expect(
      screen.getByText(/Could not load the tickets: The helpdesk is down/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
    failed.unmount();

    await renderInTestApp(
      <PpHomeListCard
        state={{ loading: true }}
        what="the tickets"
        rows={[]}
        empty="Nothing to do."
        more={more}
      />,
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});

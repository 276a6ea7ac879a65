import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PpTicketTimelineEntry } from '@internal/plugin-pp-common';
import { TicketTimeline } from './TicketTimeline';

const hari = { id: '77f95004-aaaa', name: 'Hari Helpdesk', email: null };

const change = (
  id: string,
  field: string,
  old_value: string | null,
  new_value: string | null,
): PpTicketTimelineEntry => ({
  kind: 'change',
  id,
  at: '2026-01-01T10:00:00Z',
  actor: hari,
  field,
  old_value,
  new_value,
});

describe('TicketTimeline', () => {
  it('tells changes in words: names, role titles and durations, never ids or keys', async () => {
    await renderInTestApp(
      <TicketTimeline
        entries={[
          change('1', 'assignee', null, 'Hari Helpdesk (77f95004-aaaa)'),
          change('2', 'escalated_to', null, 'infrastructure_engineer'),
          change('3', 'paused_seconds', '0', '3725'),
          change('4', 'status', 'open', 'in_progress'),
          change('5', 'entity_ref', null, 'component:default/payment-service'),
        ]}
      />,
    );
    expect(
      screen.getByText('Assignee: none → Hari Helpdesk'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Escalated to: none → Infrastructure engineers'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Time on hold: none → 1 h 2 min'),
    ).toBeInTheDocument();
    expect(screen.getByText('Status: Open → In progress')).toBeInTheDocument();
    expect(
      screen.getByText('Service: none → payment-service'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/77f95004/)).not.toBeInTheDocument();
    expect(screen.queryByText(/_/)).not.toBeInTheDocument();
  });

  it('sets comments apart from recorded changes', async () => {
    await renderInTestApp(
      <TicketTimeline
        entries={[
          change('1', 'status', 'open', 'in_progress'),
          {
            kind: 'comment',
            id: 'c1',
            at: '2026-01-01T10:05:00Z',
            actor: hari,
            body: 'Rebooted the printer.',
          },
        ]}
      />,
    );
    const comment = screen.getByRole('listitem', { name: 'Comment' });
    expect(
      within(comment).getByText('Rebooted the printer.'),
    ).toBeInTheDocument();
    expect(
      within(comment).getByText(/^Hari Helpdesk commented · /),
    ).toBeInTheDocument();
    const changeItem = screen.getByRole('listitem', { name: 'Change' });
    expect(within(changeItem).queryByText(/commented/)).not.toBeInTheDocument();
  });

  it('says when nothing has happened', async () => {
    await renderInTestApp(<TicketTimeline entries={[]} />);
    expect(screen.getByText('Nothing has happened yet.')).toBeInTheDocument();
  });
});

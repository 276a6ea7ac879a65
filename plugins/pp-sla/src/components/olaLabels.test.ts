import {
  clockTimeText,
  commitmentText,
  escalationText,
  eventsText,
  formatDuration,
  liveClockState,
  ticketScopeText,
} from './olaLabels';

const at = (iso: string) => Date.parse(iso);

describe('OLA words', () => {
  it.each([
    [0.4, 'less than 1 min'],
    [15, '15 min'],
    [240, '4 h'],
    [150, '2 h 30 min'],
    [1440, '24 h'],
    [2160, '36 h'],
    [2880, '2 days'],
    [20160, '14 days'],
  ])('formatDuration(%p) is %p', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });

  it('says the commitment, the events and the escalation path in sentences', () => {
    expect(
      commitmentText({
        stop_event: 'handoff_accepted',
        commitment_minutes: 1440,
      }),
    ).toBe('Accept the handoff within 24 h');
    expect(
      commitmentText({
        stop_event: 'ticket_first_response',
        commitment_minutes: 15,
      }),
    ).toBe('Respond to the ticket within 15 min');
    expect(
      eventsText({
        start_event: 'handoff_submitted',
        stop_event: 'handoff_accepted',
      }),
    ).toBe('Handoff submitted → handoff accepted');
    expect(
      escalationText({
        escalation_path: ['On-call engineer', 'Team lead'],
        provider_team: 'Infrastructure',
      }),
    ).toBe('On-call engineer → Team lead');
    expect(
      escalationText({ escalation_path: [], provider_team: 'Infrastructure' }),
    ).toBe('The on-call engineers of Infrastructure');
    expect(
      ticketScopeText({
        start_event: 'ticket_created',
        ticket_priority: 'high',
      }),
    ).toBe('High-priority tickets only');
    expect(
      ticketScopeText({ start_event: 'ticket_created', ticket_priority: null }),
    ).toBe('Tickets of every priority');
    expect(
      ticketScopeText({
        start_event: 'handoff_submitted',
        ticket_priority: null,
      }),
    ).toBeUndefined();
  });

  it('counts a running clock down to its deadline and up after it', () => {
    const running = {
      deadline: '2026-12-03T12:14:30.000Z',
      stopped_at: null,
      elapsed_minutes: 0,
    };
    expect(clockTimeText(running, at('2026-12-03T10:00:00.000Z'))).toBe(
      '2 h 14 min left',
    );
    expect(clockTimeText(running, at('2026-12-03T12:14:00.000Z'))).toBe(
      'less than 1 min left',
    );
    expect(clockTimeText(running, at('2026-12-03T12:26:30.000Z'))).toBe(
      'overdue by 12 min',
    );
  });

  it('says how long a stopped clock took, and how late', () => {
    const started = {
      deadline: '2026-12-04T08:00:00.000Z',
      elapsed_minutes: 190,
      stopped_at: '2026-12-03T11:10:00.000Z',
    };
    expect(clockTimeText(started, 0)).toBe('Took 3 h 10 min');
    expect(
      clockTimeText(
        {
          ...started,
          stopped_at: '2026-12-04T10:00:00.000Z',
          elapsed_minutes: 1560,
        },
        0,
      ),
    ).toBe('Took 26 h, 2 h late');
  });

  it('a running clock is breached from its deadline on', () => {
    const c = {
      state: 'running' as const,
      deadline: '2026-12-03T12:00:00.000Z',
      stopped_at: null,
    };
    expect(liveClockState(c, at('2026-12-03T11:59:59.000Z'))).toBe('running');
    expect(liveClockState(c, at('2026-12-03T12:00:00.000Z'))).toBe('breached');
    expect(
      liveClockState({ ...c, state: 'met' }, at('2026-12-03T13:00:00.000Z')),
    ).toBe('met');
  });
});

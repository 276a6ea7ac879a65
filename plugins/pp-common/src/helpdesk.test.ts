import {
  PP_TICKET_SLA_DEFAULTS,
  PP_TICKET_STATUSES,
  PP_TICKET_TRANSITIONS,
  ppIsTicketTransitionAllowed,
  ppTicketTransitionsFrom,
} from './helpdesk';

describe('ticket lifecycle', () => {
  it("allows the spec's path open → in_progress → [on_hold | escalated] → resolved → closed", () => {
    const path = [
      ['open', 'in_progress'],
      ['in_progress', 'on_hold'],
      ['in_progress', 'escalated'],
      ['on_hold', 'resolved'],
      ['escalated', 'resolved'],
      ['resolved', 'closed'],
    ] as const;
    for (const [from, to] of path) {
      expect(ppIsTicketTransitionAllowed(from, to)).toBe(true);
    }
  });

  it('goes back to in_progress from on_hold and escalated, reopens resolved, and ends at closed', () => {
    expect(ppIsTicketTransitionAllowed('on_hold', 'in_progress')).toBe(true);
    expect(ppIsTicketTransitionAllowed('escalated', 'in_progress')).toBe(true);
    expect(ppIsTicketTransitionAllowed('resolved', 'in_progress')).toBe(true);
    expect(ppTicketTransitionsFrom('closed')).toEqual([]);
    expect(ppIsTicketTransitionAllowed('open', 'closed')).toBe(false);
    expect(ppIsTicketTransitionAllowed('in_progress', 'closed')).toBe(false);
  });

  it('only names known statuses and never a move to the same status', () => {
    for (const from of PP_TICKET_STATUSES) {
      for (const to of PP_TICKET_TRANSITIONS[from]) {
        expect(PP_TICKET_STATUSES).toContain(to);
        expect(to).not.toBe(from);
      }
    }
  });
});

describe('SLA defaults', () => {
  it('are the spec table', () => {
    expect(PP_TICKET_SLA_DEFAULTS).toEqual({
      critical: {
        response_minutes: 15,
        resolution_minutes: 240,
        escalation_path: 'infrastructure_engineer',
      },
      high: {
        response_minutes: 120,
        resolution_minutes: 1440,
        escalation_path: 'infrastructure_engineer',
      },
      medium: {
        response_minutes: 480,
        resolution_minutes: 4320,
        escalation_path: 'team_lead',
      },
      low: {
        response_minutes: 1440,
        resolution_minutes: 10080,
        escalation_path: 'team_lead',
      },
    });
  });
});

import { PpTicketListItem } from '@internal/plugin-pp-common';
import { makeTicket } from '../__testUtils__/mocks';
import { formatDuration, slaClock, slaCountdown } from './sla';

// The queue's fixture: created 10:00Z, medium priority, response target 8 h, due 18:00Z.
const created = Date.parse('2025-01-01T10:00:00.000Z');
const at = (hh: number, mm = 0) => created + ((hh - 10) * 60 + mm) * 60_000;

function ticket(overrides: Partial<PpTicketListItem> = {}) {
  return makeTicket({ key: 'TKT-000001', ...overrides });
}

describe('slaCountdown', () => {
  it('is green while more than half of the response target is left', () => {
    const c = slaCountdown(ticket(), at(13, 59)); // 4 h 01 m of 8 h left
    expect(c.tone).toBe('ok');
    expect(c.phase).toBe('response');
    expect(c.remainingMs).toBe((4 * 60 + 1) * 60_000);
    expect(c.label).toBe('4h 01m left');
  });

  it('turns amber at half the target and red at the deadline', () => {
    expect(slaCountdown(ticket(), at(14)).tone).toBe('warning'); // exactly half left
    expect(slaCountdown(ticket(), at(17, 59)).tone).toBe('warning');
    const breached = slaCountdown(ticket(), at(18, 5));
    expect(breached.tone).toBe('breached');
    expect(breached.fractionLeft).toBe(0);
    expect(breached.label).toBe('Breached 5m 00s ago');
  });

  it('measures against the resolution target once someone responded', () => {
    const base = ticket();
    const responded = ticket({
      status: 'in_progress',
      sla: {
        ...base.sla,
        first_response_at: '2025-01-01T10:10:00.000Z',
        due_at: '2025-01-04T10:00:00.000Z', // 72 h after creation
      },
    });
    // 40 h left of 72 h: green; 30 h left: amber.
    expect(slaCountdown(responded, at(10) + 32 * 3_600_000)).toMatchObject({
      tone: 'ok',
      phase: 'resolution',
      label: '1d 16h left',
    });
    expect(slaCountdown(responded, at(10) + 42 * 3_600_000).tone).toBe(
      'warning',
    );
  });

  it('shows the clock paused, with what was left when it stopped, while on hold', () => {
    const base = ticket();
    const held = ticket({
      status: 'on_hold',
      sla: { ...base.sla, paused_since: '2025-01-01T16:00:00.000Z' },
    });
    // However late it is now, the frozen remainder is the 2 h that were left at 16:00.
    const c = slaCountdown(held, at(23));
    expect(c.tone).toBe('paused');
    expect(c.remainingMs).toBe(2 * 3_600_000);
    expect(c.label).toBe('Paused (2h 00m left)');
  });

  it('stops counting once resolved or closed and says whether the SLA was met', () => {
    const base = ticket();
    expect(
      slaCountdown(
        ticket({ status: 'resolved', sla: { ...base.sla, due_at: null } }),
        at(12),
      ),
    ).toMatchObject({ tone: 'done', label: 'SLA met', remainingMs: null });
    expect(
      slaCountdown(
        ticket({
          status: 'closed',
          sla: { ...base.sla, due_at: null, resolution_state: 'missed' },
        }),
        at(12),
      ).label,
    ).toBe('SLA missed');
  });
});

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(9_000)).toBe('0m 09s');
    expect(formatDuration(-(4 * 60 + 9) * 1000)).toBe('4m 09s');
    expect(formatDuration((2 * 60 + 5) * 60_000)).toBe('2h 05m');
    expect(formatDuration((26 * 60 + 59) * 60_000)).toBe('1d 2h');
  });
});

describe('slaClock', () => {
  const clockTicket = (
    overrides: Partial<PpTicketListItem['sla']> = {},
    status: PpTicketListItem['status'] = 'in_progress',
  ) => {
    const base = makeTicket({ key: 'TKT-1', status });
    return { status, sla: { ...base.sla, ...overrides } };
  };
  const iso = (text: string) => Date.parse(text);

  it('runs both clocks before the first response', () => {
    const t = clockTicket();
    expect(slaClock(t, 'response', iso('2025-01-01T14:00:00Z')).label).toBe(
      '4h 00m left',
    );
    expect(slaClock(t, 'resolution', iso('2025-01-01T14:00:00Z')).label).toBe(
      '2d 20h left',
    );
  });

  it('stops the response clock at the first response: met or missed', () => {
    const met = clockTicket({ first_response_at: '2025-01-01T11:00:00Z' });
    expect(
      slaClock(met, 'response', iso('2025-01-02T00:00:00Z')),
    ).toMatchObject({ tone: 'done', label: 'Met' });
    const late = clockTicket({ first_response_at: '2025-01-01T19:00:00Z' });
    expect(slaClock(late, 'response', iso('2025-01-02T00:00:00Z')).label).toBe(
      'Missed',
    );
    expect(slaClock(late, 'resolution', iso('2025-01-02T00:00:00Z')).tone).toBe(
      'ok',
    );
  });

  it('stops the resolution clock when resolved, with the server state', () => {
    const t = clockTicket(
      {
        first_response_at: '2025-01-01T11:00:00Z',
        due_at: null,
        resolution_state: 'missed',
      },
      'resolved',
    );
    expect(slaClock(t, 'resolution', iso('2025-01-05T00:00:00Z')).label).toBe(
      'Missed',
    );
  });

  it('stands still on hold', () => {
    const t = clockTicket({ paused_since: '2025-01-01T16:00:00Z' }, 'on_hold');
    expect(slaClock(t, 'response', iso('2025-01-01T20:00:00Z'))).toMatchObject({
      tone: 'paused',
      label: 'Paused (2h 00m left)',
    });
  });
});

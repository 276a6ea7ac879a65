import { slaColour } from './slaColour';

describe('slaColour', () => {
  // An 8-hour response target: created 10:00, due 18:00.
  const started = '2025-01-01T10:00:00.000Z';
  const due = '2025-01-01T18:00:00.000Z';
  const at = (time: string) => new Date(`2025-01-01T${time}.000Z`);

  it('is green while more than half of the time is left', () => {
    expect(slaColour(due, started, at('10:00:00'), false)).toBe('green');
    expect(slaColour(due, started, at('13:59:59'), false)).toBe('green');
  });

  it('turns amber at half the time left and stays amber until due', () => {
    expect(slaColour(due, started, at('14:00:00'), false)).toBe('amber');
    expect(slaColour(due, started, at('17:59:59'), false)).toBe('amber');
  });

  it('is red from the due time on', () => {
    expect(slaColour(due, started, at('18:00:00'), false)).toBe('red');
    expect(slaColour(due, started, at('23:00:00'), false)).toBe('red');
  });

  it('is paused while on hold, whatever the clock says', () => {
    expect(slaColour(due, started, at('23:00:00'), true)).toBe('paused');
    expect(slaColour(due, started, at('11:00:00'), true)).toBe('paused');
  });

  it('accepts epoch milliseconds and treats a zero-length target as breached', () => {
    const start = Date.parse(started);
    expect(slaColour(start + 1000, start, start + 400, false)).toBe('green');
    expect(slaColour(start + 1000, start, start + 600, false)).toBe('amber');
    expect(slaColour(start, start, start - 1, false)).toBe('red');
  });
});

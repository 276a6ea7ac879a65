import { render, screen } from '@testing-library/react';
import { RoleChips } from './RoleChips';
import { formatCountdown } from '../../util/format';

describe('RoleChips', () => {
  it('shows the countdown next to a time-bound role, nothing next to a permanent one', () => {
    const now = Date.now();
    render(
      <RoleChips
        name="Ann"
        roles={['helpdesk_agent', 'viewer']}
        expiries={{
          helpdesk_agent: new Date(now + 3 * 3600_000 - 5_000).toISOString(),
        }}
      />,
    );
    expect(
      screen.getByText('Helpdesk Agent · expires in 3 h'),
    ).toBeInTheDocument();
    expect(screen.getByText('Viewer')).toBeInTheDocument();
  });
});

describe('formatCountdown', () => {
  const now = Date.parse('2026-12-02T10:00:00Z');
  const at = (ms: number) => new Date(now + ms).toISOString();
  it('counts minutes, hours and days, then says expired', () => {
    expect(formatCountdown(at(25 * 60_000), now)).toBe('expires in 25 min');
    expect(formatCountdown(at(30_000), now)).toBe('expires in 1 min');
    expect(formatCountdown(at(3 * 3600_000), now)).toBe('expires in 3 h');
    expect(formatCountdown(at(47 * 3600_000), now)).toBe('expires in 47 h');
    expect(formatCountdown(at(5 * 24 * 3600_000), now)).toBe('expires in 5 d');
    expect(formatCountdown(at(0), now)).toBe('expired');
    expect(formatCountdown(at(-60_000), now)).toBe('expired');
  });
});

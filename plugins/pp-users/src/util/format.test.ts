import { formatRelative, roleTitle } from './format';

describe('format', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('formats times relative to now', () => {
    expect(formatRelative('2025-06-01T09:00:00Z', 'Never', now)).toBe(
      '3 hours ago',
    );
    expect(formatRelative('2025-05-31T12:00:00Z', 'Never', now)).toBe(
      'yesterday',
    );
    expect(formatRelative('2025-06-01T11:59:50Z', 'Never', now)).toBe(
      'just now',
    );
    expect(formatRelative('2025-06-11T12:00:00Z', 'Never', now)).toBe(
      'next week',
    );
    expect(formatRelative(null)).toBe('Never');
  });

  it('titles roles', () => {
    expect(roleTitle('infrastructure_engineer')).toBe(
      'Infrastructure Engineer',
    );
    expect(roleTitle('ghost')).toBe('ghost');
  });
});

import { formatDateTime } from './formatDateTime';

describe('formatDateTime', () => {
  it('writes a date-time in the reader’s locale, a dash for none', () => {
    const iso = '2026-12-02T10:00:00.000Z';
    expect(formatDateTime(iso)).toBe(new Date(iso).toLocaleString());
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('')).toBe('—');
  });

  it('gives back text that is not a date as it is', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});

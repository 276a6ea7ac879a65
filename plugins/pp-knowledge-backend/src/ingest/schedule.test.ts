import { isValidTimeZone, nextRunAt, zonedTimeToInstant } from './schedule';
import type { ScheduleSpec } from './types';

const IST: ScheduleSpec = {
  frequency: 'daily',
  time: '02:00',
  time_zone: 'Asia/Kolkata',
};

describe('nextRunAt', () => {
  it.each<[string, ScheduleSpec, string, string]>([
    // the default: 02:00 IST is 20:30 UTC the day before
    [
      'default daily, before',
      IST,
      '2026-12-04T10:00:00Z',
      '2026-12-04T20:30:00.000Z',
    ],
    [
      'default daily, exactly at → next day',
      IST,
      '2026-12-04T20:30:00Z',
      '2026-12-05T20:30:00.000Z',
    ],
    [
      'default daily, just after',
      IST,
      '2026-12-04T20:30:01Z',
      '2026-12-05T20:30:00.000Z',
    ],
    [
      'daily UTC',
      { frequency: 'daily', time: '00:00', time_zone: 'UTC' },
      '2026-12-31T23:59:00Z',
      '2027-01-01T00:00:00.000Z',
    ],
    [
      'daily, month end',
      { ...IST, time: '23:59' },
      '2027-02-28T18:29:00Z',
      '2027-03-01T18:29:00.000Z',
    ],
    // weekly: default Monday
    [
      'weekly default Monday',
      { ...IST, frequency: 'weekly' },
      '2026-12-04T00:00:00Z',
      '2026-12-06T20:30:00.000Z',
    ], // Fri → Mon 02:00 IST = Sun 20:30Z
    [
      'weekly Sunday',
      { ...IST, frequency: 'weekly', weekday: 0 },
      '2026-12-04T00:00:00Z',
      '2026-12-05T20:30:00.000Z',
    ],
    [
      'weekly same weekday, later today',
      { frequency: 'weekly', time: '18:00', time_zone: 'UTC', weekday: 5 },
      '2026-12-04T10:00:00Z',
      '2026-12-04T18:00:00.000Z',
    ],
    [
      'weekly same weekday, passed → a week on',
      { frequency: 'weekly', time: '09:00', time_zone: 'UTC', weekday: 5 },
      '2026-12-04T10:00:00Z',
      '2026-12-11T09:00:00.000Z',
    ],
    // hourly: the local minute past each hour
    [
      'hourly UTC',
      { frequency: 'hourly', time: '00:15', time_zone: 'UTC' },
      '2026-12-04T10:20:00Z',
      '2026-12-04T11:15:00.000Z',
    ],
    [
      'hourly IST :00 is :30 UTC',
      { ...IST, frequency: 'hourly' },
      '2026-12-04T10:20:00Z',
      '2026-12-04T10:30:00.000Z',
    ],
    [
      'hourly IST exactly at',
      { ...IST, frequency: 'hourly' },
      '2026-12-04T10:30:00Z',
      '2026-12-04T11:30:00.000Z',
    ],
    [
      'hourly Nepal (+05:45)',
      { frequency: 'hourly', time: '09:00', time_zone: 'Asia/Kathmandu' },
      '2026-12-04T10:00:00Z',
      '2026-12-04T10:15:00.000Z',
    ],
    // DST, Europe/Berlin: spring forward 2027-03-28 02:00 → 03:00; fall back 2027-10-31 03:00 → 02:00
    [
      'Berlin before spring forward (CET)',
      { frequency: 'daily', time: '09:00', time_zone: 'Europe/Berlin' },
      '2027-03-27T12:00:00Z',
      '2027-03-28T07:00:00.000Z',
    ],
    [
      'Berlin in the gap → shifted forward',
      { frequency: 'daily', time: '02:30', time_zone: 'Europe/Berlin' },
      '2027-03-27T12:00:00Z',
      '2027-03-28T01:30:00.000Z',
    ],
    [
      'Berlin the day after the gap',
      { frequency: 'daily', time: '02:30', time_zone: 'Europe/Berlin' },
      '2027-03-28T01:30:00Z',
      '2027-03-29T00:30:00.000Z',
    ],
    [
      'Berlin repeated hour → the first',
      { frequency: 'daily', time: '02:30', time_zone: 'Europe/Berlin' },
      '2027-10-30T12:00:00Z',
      '2027-10-31T00:30:00.000Z',
    ],
    [
      'Berlin repeated hour, after the first → next day',
      { frequency: 'daily', time: '02:30', time_zone: 'Europe/Berlin' },
      '2027-10-31T00:30:00Z',
      '2027-11-01T01:30:00.000Z',
    ],
    // New York: spring forward 2027-03-14 02:00 → 03:00
    [
      'New York gap 02:30 → 03:30 EDT',
      { frequency: 'daily', time: '02:30', time_zone: 'America/New_York' },
      '2027-03-13T12:00:00Z',
      '2027-03-14T07:30:00.000Z',
    ],
    [
      'New York after DST (EDT)',
      { frequency: 'daily', time: '02:00', time_zone: 'America/New_York' },
      '2027-03-20T12:00:00Z',
      '2027-03-21T06:00:00.000Z',
    ],
    // hourly across the fall-back: both copies of 02:xx run
    [
      'Berlin hourly, first 02:15',
      { frequency: 'hourly', time: '00:15', time_zone: 'Europe/Berlin' },
      '2027-10-31T00:00:00Z',
      '2027-10-31T00:15:00.000Z',
    ],
    [
      'Berlin hourly, second 02:15',
      { frequency: 'hourly', time: '00:15', time_zone: 'Europe/Berlin' },
      '2027-10-31T00:15:00Z',
      '2027-10-31T01:15:00.000Z',
    ],
    // a zone behind UTC: the local day is still yesterday
    [
      'Los Angeles evening',
      { frequency: 'daily', time: '20:00', time_zone: 'America/Los_Angeles' },
      '2026-12-05T02:00:00Z',
      '2026-12-05T04:00:00.000Z',
    ],
  ])('%s', (_name, spec, after, expected) => {
    expect(nextRunAt(spec, new Date(after)).toISOString()).toBe(expected);
  });

  it('is always strictly later, and daily runs are a day apart in a zone without DST', () => {
    let t = nextRunAt(IST, new Date('2026-01-01T00:00:00Z'));
    for (let i = 0; i < 400; i++) {
      const next = nextRunAt(IST, t);
      expect(next.getTime() - t.getTime()).toBe(86_400_000);
      t = next;
    }
    const start = new Date('2026-01-01T12:34:56Z');
    expect(nextRunAt(IST, start).getTime()).toBeGreaterThan(start.getTime());
  });

  it('daily runs in Berlin are 23, 24 or 25 hours apart and always at 09:00 local', () => {
    const fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
    });
    let t = nextRunAt(
      { frequency: 'daily', time: '09:00', time_zone: 'Europe/Berlin' },
      new Date('2027-01-01T00:00:00Z'),
    );
    for (let i = 0; i < 365; i++) {
      const next = nextRunAt(
        { frequency: 'daily', time: '09:00', time_zone: 'Europe/Berlin' },
        t,
      );
      expect([23, 24, 25]).toContain(
        (next.getTime() - t.getTime()) / 3_600_000,
      );
      expect(fmt.format(next)).toBe('09:00');
      t = next;
    }
  });

  it.each([
    [
      { ...IST, time_zone: 'Mars/Olympus' },
      /not a time zone this server knows/,
    ],
    [{ ...IST, time: '25:00' }, /not a time of day/],
    [
      { ...IST, frequency: 'weekly', weekday: 7 },
      /0 \(Sunday\) to 6 \(Saturday\)/,
    ],
    [{ ...IST, frequency: 'monthly' }, /hourly, daily or weekly/],
  ] as [ScheduleSpec, RegExp][])('refuses %j', (spec, message) => {
    expect(() => nextRunAt(spec, new Date())).toThrow(message);
  });
});

describe('zonedTimeToInstant', () => {
  it('02:00 on 5 Dec 2026 in Kolkata is 20:30 UTC on the 4th', () => {
    expect(
      zonedTimeToInstant('Asia/Kolkata', {
        year: 2026,
        month: 12,
        day: 5,
        hour: 2,
        minute: 0,
      }).toISOString(),
    ).toBe('2026-12-04T20:30:00.000Z');
  });
  it('knows valid time zones', () => {
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('Nowhere/Land')).toBe(false);
  });
});

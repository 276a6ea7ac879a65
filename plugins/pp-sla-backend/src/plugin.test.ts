import { ConfigReader } from '@backstage/config';
import { complianceSchedule } from './plugin';

describe('complianceSchedule', () => {
  it('runs hourly by default, first after a minute', () => {
    expect(complianceSchedule(new ConfigReader({}))).toEqual({
      frequency: { seconds: 3600 },
      initialDelay: { seconds: 60 },
    });
  });

  it('reads pp.sla.complianceIntervalMinutes', () => {
    expect(
      complianceSchedule(
        new ConfigReader({ pp: { sla: { complianceIntervalMinutes: 15 } } }),
      ).frequency,
    ).toEqual({ seconds: 900 });
  });

  it('prefers pp.sla.complianceIntervalSeconds, and starts within one interval', () => {
    expect(
      complianceSchedule(
        new ConfigReader({
          pp: {
            sla: {
              complianceIntervalMinutes: 60,
              complianceIntervalSeconds: 3,
            },
          },
        }),
      ),
    ).toEqual({ frequency: { seconds: 3 }, initialDelay: { seconds: 3 } });
  });

  it('refuses an interval of 0', () => {
    expect(() =>
      complianceSchedule(
        new ConfigReader({ pp: { sla: { complianceIntervalSeconds: 0 } } }),
      ),
    ).toThrow(/must be more than 0/);
  });
});

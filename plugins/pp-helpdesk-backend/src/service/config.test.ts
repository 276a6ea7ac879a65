import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { helpdeskSettingsFromConfig } from './config';

const withSla = (critical: JsonObject) =>
  new ConfigReader({ pp: { helpdesk: { sla: { critical } } } });

describe('helpdeskSettingsFromConfig', () => {
  it('takes whole-minute SLA targets', () => {
    const settings = helpdeskSettingsFromConfig(
      withSla({ responseMinutes: 1, resolutionMinutes: 2 }),
    );
    expect(settings.sla.critical).toMatchObject({
      response_minutes: 1,
      resolution_minutes: 2,
    });
  });

  // The tickets keep their SLA in integer columns: a fraction used to be accepted here and then
  // failed every ticket of that priority at creation with a 500 (seen in the scale-out test).
  it.each([
    [{ responseMinutes: 0.5, resolutionMinutes: 1 }],
    [{ responseMinutes: 1, resolutionMinutes: 1.5 }],
  ])('refuses fractional minutes at start: %j', critical => {
    expect(() => helpdeskSettingsFromConfig(withSla(critical))).toThrow(
      /pp\.helpdesk\.sla\.critical: .*whole minutes/,
    );
  });

  it('still refuses a resolution target shorter than the response target', () => {
    expect(() =>
      helpdeskSettingsFromConfig(
        withSla({ responseMinutes: 10, resolutionMinutes: 5 }),
      ),
    ).toThrow(/resolutionMinutes >= responseMinutes/);
  });
});

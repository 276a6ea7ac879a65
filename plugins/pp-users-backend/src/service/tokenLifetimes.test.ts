import { mockServices } from '@backstage/backend-test-utils';
import { apiTokenLifetimes } from './router';

const config = (apiTokens?: object) =>
  mockServices.rootConfig({ data: { pp: { auth: { apiTokens } } } });

describe('apiTokenLifetimes', () => {
  it('defaults to 90 days, at most 365', () => {
    expect(apiTokenLifetimes(config())).toEqual({
      defaultDays: 90,
      maxDays: 365,
    });
  });

  it('reads pp.auth.apiTokens and refuses settings that make no sense', () => {
    expect(
      apiTokenLifetimes(
        config({ defaultLifetimeDays: 7, maxLifetimeDays: 30 }),
      ),
    ).toEqual({ defaultDays: 7, maxDays: 30 });
    expect(() =>
      apiTokenLifetimes(config({ defaultLifetimeDays: 400 })),
    ).toThrow(/defaultLifetimeDays \(400\) exceeds maxLifetimeDays \(365\)/);
    expect(() => apiTokenLifetimes(config({ maxLifetimeDays: 0 }))).toThrow(
      /maxLifetimeDays must be a whole number/,
    );
    expect(() =>
      apiTokenLifetimes(config({ defaultLifetimeDays: 1.5 })),
    ).toThrow(/defaultLifetimeDays must be a whole number/);
  });
});

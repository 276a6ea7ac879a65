import { mockServices } from '@backstage/backend-test-utils';
import { createPpIdentityService } from '@internal/plugin-pp-node';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { DEMO_USERS, seedDemoUsers } from '../seed/demoUsers';
import {
  assertDevSignInAllowed,
  demoUsersIfEnabled,
  devSignInEnabled,
  devSignInRefusal,
} from './config';
import { devAuthenticator } from './devProvider';

const on = mockServices.rootConfig({
  data: { auth: { providers: { 'pp-dev': { enabled: true } } } },
});
const off = mockServices.rootConfig({ data: {} });
const databases = ppTestDatabases();

describe('the dev sign-in', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it('refuses to start, and to run, with NODE_ENV=production', async () => {
    process.env.NODE_ENV = 'production';
    expect(() => assertDevSignInAllowed(on)).toThrow(
      /dev sign-in .* is on, but NODE_ENV is production: refusing to start/,
    );
    expect(() => assertDevSignInAllowed(off)).not.toThrow();
    expect(devSignInEnabled(on)).toBe(false);
    expect(() =>
      devAuthenticator.initialize({
        config: on.getConfig('auth.providers.pp-dev'),
      } as any),
    ).toThrow(/NODE_ENV=production/);
    const req = {
      header: (name: string) =>
        ({
          'x-pp-dev-user': 'vik.viewer@waooaw.com',
          'x-pp-dev-session': 'a-session-id-0123456789',
        }[name]),
    };
    // Even a provider set up before: every sign-in is refused.
    await expect(
      devAuthenticator.authenticate({ req } as any, { enabled: true }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });

    process.env.NODE_ENV = 'development';
    expect(() => assertDevSignInAllowed(on)).not.toThrow();
    expect(devSignInEnabled(on)).toBe(true);
    await expect(
      devAuthenticator.authenticate({ req } as any, { enabled: true }),
    ).resolves.toMatchObject({
      result: { email: 'vik.viewer@waooaw.com' },
    });
  });

  it('admits the seeded demo people only', async () => {
    const identity = await createPpIdentityService({
      database: await databases.init('SQLITE_3'),
      logger: mockServices.logger.mock(),
      config: off,
    });
    try {
      const { users } = identity;
      // An admin added with a demo person's email before the seed ran is not a demo person.
      await users.createUser(
        {
          email: 'founder@waooaw.com',
          name: 'Real Founder',
          kind: 'user',
          roles: ['admin'],
          entityRef: null,
          status: 'active',
        },
        'user:pp/someone',
      );
      await users.createUser(
        {
          email: 'other.admin@waooaw.com',
          name: 'Other',
          kind: 'user',
          roles: ['admin'],
          entityRef: null,
          status: 'active',
        },
        'pp.auth.bootstrapAdmins',
      );
      await seedDemoUsers(users, mockServices.logger.mock());

      expect(
        await devSignInRefusal('vik.viewer@waooaw.com', users),
      ).toBeUndefined();
      expect(
        await devSignInRefusal(' VIK.viewer@waooaw.com', users),
      ).toBeUndefined();
      expect(await devSignInRefusal('founder@waooaw.com', users)).toMatch(
        /not a seeded demo person/,
      );
      expect(await devSignInRefusal('other.admin@waooaw.com', users)).toMatch(
        /only for the seeded demo people/,
      );
      expect(await devSignInRefusal(undefined, users)).toBeDefined();

      const offered = (await demoUsersIfEnabled(on, users))!.map(u => u.email);
      expect(offered).toEqual(
        DEMO_USERS.map(d => d.email).filter(e => e !== 'founder@waooaw.com'),
      );
      expect(await demoUsersIfEnabled(off, users)).toBeUndefined();
    } finally {
      await identity.close();
    }
  });
});

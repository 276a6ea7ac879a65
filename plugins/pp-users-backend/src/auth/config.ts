import { Config } from '@backstage/config';
import { PpUser } from '@internal/plugin-pp-common';
import { DatabaseIdentityStore } from '@internal/plugin-pp-node';
import { DEMO_SEED_ACTOR, DEMO_USERS } from '../seed/demoUsers';

/**
 * The dev sign-in (pick a demo user) is for the embedded default only. Its one switch is
 * `auth.providers.pp-dev.enabled`: on in app-config.yaml, off in app-config.production.yaml.
 * With NODE_ENV=production it is never on: the backend refuses to start when the switch is on
 * (see assertDevSignInAllowed), and every dev sign-in is refused.
 */
export function devSignInEnabled(config: Config): boolean {
  return (
    (config.getOptionalBoolean('auth.providers.pp-dev.enabled') ?? false) &&
    !isProduction()
  );
}

export function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}

/** Throws at start-up when the dev sign-in is switched on in a production process. */
export function assertDevSignInAllowed(config: Config): void {
  if (
    isProduction() &&
    (config.getOptionalBoolean('auth.providers.pp-dev.enabled') ?? false)
  ) {
    throw new Error(
      'The Platform Portal dev sign-in (auth.providers.pp-dev.enabled) is on, but NODE_ENV is ' +
        'production: refusing to start. It lets anyone sign in as a demo person; turn it off ' +
        '(app-config.production.yaml does) or run outside production.',
    );
  }
}

/**
 * Why the dev sign-in may not act as this person, or undefined when it may: only the seeded demo
 * people (DEMO_USERS, created by the demo seed), never anyone an admin or the bootstrap list added,
 * whatever their email.
 */
export async function devSignInRefusal(
  email: string | undefined,
  users: DatabaseIdentityStore,
): Promise<string | undefined> {
  const normalized = email?.trim().toLocaleLowerCase('en-US');
  const demo = DEMO_USERS.find(d => d.email === normalized);
  if (!normalized || !demo) {
    return 'The dev sign-in is only for the seeded demo people';
  }
  const user = await users.getUserByEmail(normalized);
  if (!user || (await users.getCreatedBy(user.id)) !== DEMO_SEED_ACTOR) {
    return `${normalized} is not a seeded demo person; the dev sign-in is only for them`;
  }
  return undefined;
}

/** The demo people the dev sign-in offers, or undefined when it is off. */
export async function demoUsersIfEnabled(
  config: Config,
  users: DatabaseIdentityStore,
): Promise<
  Array<Pick<PpUser, 'email' | 'name' | 'roles' | 'status'>> | undefined
> {
  if (!devSignInEnabled(config)) return undefined;
  const found: Array<Pick<PpUser, 'email' | 'name' | 'roles' | 'status'>> = [];
  for (const demo of DEMO_USERS) {
    const user = await users.getUserByEmail(demo.email);
    if (user && !(await devSignInRefusal(demo.email, users))) {
      found.push({
        email: user.email,
        name: user.name,
        roles: user.roles,
        status: user.status,
      });
    }
  }
  return found;
}

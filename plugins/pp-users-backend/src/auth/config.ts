import { Config } from '@backstage/config';
import { PpUser } from '@internal/plugin-pp-common';
import { DatabaseIdentityStore } from '@internal/plugin-pp-node';
import { DEMO_USERS } from '../seed/demoUsers';

/**
 * The dev sign-in (pick a demo user) is for the embedded default only. Its one switch is
 * `auth.providers.pp-dev.enabled`: on in app-config.yaml, off in app-config.production.yaml.
 */
export function devSignInEnabled(config: Config): boolean {
  return config.getOptionalBoolean('auth.providers.pp-dev.enabled') ?? false;
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
    if (user) {
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

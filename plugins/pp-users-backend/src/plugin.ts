import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ppPermissions, PP_ROLES } from '@internal/plugin-pp-common';
import {
  createPpSearchIndexRouter,
  DatabaseIdentityStore,
  createPpGuard,
  ppIdentityServiceRef,
  ppApiRegistryServiceRef,
  ppNotifierServiceRef,
} from '@internal/plugin-pp-node';
import { userSearchDocuments } from './search/userSearchDocuments';
import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  ACCESS_EXPIRY_INTERVAL_SECONDS,
  revokeExpiredGrants,
} from './access/expiry';
import { seedDemoUsers } from './seed/demoUsers';
import { createRouter } from './service/router';
import { usersApi } from './service/usersApi';
import { registerUsersActions } from './actions';
import { GoogleDirectory } from './directory/GoogleDirectory';

/**
 * `pp.auth.bootstrapAdmins`: these people exist and are active admins after every start, so a
 * fresh install can be administered.
 */
export async function ensureBootstrapAdmins(
  config: RootConfigService,
  users: DatabaseIdentityStore,
  logger: LoggerService,
): Promise<string[]> {
  const changed: string[] = [];
  for (const raw of config.getOptionalStringArray('pp.auth.bootstrapAdmins') ??
    []) {
    const email = raw.trim().toLocaleLowerCase('en-US');
    let user = await users.getUserByEmail(email);
    if (!user) {
      user = await users.createUser(
        {
          email,
          name: email.split('@')[0],
          kind: 'user',
          roles: ['admin'],
          entityRef: null,
          status: 'active',
        },
        'pp.auth.bootstrapAdmins',
      );
      changed.push(user.id);
      continue;
    }
    const others = user.roles.filter(r => r !== 'admin');
    for (const role of others) {
      await users.revokeRole(
        user.id,
        role,
        'pp.auth.bootstrapAdmins',
        'admin is exclusive',
      );
    }
    if (!user.roles.includes('admin')) {
      await users.assignRole(user.id, 'admin', 'pp.auth.bootstrapAdmins');
    }
    if (user.status !== 'active')
      await users.updateUser(user.id, { status: 'active' });
    if (
      others.length ||
      !user.roles.includes('admin') ||
      user.status !== 'active'
    ) {
      changed.push(user.id);
    }
  }
  if (changed.length) {
    logger.info(
      `Ensured ${changed.length} bootstrap admin(s) (${PP_ROLES.admin.title})`,
    );
  }
  return changed;
}

/**
 * The Platform Portal users plugin: users, roles, role requests, API tokens, audit, and the
 * contract's /auth endpoints.
 *
 * @public
 */
export const ppUsersPlugin = createBackendPlugin({
  pluginId: 'pp-users',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        identity: ppIdentityServiceRef,
        scheduler: coreServices.scheduler,
        notifier: ppNotifierServiceRef,
        apiRegistry: ppApiRegistryServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { httpRouter, permissionsRegistry, config, logger, identity } =
          deps;
        permissionsRegistry.addPermissions([...ppPermissions]);

        const changed = await ensureBootstrapAdmins(
          config,
          identity.users,
          logger,
        );
        for (const id of changed) await identity.accessChanged(id);
        if (config.getOptionalBoolean('pp.demo.enabled')) {
          await seedDemoUsers(identity.users, logger);
        }

        // Time-bound access: revoke grants that ended (one runner at a time across instances).
        await deps.scheduler.scheduleTask({
          id: 'pp-users-access-expiry',
          scope: 'global',
          frequency: { seconds: ACCESS_EXPIRY_INTERVAL_SECONDS },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            await revokeExpiredGrants({
              identity,
              notifier: deps.notifier,
              logger,
            });
          },
        });

        const guard = createPpGuard(deps);
        const api = usersApi(identity);
        const routes = await createRouter({
          identity,
          api,
          guard,
          directory: GoogleDirectory.fromConfig(config),
          config,
          discovery: deps.discovery,
          logger,
        });
        deps.apiRegistry.register(routes);
        httpRouter.use(routes.router);
        // AI agents (MCP): the read commands of the routes above, as actions
        registerUsersActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api,
        });
        // Backstage's search backend indexes people and agents (PP collators in packages/backend).
        httpRouter.use(
          createPpSearchIndexRouter({
            httpAuth: deps.httpAuth,
            indexes: {
              'pp-user': { all: () => userSearchDocuments(identity.users) },
            },
          }),
        );
        // The PP guard authenticates every route itself, so denied and unauthenticated requests
        // are audited too; Backstage's own gate would answer 401 before the route could.
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

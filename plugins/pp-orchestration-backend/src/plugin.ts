import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  createPpGuard,
  ppApiRegistryServiceRef,
  ppIdentityServiceRef,
  ppNotifierServiceRef,
} from '@internal/plugin-pp-node';
import { registerOrchestrationActions } from './actions';
import { DatabaseCreationStore } from './database/DatabaseCreationStore';
import { CreationCommands } from './service/CreationCommands';
import { CreationQueries } from './service/CreationQueries';
import { DatabaseCreationList } from './database/DatabaseCreationList';
import { CreationList, creationListApi } from './service/creationList';
import { peopleNamesFrom } from './service/peopleNames';
import { orchestrationApi } from './service/orchestrationApi';
import { createRouter } from './service/router';

/**
 * The Platform Portal agent orchestration plugin (spec Stage 6): agent creations through the
 * Genesis gate (`/pp/v1/agents`). The pipeline, handoff and rollouts are still to come.
 *
 * @public
 */
export const ppOrchestrationPlugin = createBackendPlugin({
  pluginId: 'pp-orchestration',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        actionsRegistry: actionsRegistryServiceRef,
        database: coreServices.database,
        identity: ppIdentityServiceRef,
        notifier: ppNotifierServiceRef,
        apiRegistry: ppApiRegistryServiceRef,
      },
      async init(deps) {
        const { httpRouter, database, logger } = deps;
        const store = await DatabaseCreationStore.create({ database });
        const commands = new CreationCommands({
          store,
          notifier: deps.notifier,
          logger,
          audit: entry => deps.identity.record(entry),
        });
        const names = peopleNamesFrom(deps.identity.users);
        const queries = new CreationQueries(store, undefined, names);
        const guard = createPpGuard(deps);
        const api = orchestrationApi(queries, commands);
        registerOrchestrationActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api,
        });
        const list = creationListApi(
          new CreationList(
            new DatabaseCreationList(await database.getClient()),
            undefined,
            names,
          ),
        );
        const routes = await createRouter({ api, guard, list });
        deps.apiRegistry.register(routes);
        httpRouter.use(routes.router);
        // The PP guard authenticates every route itself (401/403 audited).
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

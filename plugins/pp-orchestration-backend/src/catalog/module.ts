import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ppIdentityServiceRef } from '@internal/plugin-pp-node';
import {
  AgentEntityProvider,
  httpGeneratedAgents,
} from './AgentEntityProvider';

/**
 * The catalog's generated agents (`AgentEntityProvider`): it asks pp-orchestration over HTTP as
 * the catalog's plugin principal (a viewer), every `pp.orchestration.catalogRefreshSeconds`
 * (default 5).
 *
 * @public
 */
export const ppAgentCatalogModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'pp-agent-creations',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        identity: ppIdentityServiceRef,
      },
      async init(deps) {
        const provider = new AgentEntityProvider(
          httpGeneratedAgents(deps),
          deps.logger,
        );
        deps.catalog.addEntityProvider(provider);
        await deps.identity.users.ensurePluginPrincipal({
          pluginId: 'catalog',
          name: 'Software catalog (generated agents)',
          roles: ['viewer'],
        });
        await deps.scheduler.scheduleTask({
          id: 'pp-agent-creations-catalog',
          scope: 'global', // one full mutation at a time; any instance's connection writes the catalog's tables
          frequency: {
            seconds:
              deps.config.getOptionalNumber(
                'pp.orchestration.catalogRefreshSeconds',
              ) ?? 5,
          },
          timeout: { seconds: 60 },
          initialDelay: { seconds: 3 },
          fn: async () => {
            await provider.refresh();
          },
        });
      },
    });
  },
});

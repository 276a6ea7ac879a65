import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createAuthIntegrationRouter,
  createCookieAuthRefreshMiddleware,
  createCredentialsBarrier,
  createLifecycleMiddleware,
  createRateLimitMiddleware,
  createWebSocketRouter,
} from '@backstage/backend-defaults/httpRouter';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import Router from 'express-promise-router';
import { dependencyPortsOf, withDependencyErrors } from './dependencyErrors';

/**
 * Every plugin's HTTP router: Backstage's default (same middleware, from the same public parts) with
 * its error handler wrapped by {@link withDependencyErrors}. Plugin errors end in the plugin
 * router's own error handler, never the root one, so this is where a request that failed because
 * PostgreSQL or Redis is unreachable becomes a 503 with Retry-After for every plugin at once.
 */
export const ppHttpRouterServiceFactory = createServiceFactory({
  service: coreServices.httpRouter,
  initialization: 'always',
  deps: {
    plugin: coreServices.pluginMetadata,
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    rootHttpRouter: coreServices.rootHttpRouter,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    logger: coreServices.logger,
  },
  async factory({
    auth,
    httpAuth,
    config,
    plugin,
    rootHttpRouter,
    lifecycle,
    logger,
  }) {
    const router = Router();
    router.use(createRateLimitMiddleware({ pluginId: plugin.getId(), config }));
    rootHttpRouter.use(`/api/${plugin.getId()}`, router);
    const credentialsBarrier = createCredentialsBarrier({ httpAuth, config });
    router.use(createAuthIntegrationRouter({ auth }));
    router.use(createLifecycleMiddleware({ config, lifecycle }));
    router.use(credentialsBarrier.middleware);
    router.use(createCookieAuthRefreshMiddleware({ auth, httpAuth }));
    const pluginRoutes = Router();
    router.use(pluginRoutes);
    const middleware = MiddlewareFactory.create({ config, logger });
    router.use(
      withDependencyErrors(middleware.error(), {
        ports: dependencyPortsOf(config),
        onUnavailable: (dependency, error) =>
          logger.warn(
            `Request failed because the ${dependency} is unavailable: ${error}`,
          ),
      }),
    );
    return {
      use(handler) {
        pluginRoutes.use(handler);
      },
      addWebSocketHandler: createWebSocketRouter({
        auth,
        config,
        lifecycle,
        logger,
        pluginId: plugin.getId(),
        rootHttpRouter,
      }),
      addAuthPolicy(policy) {
        credentialsBarrier.addAuthPolicy(policy);
      },
    };
  },
});

import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ApiEntity,
} from '@backstage/catalog-model';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import {
  PpApiRegistry,
  ppApiRegistryServiceRef,
} from '@internal/plugin-pp-node';

/** The catalog name of a PP plugin's API, e.g. `pp-helpdesk-api`. */
export function ppApiEntityName(pluginId: string) {
  return `${pluginId}-api`;
}

/** One `API` entity (type openapi) per PP plugin, its definition the plugin's part of the document. */
export function ppApiEntities(registry: PpApiRegistry): ApiEntity[] {
  return registry.pluginIds().map(pluginId => {
    const location = `pp-api-registry:${pluginId}`;
    const area = registry.title(pluginId);
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: ppApiEntityName(pluginId),
        title: `Platform Portal API: ${area}`,
        description: `The /pp/v1 operations of the Platform Portal's ${area} (OpenAPI 3.1, generated from the routes; the whole API is at /pp/v1/openapi.json).`,
        tags: ['platform-portal', 'openapi'],
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
        },
      },
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner: 'group:team-platform-ops',
        system: 'waooaw-platform',
        definition: JSON.stringify(registry.document(pluginId), null, 2),
      },
    };
  });
}

/**
 * Keeps the PP API entities in the catalog equal to the routes: a full refresh when the catalog
 * connects and whenever a plugin registers its router (plugins start in any order).
 */
export class PpApiEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private timer?: NodeJS.Timeout;

  constructor(private readonly registry: PpApiRegistry) {
    registry.onChange(() => this.schedule());
  }

  getProviderName() {
    return 'pp-api-entities';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
    await this.refresh();
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, 500);
    this.timer.unref?.();
  }

  async refresh() {
    if (!this.connection) return;
    await this.connection.applyMutation({
      type: 'full',
      entities: ppApiEntities(this.registry).map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
  }
}

/** Catalog module: the PP API entities (Backstage's API explorer shows them). */
export const ppApiEntitiesModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'pp-api-entities',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        registry: ppApiRegistryServiceRef,
      },
      async init({ catalog, registry }) {
        catalog.addEntityProvider(new PpApiEntityProvider(registry));
      },
    });
  },
});

import { Readable } from 'node:stream';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { ppSearchTypes } from '@internal/plugin-pp-common';
import { PpPluginFetchDeps, ppPluginFetch } from '@internal/plugin-pp-node';

/**
 * A PP search type's collator: reads `GET /api/<plugin>/search-index/<type>` with the search
 * plugin's own token (the only caller those routes accept) and hands the documents to the engine.
 * `visibilityPermission` is the PP permission of the page the documents come from, so the search
 * engine shows them only to those the PP policy allows (pp.tickets.read, pp.health.read,
 * pp.users.read), and the access gate narrows PP tokens' searches to the same.
 */
export class PpSearchCollatorFactory {
  readonly type: string;
  readonly visibilityPermission: (typeof ppSearchTypes)[number]['permission'];

  constructor(
    private readonly source: (typeof ppSearchTypes)[number],
    private readonly services: PpPluginFetchDeps,
  ) {
    this.type = source.type;
    this.visibilityPermission = source.permission;
  }

  async getCollator(): Promise<Readable> {
    // a whole index in one answer: more time than a single read
    const response = await ppPluginFetch(
      this.services,
      this.source.pluginId,
      `/search-index/${encodeURIComponent(this.type)}`,
      { timeoutMs: 60_000 },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return Readable.from(await response.json());
  }
}

/**
 * Search collators for the Platform Portal: tickets (key, title, description), the monitored
 * services' health and people (admins only), next to the catalog's. Reindexed every 2 minutes.
 */
export const ppSearchCollatorsModule = createBackendModule({
  pluginId: 'search',
  moduleId: 'pp-collators',
  register(env) {
    env.registerInit({
      deps: {
        indexRegistry: searchIndexRegistryExtensionPoint,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ indexRegistry, scheduler, discovery, auth }) {
        for (const source of ppSearchTypes) {
          indexRegistry.addCollator({
            schedule: scheduler.createScheduledTaskRunner({
              frequency: { minutes: 2 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 20 },
            }),
            factory: new PpSearchCollatorFactory(source, { discovery, auth }),
          });
        }
      },
    });
  },
});

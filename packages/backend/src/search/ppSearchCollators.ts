import { Readable } from 'node:stream';
import {
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { ppSearchTypes } from '@internal/plugin-pp-common';
import { PpPluginFetchDeps, ppPluginFetch } from '@internal/plugin-pp-node';

/**
 * A PP search type's collator: reads `GET /api/<plugin>/search-index/<type>` page after page
 * (`{documents, next}`, see createPpSearchIndexRouter in pp-node) with the search plugin's own token
 * (the only caller those routes accept) and hands the documents to the engine as they come, so a
 * type of 100 k tickets is never one answer in memory. `visibilityPermission` is the PP permission
 * of the page the documents come from, so the search engine shows them only to those the PP policy
 * allows (pp.tickets.read, pp.health.read, pp.users.read), and the access gate narrows PP tokens'
 * searches to the same.
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
    // the first page before the stream: an unreachable plugin fails the run at once
    const first = await this.page(undefined);
    const read = (after: string) => this.page(after);
    async function* documents() {
      let page = first;
      for (;;) {
        yield* page.documents;
        if (!page.next) return;
        page = await read(page.next);
      }
    }
    return Readable.from(documents());
  }

  private async page(
    after: string | undefined,
  ): Promise<{ documents: unknown[]; next?: string | null }> {
    const query = after ? `?after=${encodeURIComponent(after)}` : '';
    const response = await ppPluginFetch(
      this.services,
      this.source.pluginId,
      `/search-index/${encodeURIComponent(this.type)}${query}`,
      { timeoutMs: 60_000 },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}

const SCHEDULE_KEY = 'search.collators.pp.schedule';

/**
 * When the PP collators rebuild their search types: `search.collators.pp.schedule` (Backstage's
 * schedule shape, as `search.collators.catalog.schedule`), by default every 10 minutes with 15 to
 * finish. Each run reads a whole type (every ticket, a page at a time) and rewrites its index, so
 * at 100 k tickets a tight schedule is a steady load on the machine the queue runs on.
 */
export function ppSearchSchedule(
  config: RootConfigService,
): SchedulerServiceTaskScheduleDefinition {
  const given = config.getOptionalConfig(SCHEDULE_KEY);
  if (!given) {
    return {
      frequency: { minutes: 10 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 20 },
    };
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(given);
  } catch (error) {
    throw new InputError(`Invalid schedule at ${SCHEDULE_KEY}: ${error}`);
  }
}

/**
 * Search collators for the Platform Portal: tickets (key, title, description), the monitored
 * services' health and people (admins only), next to the catalog's, rebuilt on `ppSearchSchedule`.
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
        config: coreServices.rootConfig,
      },
      async init({ indexRegistry, scheduler, discovery, auth, config }) {
        const schedule = ppSearchSchedule(config);
        for (const source of ppSearchTypes) {
          indexRegistry.addCollator({
            schedule: scheduler.createScheduledTaskRunner(schedule),
            factory: new PpSearchCollatorFactory(source, { discovery, auth }),
          });
        }
      },
    });
  },
});

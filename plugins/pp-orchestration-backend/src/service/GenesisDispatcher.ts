import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  PpExternalGenesisConfig,
  PpGenesisConfig,
  PpGenesisDispatcher,
  readPpGenesisConfig,
} from '@internal/plugin-pp-node';
import type { CreationStore } from '../database/CreationStore';
import type { GenesisRequestStore } from '../database/GenesisRequestStore';

/** The external Genesis, from `pp.orchestration.genesis`. */
export type GenesisConfig = PpGenesisConfig;

/** Reads `pp.orchestration.genesis` (a url needs a secret to sign with). */
export function readGenesisConfig(config: RootConfigService): GenesisConfig {
  return readPpGenesisConfig(config, 'pp.orchestration.genesis');
}

/**
 * Hands creations waiting in `genesis_validating` to the external Genesis, with pp-node's
 * `PpGenesisDispatcher` (signed POSTs, retries with the notifier's backoff, a lease): the body is
 * the creation; one decided meanwhile is not sent. Genesis answers later, on
 * `POST /pp/v1/webhooks/genesis`. A request that exhausted its attempts stays `failed` in
 * `pp_agent_genesis_requests`, the creation in `genesis_validating` (its step timing shows it overdue).
 */
export class GenesisDispatcher extends PpGenesisDispatcher {
  constructor(deps: {
    config: PpExternalGenesisConfig;
    requests: GenesisRequestStore;
    creations: CreationStore;
    logger?: LoggerService;
    fetch?: typeof fetch;
    now?: () => Date;
  }) {
    super({
      config: deps.config,
      requests: deps.requests,
      what: 'creations',
      logger: deps.logger,
      fetch: deps.fetch,
      now: deps.now,
      body: async creationId => {
        const creation = await deps.creations.get(creationId);
        if (!creation || creation.status !== 'genesis_validating') {
          return undefined;
        }
        return {
          label: creation.agent_id,
          body: {
            creation_id: creation.id,
            agent_id: creation.agent_id,
            agent_name: creation.agent_name,
            industry: creation.industry,
            specialty: creation.specialty,
            request: creation.request,
            requested_by: creation.created_by,
            requested_at: creation.created_at.toISOString(),
            callback: '/pp/v1/webhooks/genesis',
          },
        };
      },
    });
  }
}

import {
  ppRetuningGenesisWebhookSchema,
  ppRetuningSchema,
} from '@internal/plugin-pp-common';
import {
  DatabasePpGenesisRequests,
  PpApiRouter,
  PpAuditEntry,
  PpGenesisConfig,
  PpWebhookDeliveries,
  ppSignedWebhookHandler,
  ppSignedWebhookHeaders,
  readPpGenesisConfig,
} from '@internal/plugin-pp-node';
import type { Knex } from 'knex';
import { RetuningService, toApiRetuning } from './RetuningService';

/** The external Genesis of retunings: `pp.knowledge.retuning.genesis` (orchestration's shape). */
export const RETUNING_GENESIS_CONFIG_KEY = 'pp.knowledge.retuning.genesis';

/** Reads `pp.knowledge.retuning.genesis` (a url needs a secret to sign with). */
export function readRetuningGenesisConfig(config: {
  getOptionalConfig: Parameters<
    typeof readPpGenesisConfig
  >[0]['getOptionalConfig'];
}): PpGenesisConfig {
  return readPpGenesisConfig(config, RETUNING_GENESIS_CONFIG_KEY);
}

/** The outbox of retunings waiting for the external Genesis (`pp_knowledge_retuning_genesis_requests`). */
export class RetuningGenesisRequests extends DatabasePpGenesisRequests {
  constructor(db: Knex) {
    super(db, {
      name: 'pp_knowledge_retuning_genesis_requests',
      idColumn: 'retuning_id',
    });
  }
}

/**
 * `POST /agent-retuning/webhooks/genesis`: the external Genesis's signed verdict on a retuning
 * (pp-node's `ppSignedWebhookHandler`: 401 for a missing or wrong signature, a stale timestamp or
 * a replay; 413 over the body limit; 400 for a body off the schema). Always mounted: without
 * `webhookSecret` every call is a 401.
 */
export function registerRetuningGenesisWebhook(
  routes: PpApiRouter,
  deps: {
    service: RetuningService;
    deliveries: PpWebhookDeliveries;
    /** `pp.knowledge.retuning.genesis.webhookSecret` */
    secret: string | undefined;
    audit?: (entry: PpAuditEntry) => Promise<void>;
    now?: () => Date;
  },
) {
  routes.post('/agent-retuning/webhooks/genesis', {
    access: 'signed',
    summary: 'Genesis’s verdict on a retuning (signed webhook)',
    description:
      'With an external Genesis configured (`pp.knowledge.retuning.genesis`), a proposal the built-in checks pass waits in `validating` and is posted to Genesis with the built-in findings; Genesis posts its verdict here. `approved` moves it to `awaiting_approval` (an admin decides next), `rejected` (with a reason) to `rejected`, which is final for every role and route. The move, the notices and the audit record are written together. The same verdict again answers the retuning as it is; any other state is a 409; an unknown retuning a 404.',
    headers: ppSignedWebhookHeaders(
      'pp.knowledge.retuning.genesis.webhookSecret',
    ),
    body: ppRetuningGenesisWebhookSchema,
    status: 200,
    response: ppRetuningSchema,
    errors: [404, 409],
    handler: ppSignedWebhookHandler({
      source: 'genesis-retuning',
      route: 'POST /pp/v1/agent-retuning/webhooks/genesis',
      secret: () => deps.secret,
      deliveries: deps.deliveries,
      schema: ppRetuningGenesisWebhookSchema,
      audit: deps.audit,
      now: deps.now,
      handle: async (input, delivery) =>
        toApiRetuning(await deps.service.recordGenesisVerdict(input, delivery)),
    }),
  });
}

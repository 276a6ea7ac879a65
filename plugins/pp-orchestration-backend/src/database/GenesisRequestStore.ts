import { DatabasePpGenesisRequests } from '@internal/plugin-pp-node';
import type { Knex } from 'knex';

/**
 * The outbox of creations waiting to be handed to the external Genesis
 * (`pp_agent_genesis_requests`, keyed by `creation_id`): pp-node's `DatabasePpGenesisRequests`
 * on the plugin's table. `enqueue` runs in the creation's transaction; `claimDue` leases due rows
 * so two instances never send the same row at once.
 */
export class GenesisRequestStore extends DatabasePpGenesisRequests {
  constructor(db: Knex) {
    super(db, { name: 'pp_agent_genesis_requests', idColumn: 'creation_id' });
  }
}

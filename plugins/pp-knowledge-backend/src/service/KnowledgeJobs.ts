import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KnowledgeStore } from '../database/KnowledgeStore';
import type { Embedder } from '../search/Embedder';
import { encodeVector } from '../search/vectorCodec';
import type { KnowledgeCommands } from './KnowledgeCommands';
import type { KnowledgeSearch } from './KnowledgeSearch';

/** Sources started per tick at most (the rest wait for the next minute). */
const SOURCES_PER_TICK = 25;
/** Chunks re-embedded per batch, and at most per job run. */
const REEMBED_BATCH = 256;
const REEMBED_PER_RUN = 20_000;

/**
 * The scheduled work (plugin.ts puts it on coreServices.scheduler, scope global):
 * - `tick` (every minute): runs the api and rss sources whose next_run_at is due, one after the
 *   other, each isolated (a failure is that source's failed run, logged; the others go on);
 * - `reembed`: an embedding model change (config `pp.knowledge.embeddings`) leaves chunks whose
 *   model_id is not the embedder's: they are embedded again in batches (at most 20 000 a run,
 *   then the next run goes on), and the search indexes are rebuilt. Until then such chunks are
 *   found by keyword only. Versions keep the model they were made with (`embedding_model`).
 */
export class KnowledgeJobs {
  constructor(
    private readonly deps: {
      store: KnowledgeStore;
      commands: KnowledgeCommands;
      embedder: Embedder;
      search: KnowledgeSearch;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async tick(): Promise<{ ran: number; failed: number }> {
    const { store, commands, logger } = this.deps;
    const due = await store.dueSources(
      this.deps.now?.() ?? new Date(),
      SOURCES_PER_TICK,
    );
    let failed = 0;
    for (const source of due) {
      try {
        const run = await commands.runSource(source.id, 'schedule');
        if (run.status === 'failed') failed += 1;
      } catch (e) {
        failed += 1;
        logger.warn(
          `Knowledge source ${source.id} (${source.name}) could not run: ${e}`,
        );
      }
    }
    return { ran: due.length, failed };
  }

  async reembed(): Promise<number> {
    const { store, embedder, search, logger } = this.deps;
    let done = 0;
    while (done < REEMBED_PER_RUN) {
      const rows = await store.chunksOfOtherModels(
        embedder.modelId,
        REEMBED_BATCH,
      );
      if (!rows.length) break;
      const vectors = await embedder.embed(rows.map(r => r.text));
      await store.updateEmbeddings(
        rows.map((r, i) => ({ id: r.id, embedding: encodeVector(vectors[i]) })),
        embedder.modelId,
      );
      done += rows.length;
    }
    if (done) {
      search.invalidate();
      logger.info(
        `Knowledge: ${done} chunks embedded again with ${embedder.modelId}`,
      );
    }
    return done;
  }
}

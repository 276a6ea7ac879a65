import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PpTransactionalNotifier } from '@internal/plugin-pp-node';
import type { KnowledgeStore } from '../database/KnowledgeStore';
import type { Embedder } from '../search/Embedder';
import { Ingestion } from './Ingestion';
import { KnowledgeCommands } from './KnowledgeCommands';
import { KnowledgeJobs } from './KnowledgeJobs';
import { KnowledgeQueries } from './KnowledgeQueries';
import { KnowledgeSearch } from './KnowledgeSearch';
import { knowledgeApi } from './knowledgeApi';
import type { IngestionAlertReporter } from './ingestionAlerts';
import type { KnowledgeIngestPorts } from './ports';

/** The plugin's services wired together (plugin.ts and the tests build the same). */
export function createKnowledgeCore(deps: {
  store: KnowledgeStore;
  embedder: Embedder;
  notifier: PpTransactionalNotifier;
  logger: LoggerService;
  ingest: KnowledgeIngestPorts;
  alerts?: IngestionAlertReporter;
  now?: () => Date;
}) {
  const { store, embedder, notifier, logger, ingest, now } = deps;
  const ingestion = new Ingestion({
    store,
    embedder,
    notifier,
    logger,
    alerts: deps.alerts,
    now,
  });
  const search = new KnowledgeSearch({ store, embedder });
  const commands = new KnowledgeCommands({ store, ingestion, ingest, now });
  const queries = new KnowledgeQueries({ store });
  const api = knowledgeApi({ commands, queries, search });
  const jobs = new KnowledgeJobs({
    store,
    commands,
    embedder,
    search,
    logger,
    now,
  });
  return { ingestion, search, commands, queries, api, jobs };
}

/** @internal */
export type KnowledgeCore = ReturnType<typeof createKnowledgeCore>;

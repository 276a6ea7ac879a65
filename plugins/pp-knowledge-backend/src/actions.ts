import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ppKnowledgeDiffSchema,
  ppKnowledgeRunPageSchema,
  ppKnowledgeSearchResultSchema,
  ppKnowledgeSourcePageSchema,
} from '@internal/plugin-pp-common';
import {
  ppActionHandler,
  ppActionInputSchema,
  ppActionOutputSchema,
  ppActionPage,
  PpGuard,
} from '@internal/plugin-pp-node';
import { KnowledgeApi } from './service/knowledgeApi';

/**
 * Industry knowledge for AI agents (MCP): search, the sources and their runs, the diff of two
 * versions — adapters over the same commands as the routes (`service/knowledgeApi.ts`).
 */
export function registerKnowledgeActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: KnowledgeApi;
}) {
  const { actionsRegistry, guard, api } = opts;

  actionsRegistry.register({
    name: 'pp-knowledge-search',
    title: 'Search an industry’s knowledge',
    description:
      'Searches the knowledge of one industry (marketing, education or sales) for `query`: the best matching chunks with their document title, url, source and a snippet, best first. mode hybrid (default: keyword and vector ranks fused), keyword or vector; filters source_ids (from pp-knowledge-sources-list) and version (a label such as v2026-12-04; default the newest); limit 1-50 (default 10). Industry managers and admins (pp.knowledge.search).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.search.input),
      output: ppActionOutputSchema(ppKnowledgeSearchResultSchema),
    },
    action: ppActionHandler(guard, api.search, {
      name: 'pp-knowledge-search',
      output: r => ({ ...r, results: r.results.map(x => ({ ...x })) } as any),
    }),
  });

  actionsRegistry.register({
    name: 'pp-knowledge-sources-list',
    title: 'List knowledge sources',
    description:
      'The knowledge sources (api, rss, webhook, upload) with their status (active, failing, paused), consecutive failures, documents, last and next run and last error; filters industry, status and type; sort name, last_run_at, next_run_at, record_count or status; paged with limit (1-200) and offset. Credentials are never shown. Next: pp-knowledge-runs-list for a source’s runs. Industry managers, admins and viewers (pp.knowledge.read).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.listSources.input, { io: 'output' }),
      output: ppActionOutputSchema(ppKnowledgeSourcePageSchema),
    },
    action: ppActionHandler(guard, api.listSources, {
      name: 'pp-knowledge-sources-list',
      output: ppActionPage,
    }),
  });

  actionsRegistry.register({
    name: 'pp-knowledge-runs-list',
    title: 'List a knowledge source’s ingestion runs',
    description:
      'The ingestion runs of one source (source_id from pp-knowledge-sources-list), newest first: trigger, status (running, succeeded, failed), records fetched, added, changed and removed, duration, error, the version it made and its step-by-step log; paged with limit and offset. Industry managers, admins and viewers (pp.knowledge.read).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.listRuns.input, { io: 'output' }),
      output: ppActionOutputSchema(ppKnowledgeRunPageSchema),
    },
    action: ppActionHandler(guard, api.listRuns, {
      name: 'pp-knowledge-runs-list',
      output: ppActionPage,
    }),
  });

  actionsRegistry.register({
    name: 'pp-knowledge-diff',
    title: 'What changed between two knowledge versions',
    description:
      'For an industry (marketing, education or sales): embeddings added, modified and removed between version `from` and `to` (labels such as v2026-12-04 or ids; default the newest and the one before it), the change in %, new and removed topics and the sources with most changes. Industry managers, admins and viewers (pp.knowledge.read).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.diff.input, { io: 'output' }),
      output: ppActionOutputSchema(ppKnowledgeDiffSchema),
    },
    action: ppActionHandler(guard, api.diff, {
      name: 'pp-knowledge-diff',
      output: d => ({ ...d } as any),
    }),
  });
}

import {
  ppKnowledgeDiffQuerySchema,
  ppKnowledgeIndustrySchema,
  ppKnowledgeReadPermission,
  ppKnowledgeSearchPermission,
  ppKnowledgeSearchSchema,
  ppKnowledgeSourceCreateSchema,
  ppKnowledgeSourceQuerySchema,
  ppKnowledgeSourceUpdateSchema,
  ppKnowledgeSourcesCreatePermission,
  ppKnowledgeSourcesManagePermission,
  ppKnowledgeUploadSchema,
  ppPageQuerySchema,
} from '@internal/plugin-pp-common';
import { clampPage, ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { KnowledgeCommands } from './KnowledgeCommands';
import { KnowledgeQueries } from './KnowledgeQueries';
import { KnowledgeSearch } from './KnowledgeSearch';

const sourceId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a source id');
const industryParams = z.object({ industry: ppKnowledgeIndustrySchema });

/**
 * The knowledge use cases, each once (permission, input, call, audit), shared by the routes
 * (`router.ts`) and the MCP actions (`actions.ts`).
 */
export function knowledgeApi(deps: {
  commands: KnowledgeCommands;
  queries: KnowledgeQueries;
  search: KnowledgeSearch;
}) {
  const { commands, queries, search } = deps;
  return {
    createSource: ppCommand({
      name: 'pp.knowledge.sources.create',
      permission: ppKnowledgeSourcesCreatePermission,
      input: ppKnowledgeSourceCreateSchema,
      run: (ctx, input) => commands.createSource(input, ctx.principal),
      audit: out => ({
        resource: `knowledge-source:${out.source.id}`,
        outcome: 'success' as const,
        details: {
          industry: out.source.industry,
          name: out.source.name,
          type: out.source.type,
        },
      }),
    }),
    updateSource: ppCommand({
      name: 'pp.knowledge.sources.manage',
      permission: ppKnowledgeSourcesManagePermission,
      input: ppKnowledgeSourceUpdateSchema.extend({ source_id: sourceId }),
      run: async (_ctx, { source_id, ...change }) =>
        (await commands.updateSource(source_id, change)).source,
      audit: (out, input) => ({
        resource: `knowledge-source:${out.id}`,
        outcome: 'success' as const,
        details: {
          changed: Object.keys(input).filter(k => k !== 'source_id'),
          credential_changed: Boolean(input.credential),
          paused: out.status === 'paused',
        },
      }),
    }),
    testConnection: ppCommand({
      name: 'pp.knowledge.sources.test',
      permission: ppKnowledgeSourcesManagePermission,
      input: ppKnowledgeSourceCreateSchema,
      run: (_ctx, input) => commands.testConnection(input),
    }),
    runSource: ppCommand({
      name: 'pp.knowledge.sources.run',
      permission: ppKnowledgeSourcesManagePermission,
      input: z.object({ source_id: sourceId }),
      run: (_ctx, { source_id }) => commands.runSource(source_id),
      audit: out => ({
        resource: `knowledge-source:${out.source_id}`,
        outcome:
          out.status === 'failed' ? ('failure' as const) : ('success' as const),
        reason: out.error,
        details: { run_id: out.id, version: out.version },
      }),
    }),
    upload: ppCommand({
      name: 'pp.knowledge.sources.upload',
      permission: ppKnowledgeSourcesManagePermission,
      input: ppKnowledgeUploadSchema.extend({ source_id: sourceId }),
      run: (_ctx, { source_id, ...file }) => commands.upload(source_id, file),
      audit: (out, input) => ({
        resource: `knowledge-source:${out.source_id}`,
        outcome:
          out.status === 'failed' ? ('failure' as const) : ('success' as const),
        reason: out.error,
        details: {
          run_id: out.id,
          file_name: input.file_name,
          version: out.version,
        },
      }),
    }),
    listSources: ppCommand({
      name: 'pp.knowledge.read',
      permission: ppKnowledgeReadPermission,
      input: ppKnowledgeSourceQuerySchema,
      version: () => queries.changeMark(),
      run: (_ctx, q) =>
        queries.listSources({
          ...q,
          ...clampPage(q.limit, q.offset, { limit: 50, max: 200 }),
        }),
    }),
    getSource: ppCommand({
      name: 'pp.knowledge.read',
      permission: ppKnowledgeReadPermission,
      input: z.object({ source_id: sourceId }),
      version: () => queries.changeMark(),
      run: (_ctx, { source_id }) => queries.getSource(source_id),
    }),
    listRuns: ppCommand({
      name: 'pp.knowledge.read',
      permission: ppKnowledgeReadPermission,
      input: ppPageQuerySchema.extend({ source_id: sourceId }),
      version: () => queries.changeMark(),
      run: (_ctx, q) => {
        const page = clampPage(q.limit, q.offset, { limit: 50, max: 200 });
        return queries.listRuns(q.source_id, page.limit, page.offset);
      },
    }),
    listVersions: ppCommand({
      name: 'pp.knowledge.read',
      permission: ppKnowledgeReadPermission,
      input: ppPageQuerySchema.extend(industryParams.shape),
      version: () => queries.changeMark(),
      run: (_ctx, q) => {
        const page = clampPage(q.limit, q.offset, { limit: 50, max: 200 });
        return queries.listVersions(q.industry, page.limit, page.offset);
      },
    }),
    diff: ppCommand({
      name: 'pp.knowledge.read',
      permission: ppKnowledgeReadPermission,
      input: ppKnowledgeDiffQuerySchema.extend(industryParams.shape),
      version: () => queries.changeMark(),
      run: (_ctx, { industry, from, to }) =>
        queries.diff(industry, { from, to }),
    }),
    search: ppCommand({
      name: 'pp.knowledge.search',
      permission: ppKnowledgeSearchPermission,
      input: ppKnowledgeSearchSchema.extend(industryParams.shape),
      run: (_ctx, { industry, ...q }) => search.search(industry, q),
    }),
  };
}

/** @internal */
export type KnowledgeApi = ReturnType<typeof knowledgeApi>;

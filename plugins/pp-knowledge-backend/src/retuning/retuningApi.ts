import {
  PP_RETUNING_STATUSES,
  ppAgentsRetunePermission,
  ppKnowledgeIndustrySchema,
  ppRetuneRequestSchema,
  ppRetuningApprovePermission,
  ppRetuningDecisionSchema,
  ppRetuningQuerySchema,
  ppRetuningReadPermission,
} from '@internal/plugin-pp-common';
import { ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import type { RetuningService } from './RetuningService';

const retuningId = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'a retuning id')
  .describe('The retuning’s id.');
const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'lower-case letters, digits, _ and -')
  .describe(
    'The agent (catalog ai-agent name), e.g. `marketing-content-strategist`.',
  );
const ifMatch = z
  .string()
  .max(200)
  .optional()
  .describe('The version (or ETag) you read; a stale one is a 412.');

const decisionInput = ppRetuningDecisionSchema.extend({
  retuning_id: retuningId,
  if_match: ifMatch,
});

/** The MCP status tool's input: one retuning by id, or the proposals of an agent / status / industry. */
const statusInput = z.object({
  retuning_id: retuningId.optional(),
  agent_id: agentId.optional(),
  status: z.enum(PP_RETUNING_STATUSES).optional(),
  industry: ppKnowledgeIndustrySchema.optional(),
  limit: z.number().int().min(1).max(200).optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
});

/**
 * The retuning's use cases, each once: permission, input schema, call and audit.
 * `retuningRoutes.ts` (HTTP) and `actions.ts` (MCP) are adapters over these. Evaluations come
 * from a service principal (the contract's `service` role, not a permission): HTTP only, in the
 * routes.
 */
export function retuningApi(service: RetuningService) {
  return {
    retune: ppCommand({
      name: 'pp.agents.retune',
      permission: ppAgentsRetunePermission,
      input: ppRetuneRequestSchema.extend({ agent_id: agentId }),
      run: (ctx, input) => service.propose(ctx.principal, input),
      audit: r => ({
        resource: `agent-retuning:${r.id}`,
        reason: r.reason,
        details: {
          agent_id: r.agent_id,
          knowledge_version: r.knowledge_version,
          strategy: r.strategy,
          status: r.status,
          genesis: r.genesis.verdict,
        },
      }),
    }),
    approve: ppCommand({
      name: 'pp.retuning.approve',
      permission: ppRetuningApprovePermission,
      input: decisionInput,
      run: (ctx, input) => service.approve(ctx.principal, input),
      audit: (r, input) => ({
        resource: `agent-retuning:${r.id}`,
        reason: input.reason,
        details: { agent_id: r.agent_id, status: r.status },
      }),
    }),
    decline: ppCommand({
      name: 'pp.retuning.decline',
      permission: ppRetuningApprovePermission,
      input: decisionInput,
      run: (ctx, input) => service.decline(ctx.principal, input),
      audit: (r, input) => ({
        resource: `agent-retuning:${r.id}`,
        reason: input.reason,
        details: { agent_id: r.agent_id, status: r.status },
      }),
    }),
    list: ppCommand({
      name: 'pp.retuning.read',
      permission: ppRetuningReadPermission,
      input: ppRetuningQuerySchema,
      version: () => service.changeMark(),
      run: (_ctx, filter) => service.list(filter),
    }),
    get: ppCommand({
      name: 'pp.retuning.read',
      permission: ppRetuningReadPermission,
      input: z.object({ retuning_id: retuningId }),
      version: () => service.changeMark(),
      run: (_ctx, { retuning_id }) => service.get(retuning_id),
    }),
    status: ppCommand({
      name: 'pp.retuning.read',
      permission: ppRetuningReadPermission,
      input: statusInput,
      run: async (_ctx, { retuning_id, ...filter }) => {
        if (retuning_id) {
          const one = await service.get(retuning_id);
          return { items: [one], total_count: 1, limit: 1, offset: 0 };
        }
        return service.list(filter);
      },
    }),
    agentKnowledge: ppCommand({
      name: 'pp.retuning.read',
      permission: ppRetuningReadPermission,
      input: z.object({ agent_id: agentId }),
      run: (_ctx, { agent_id }) => service.agentKnowledge(agent_id),
    }),
  };
}

export type RetuningApi = ReturnType<typeof retuningApi>;

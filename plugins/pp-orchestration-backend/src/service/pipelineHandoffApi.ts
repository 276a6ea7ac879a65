import {
  ppAgentsReadPermission,
  ppHandoffAcceptPermission,
  ppHandoffAcceptRequestSchema,
  ppHandoffCreatePermission,
  ppHandoffCreateRequestSchema,
  ppHandoffRejectRequestSchema,
  ppPageQuerySchema,
} from '@internal/plugin-pp-common';
import { clampPage, ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { HandoffCommands } from './HandoffCommands';
import { PipelineHandoffQueries, toApiHandoff } from './PipelineHandoffQueries';

const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_:*-]{0,99}$/, 'lower-case letters, digits, _ : - *');
const handoffId = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'a handoff id (from POST /agent-handoff)');

const handoffAudit =
  (decision: string) =>
  (out: {
    handoff_id: string;
    agent_id: string;
    status: string;
    complete: boolean;
    reason: string | null;
  }) => ({
    resource: `agent:${out.agent_id}`,
    outcome: 'success' as const,
    reason: out.reason,
    details: {
      handoff_id: out.handoff_id,
      agent_id: out.agent_id,
      decision,
      handoff_status: out.status,
      complete: out.complete,
    },
  });

/**
 * The pipeline and handoff use cases, each once (permission, input, call, audit), shared by the
 * routes (`pipelineHandoffRoutes.ts`) and the MCP actions (`actions.ts`).
 */
export function pipelineHandoffApi(
  queries: PipelineHandoffQueries,
  handoffs: HandoffCommands,
  now: () => Date = () => new Date(),
) {
  return {
    pipeline: ppCommand({
      name: 'pp.agents.read',
      permission: ppAgentsReadPermission,
      input: z.object({ agent_id: agentId }),
      run: (_ctx, { agent_id }) => queries.pipeline(agent_id),
    }),
    handoffQueue: ppCommand({
      name: 'pp.handoff.accept',
      // the queue is the reviewers' work list: those who may decide a handoff read it
      permission: ppHandoffAcceptPermission,
      input: ppPageQuerySchema.extend({
        status: z.enum(['pending', 'accepted', 'rejected']).default('pending'),
      }),
      run: (_ctx, { status, limit, offset }) =>
        queries.handoffs({ status, ...clampPage(limit, offset) }),
    }),
    submitHandoff: ppCommand({
      name: 'pp.handoff.create',
      permission: ppHandoffCreatePermission,
      input: ppHandoffCreateRequestSchema,
      run: async (ctx, input) =>
        toApiHandoff(
          (await handoffs.submit(input, ctx.principal)).handoff,
          now(),
        ),
      audit: handoffAudit('submitted'),
    }),
    acceptHandoff: ppCommand({
      name: 'pp.handoff.accept',
      permission: ppHandoffAcceptPermission,
      input: ppHandoffAcceptRequestSchema.extend({ handoff_id: handoffId }),
      run: async (ctx, { handoff_id, notes }) =>
        toApiHandoff(
          (await handoffs.accept(handoff_id, notes || undefined, ctx.principal))
            .handoff,
          now(),
        ),
      audit: handoffAudit('accepted'),
    }),
    rejectHandoff: ppCommand({
      name: 'pp.handoff.reject',
      permission: ppHandoffAcceptPermission,
      input: ppHandoffRejectRequestSchema.extend({ handoff_id: handoffId }),
      run: async (ctx, { handoff_id, reason }) =>
        toApiHandoff(
          (await handoffs.reject(handoff_id, reason, ctx.principal)).handoff,
          now(),
        ),
      audit: handoffAudit('rejected'),
    }),
  };
}

/** @public */
export type PipelineHandoffApi = ReturnType<typeof pipelineHandoffApi>;

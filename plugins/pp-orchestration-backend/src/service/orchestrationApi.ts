import {
  ppAgentCreateRequestSchema,
  ppAgentsCreatePermission,
  ppAgentsReadPermission,
} from '@internal/plugin-pp-common';
import { ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { CreationCommands } from './CreationCommands';
import { CreationQueries, toApiCreation } from './CreationQueries';

const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_:*-]{0,99}$/, 'lower-case letters, digits, _ : - *');

/**
 * The orchestration use cases, each once (permission, input, call, audit), shared by the routes
 * (`router.ts`) and the MCP actions (`actions.ts`).
 */
export function orchestrationApi(
  queries: CreationQueries,
  commands: CreationCommands,
  now: () => Date = () => new Date(),
) {
  return {
    create: ppCommand({
      name: 'pp.agents.create',
      permission: ppAgentsCreatePermission,
      input: ppAgentCreateRequestSchema,
      run: async (ctx, input) =>
        toApiCreation(await commands.create(input, ctx.principal), now()),
      audit: creation => ({
        resource: `agent:${creation.agent_id}`,
        outcome: 'success',
        reason: creation.genesis?.reasons.join(' ') || null,
        details: {
          creation_id: creation.creation_id,
          agent_id: creation.agent_id,
          agent_name: creation.agent_name,
          industry: creation.industry,
          specialty: creation.specialty,
          status: creation.status,
          genesis: creation.genesis?.verdict ?? null,
        },
      }),
    }),
    creationStatus: ppCommand({
      name: 'pp.agents.read',
      permission: ppAgentsReadPermission,
      input: z.object({ agent_id: agentId }),
      run: (_ctx, { agent_id }) => queries.status(agent_id),
    }),
  };
}

/** @public */
export type OrchestrationApi = ReturnType<typeof orchestrationApi>;

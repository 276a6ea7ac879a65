import {
  ppAgentCreateRequestSchema,
  ppAgentsCreatePermission,
  ppAgentsGeneratePermission,
  ppAgentsReadPermission,
} from '@internal/plugin-pp-common';
import type { CodeGeneration } from '../codegen/CodeGeneration';
import { generationStore } from '../database/GenerationStore';
import type { Knex } from 'knex';
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
  codegen?: { generation: CodeGeneration; db: Knex },
) {
  return {
    ...(codegen ? codegenApi(queries, codegen) : {}),
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

/** Code generation's use cases: start it again, and the generated agents (the catalog's source). */
export function codegenApi(
  queries: CreationQueries,
  codegen: { generation: CodeGeneration; db: Knex },
) {
  return {
    generate: ppCommand({
      name: 'pp.agents.generate',
      permission: ppAgentsGeneratePermission,
      input: z.object({ agent_id: agentId }),
      run: async (ctx, { agent_id }) => {
        await codegen.generation.start(agent_id, {
          kind: 'user',
          id: ctx.principal.ref,
        });
        return queries.status(agent_id);
      },
      audit: creation => ({
        resource: `agent:${creation.agent_id}`,
        outcome: 'success',
        details: {
          creation_id: creation.creation_id,
          agent_id: creation.agent_id,
          status: creation.status,
          attempt: creation.generation?.attempt ?? null,
        },
      }),
    }),
    generated: ppCommand({
      name: 'pp.agents.read',
      permission: ppAgentsReadPermission,
      input: z.object({}),
      run: async () => ({
        items: (await generationStore.generated(codegen.db)).map(
          ({ creation_id: _id, ...agent }) => agent,
        ),
      }),
    }),
  };
}

import { NotFoundError } from '@backstage/errors';
import {
  PpUpgrade,
  ppAgentsUpgradePermission,
  ppUpgradeAbortRequestSchema,
  ppUpgradeStartRequestSchema,
  ppUpgradesAbortPermission,
  ppUpgradesReadPermission,
} from '@internal/plugin-pp-common';
import { ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import type { CreationStore } from '../database/CreationStore';
import { RolloutCommands } from './RolloutCommands';
import { RolloutQueries, toApiUpgrade } from './RolloutQueries';

const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_:*-]{0,99}$/, 'lower-case letters, digits, _ : - *');
const upgradeId = z
  .string()
  .regex(
    /^[A-Za-z0-9-]{1,64}$/,
    'an upgrade id (from POST /agents/{agent_id}/upgrades)',
  );

const upgradeAudit = (decision: string) => (u: PpUpgrade) => ({
  resource: `agent:${u.agent_id}`,
  outcome: 'success' as const,
  reason: decision === 'aborted' ? u.rollback_reason : u.reason,
  details: {
    upgrade_id: u.upgrade_id,
    agent_id: u.agent_id,
    decision,
    from_version: u.from_version,
    to_version: u.to_version,
    status: u.status,
    target: u.target.kind,
  },
});

/**
 * The upgrade use cases, each once (permission, input, call, audit), shared by the routes
 * (`upgradeRoutes.ts`) and the MCP action (`actions.ts`).
 */
export function upgradesApi(
  queries: RolloutQueries,
  commands: RolloutCommands,
  creations: CreationStore,
) {
  return {
    start: ppCommand({
      name: 'pp.agents.upgrade',
      permission: ppAgentsUpgradePermission,
      input: ppUpgradeStartRequestSchema.extend({ agent_id: agentId }),
      run: async (ctx, { agent_id, ...input }) =>
        queries.named(
          toApiUpgrade(await commands.start(agent_id, input, ctx.principal)),
        ),
      audit: upgradeAudit('started'),
    }),
    list: ppCommand({
      name: 'pp.upgrades.read',
      permission: ppUpgradesReadPermission,
      input: z.object({ agent_id: agentId }),
      run: async (_ctx, { agent_id }) => {
        if (!(await creations.getByAgentId(agent_id))) {
          throw new NotFoundError(`No agent ${agent_id}`);
        }
        return queries.listByAgent(agent_id);
      },
    }),
    get: ppCommand({
      name: 'pp.upgrades.read',
      permission: ppUpgradesReadPermission,
      input: z.object({ upgrade_id: upgradeId }),
      run: (_ctx, { upgrade_id }) => queries.get(upgrade_id),
    }),
    abort: ppCommand({
      name: 'pp.upgrades.abort',
      permission: ppUpgradesAbortPermission,
      input: ppUpgradeAbortRequestSchema.extend({ upgrade_id: upgradeId }),
      run: async (ctx, { upgrade_id, reason }) =>
        queries.named(
          toApiUpgrade(await commands.abort(upgrade_id, reason, ctx.principal)),
        ),
      audit: upgradeAudit('aborted'),
    }),
  };
}

/** @public */
export type UpgradesApi = ReturnType<typeof upgradesApi>;

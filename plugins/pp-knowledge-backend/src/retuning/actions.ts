import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ppRetuningPageSchema } from '@internal/plugin-pp-common';
import {
  ppActionHandler,
  ppActionInputSchema,
  ppActionOutputSchema,
  ppActionPage,
  PpGuard,
} from '@internal/plugin-pp-node';
import type { RetuningApi } from './retuningApi';

/** The retuning's MCP tool: read only (proposals are made and decided in the portal or over HTTP). */
export function registerRetuningActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: RetuningApi;
}) {
  const { actionsRegistry, guard, api } = opts;
  actionsRegistry.register({
    name: 'pp-retuning-status',
    title: 'Where agent retuning proposals are',
    description:
      'Agent retuning proposals (retuning an agent on a newer industry knowledge version) and where each is: status (validating, rejected: final, awaiting_approval, declined, deploying, monitoring, completed, rolled_back), the Genesis verdict with its checks (bias, harmful content, constitutional alignment, duplicates, data quality), the admin decision, the rollout (phase, traffic on green, gates), the post-deployment checks at 1 h, 24 h and 7 d, and rollbacks with their reasons. Give retuning_id for one proposal, or filter by agent_id, status and industry (newest first, limit 1-200, offset). Industry managers, agent orchestrators, admins and viewers (pp.retuning.read).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.status.input),
      output: ppActionOutputSchema(ppRetuningPageSchema),
    },
    action: ppActionHandler(guard, api.status, {
      name: 'pp-retuning-status',
      output: ppActionPage,
    }),
  });
}

import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ppAgentCreationSchema } from '@internal/plugin-pp-common';
import {
  PpGuard,
  ppActionHandler,
  ppActionInputSchema,
  ppActionOutputSchema,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
import { OrchestrationApi } from './service/orchestrationApi';

/**
 * Agent orchestration actions for AI agents (MCP): request a new agent (through the Genesis gate)
 * and read a creation's status, adapters over the same commands as the HTTP routes
 * (`service/orchestrationApi.ts`).
 */
export function registerOrchestrationActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: OrchestrationApi;
}) {
  const { actionsRegistry, guard, api } = opts;
  const creationOut = ppActionOutputSchema(
    z.object({ creation: ppAgentCreationSchema }),
  );
  const asCreation = (creation: z.infer<typeof ppAgentCreationSchema>) => ({
    creation: { ...creation },
  });

  actionsRegistry.register({
    name: 'pp-agents-create',
    title: 'Request a new agent (Genesis validates it at once)',
    description:
      'Starts an agent creation: agent_name, industry (marketing, education, sales) and specialty (e.g. lead-prospecting) are required; serves, shares_customer_data_with, data_access, permissions, audit_enabled and sla_targets default to a sovereign agent. The built-in Genesis validator judges it in the same call: the creation comes back genesis_approved, or genesis_rejected with one reason per failed rule (customer sovereignty, data privacy, transparency, least privilege) — a rejection is final. Returns the creation with its agent_id (for pp-agents-creation-status). Agent orchestrators and admins (pp.agents.create). Not idempotent; audited.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: ppActionInputSchema(api.create.input),
      output: creationOut,
    },
    action: ppActionHandler(guard, api.create, {
      name: 'pp-agents-create',
      output: asCreation,
    }),
  });

  actionsRegistry.register({
    name: 'pp-agents-creation-status',
    title: 'Get an agent creation’s state, Genesis verdict and step timings',
    description:
      'One agent creation by agent_id (from pp-agents-create): its status, the moves allowed next, the Genesis verdict with its reasons, each step attempt against its budget (Genesis 5 min, code generation 15 min, CI 35 min, handoff 2 days) with overdue flags, and the history of moves. Agent orchestrators, admins and viewers (pp.agents.read); NotFoundError for an unknown agent_id.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.creationStatus.input),
      output: creationOut,
    },
    action: ppActionHandler(guard, api.creationStatus, {
      name: 'pp-agents-creation-status',
      output: asCreation,
    }),
  });
}

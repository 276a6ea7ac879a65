import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ppAgentCreationSchema,
  ppCicdPipelineSchema,
  ppAgentReadinessSchema,
  ppHandoffPageSchema,
  ppUpgradeSchema,
} from '@internal/plugin-pp-common';
import {
  ppActionHandler,
  ppActionInputSchema,
  ppActionOutputSchema,
  ppActionPage,
  PpGuard,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
import { OrchestrationApi } from './service/orchestrationApi';
import { PipelineHandoffApi } from './service/pipelineHandoffApi';
import { ReadinessApi } from './service/readinessApi';
import type { UpgradesApi } from './rollouts/upgradesApi';

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

/**
 * The CI/CD pipeline and handoff reads for AI agents (MCP), over the same commands as their routes
 * (`service/pipelineHandoffApi.ts`).
 */
export function registerPipelineHandoffActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: PipelineHandoffApi;
}) {
  const { actionsRegistry, guard, api } = opts;

  actionsRegistry.register({
    name: 'pp-agents-cicd-pipeline',
    title: 'Get an agent’s CI/CD pipeline status',
    description:
      'The agent repository’s latest CI run by agent_id (from pp-agents-create), as GitHub’s webhooks reported it: status (pending, running, passed, failed), the failed stage, and the five stages (lint, unit_tests, build_image, integration_tests, push) each with status (pending, queued, running, passed, failed, skipped, halted — halted: an earlier stage failed), start and end times, duration against the expected one, and the GitHub job log link. Agent orchestrators, admins and viewers (pp.agents.read); NotFoundError for an unknown agent_id.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.pipeline.input),
      output: ppActionOutputSchema(
        z.object({ pipeline: ppCicdPipelineSchema }),
      ),
    },
    action: ppActionHandler(guard, api.pipeline, {
      name: 'pp-agents-cicd-pipeline',
      output: pipeline => ({ pipeline: { ...pipeline } }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-agent-handoff-queue',
    title: 'List the agent handoff review queue',
    description:
      'Handoffs to the service team of a status (default pending; accepted, rejected), the nearest 24 h review deadline first, paged with limit (1-200, default 25) and offset: each with its agent_id, the 8-item checklist as PP evaluated it (verified, contradicted, unknown or manual per item, with the problem of an unsatisfied one), and the OLA (deadline, reminder time, state on_track, reminder_due, breached, met, met_late). Infrastructure engineers and admins (pp.handoff.accept).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      // the parsed side of the query: numbers, as JSON has them
      input: ppActionInputSchema(api.handoffQueue.input, { io: 'output' }),
      output: ppActionOutputSchema(ppHandoffPageSchema),
    },
    action: ppActionHandler(guard, api.handoffQueue, {
      name: 'pp-agent-handoff-queue',
      output: ppActionPage,
    }),
  });
}

/** An agent's operational readiness for AI agents (MCP): read only (overrides need a person). */
export function registerReadinessActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: ReadinessApi;
}) {
  const { actionsRegistry, guard, api } = opts;
  actionsRegistry.register({
    name: 'pp-agents-readiness-get',
    title: 'Get an agent’s operational readiness parameters',
    description:
      'The operational parameters in force for an agent by agent_id (from pp-agents-create): platform rate limits (API calls per minute, LLM tokens per hour), quotas (concurrent executions, memory in GB, CPUs) and monitoring (health check interval in seconds, log and metric retention in days), each with its source (config_default, or override with who, when and why) and the override history; and the customers’ settings per subscription from the Customer Portal (working hours, approval threshold, data freshness, error tolerance, budget limit), or why they could not be read. Agent orchestrators, infrastructure engineers, admins and viewers (pp.agents.readiness.read); NotFoundError for an agent without a creation.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.get.input),
      output: ppActionOutputSchema(
        z.object({ readiness: ppAgentReadinessSchema }),
      ),
    },
    action: ppActionHandler(guard, api.get, {
      name: 'pp-agents-readiness-get',
      output: readiness => ({ readiness: { ...readiness } }),
    }),
  });
}

/** The upgrade read for AI agents (MCP), over the same command as `GET /upgrades/{upgrade_id}`. */
export function registerUpgradeActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: UpgradesApi;
}) {
  const { actionsRegistry, guard, api } = opts;
  actionsRegistry.register({
    name: 'pp-agent-upgrade-status',
    title: 'Get an agent upgrade’s status, traffic split and gates',
    description:
      'One blue-green agent upgrade by upgrade_id (from the agent’s upgrades in the portal or POST /pp/v1/agents/{agent_id}/upgrades): its status (pending, deploying, smoke_testing, canary, promoting, completed, rolled_back), from and to version, the traffic split PP means to have (blue and green percent), what it waits for, each analysis gate (error rate at most 5 %, p95 at most 2× the baseline) with its threshold, the value measured on the new version and the verdict, the rollback reason, and the steps with their times. Agent orchestrators, infrastructure engineers, admins and viewers (pp.upgrades.read); NotFoundError for an unknown upgrade_id.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.get.input),
      output: ppActionOutputSchema(z.object({ upgrade: ppUpgradeSchema })),
    },
    action: ppActionHandler(guard, api.get, {
      name: 'pp-agent-upgrade-status',
      output: upgrade => ({ upgrade: { ...upgrade } as any }),
    }),
  });
}

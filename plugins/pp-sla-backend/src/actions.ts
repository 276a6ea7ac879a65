import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ppOlaClockPageSchema,
  ppSlaBreachPageSchema,
  ppSlaComplianceSchema,
} from '@internal/plugin-pp-common';
import {
  ppActionHandler,
  ppActionInputSchema,
  ppActionOutputSchema,
  ppActionPage,
  PpGuard,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
import { SlaApi } from './service/slaApi';

/**
 * SLA/OLA reads for AI agents (MCP): an agent's compliance, open breaches, OLA clocks — adapters
 * over the same commands as the routes (`service/slaApi.ts`).
 */
export function registerSlaActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: SlaApi;
}) {
  const { actionsRegistry, guard, api } = opts;

  actionsRegistry.register({
    name: 'pp-sla-compliance',
    title: 'Get an agent’s 30-day SLA compliance',
    description:
      'An agent’s SLA compliance by agent_id (a catalog ai-agent name, e.g. sales-prospecting-sdr): status (compliant, warning: a metric within 10 % of its target, breach: a target missed), the overall share of compliant days, per metric (uptime, response_time_p95, error_rate, support_response, critical_resolution) the 30-day value against its target, the daily rows, open and recent breaches and maintenance windows. Next: pp-sla-breaches for the breach history. Agent orchestrators, infrastructure engineers, admins and viewers (pp.sla.read); NotFoundError for an agent without an SLA.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.compliance.input),
      output: ppActionOutputSchema(
        z.object({ compliance: ppSlaComplianceSchema }),
      ),
    },
    action: ppActionHandler(guard, api.compliance, {
      name: 'pp-sla-compliance',
      output: compliance => ({ compliance: { ...compliance } as any }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-sla-breaches',
    title: 'List SLA and OLA breaches (open ones with open=true)',
    description:
      'Breaches newest first, paged with limit (1-200) and offset; filters agent_id, kind (sla, ola) and open (true: still breached). Each with its metric, start, end, duration, severity, root cause and linked ticket. Agent orchestrators, infrastructure engineers, admins and viewers (pp.sla.read).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.breaches.input, { io: 'output' }),
      output: ppActionOutputSchema(ppSlaBreachPageSchema),
    },
    action: ppActionHandler(guard, api.breaches, {
      name: 'pp-sla-breaches',
      output: ppActionPage,
    }),
  });

  actionsRegistry.register({
    name: 'pp-ola-clocks',
    title: 'List OLA clocks, nearest deadline first',
    description:
      'Every handoff or ticket timed against an OLA: the OLA’s name, the subject, start, stop, deadline, state (running, met, breached, met_late) and elapsed minutes; filter state, paged with limit and offset. Agent orchestrators, infrastructure engineers, admins and viewers (pp.sla.read).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.clocks.input, { io: 'output' }),
      output: ppActionOutputSchema(ppOlaClockPageSchema),
    },
    action: ppActionHandler(guard, api.clocks, {
      name: 'pp-ola-clocks',
      output: ppActionPage,
    }),
  });
}

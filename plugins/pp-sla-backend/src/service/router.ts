import {
  ppCustomerSlaSchema,
  ppOlaClockPageSchema,
  ppOlaDefinitionPageSchema,
  ppOlaDefinitionSchema,
  ppSlaBreachPageSchema,
  ppSlaBreachSchema,
  ppSlaComplianceListSchema,
  ppSlaComplianceSchema,
  ppSlaCreditPageSchema,
  ppSlaDefinitionPageSchema,
  ppSlaDefinitionSchema,
  ppSlaMaintenanceWindowPageSchema,
  ppSlaMaintenanceWindowSchema,
} from '@internal/plugin-pp-common';
import {
  PpGuard,
  createPpApiRouter,
  parseInput,
  ppAuditErrors,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
import { SlaApi } from './slaApi';
import { SlaService } from './SlaService';

const subscriptionParams = z.object({
  subscription_id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'a subscription id'),
});

/** HTTP of the SLA/OLA block of the contract and its extras, relative to /pp/v1. */
export function createRouter(options: {
  api: SlaApi;
  service: SlaService;
  guard: PpGuard;
}) {
  const { api, guard, service } = options;
  const routes = createPpApiRouter({
    pluginId: 'pp-sla',
    title: 'SLA and OLA management',
    guard,
  });

  routes.post('/sla-definitions', {
    command: api.createDefinition,
    summary: 'Define (a new version of) an agent’s SLA',
    description:
      'standard and premium take their targets from the templates in config (pp.sla.templates); custom overrides any target of the standard template. Each call is a new version from effective_from (default now), which never starts before the version in force: days already computed keep the version they were computed against.',
    status: 201,
    response: ppSlaDefinitionSchema,
  });
  routes.get('/sla-definitions', {
    command: api.listDefinitions,
    summary:
      'SLA definitions: every agent’s version in force, or one agent’s versions',
    response: ppSlaDefinitionPageSchema,
  });
  routes.get('/agents/{agent_id}/sla-compliance', {
    command: api.compliance,
    summary: 'An agent’s 30-day SLA compliance',
    description:
      'Per metric (uptime, p95 response time, error rate, support response, critical incident resolution) the window’s value against the target, whether it is met or within 10 % of it, and the share of days it was met; the overall share; the status (compliant, warning, breach); the daily rows the scheduled job computed; open and recent breaches; maintenance windows. 404 for an agent without an SLA.',
    response: ppSlaComplianceSchema,
  });
  routes.get('/sla/compliance', {
    command: api.dashboard,
    summary: 'The compliance dashboard: agents with an SLA and their status',
    response: ppSlaComplianceListSchema,
  });
  routes.get('/sla/breaches', {
    command: api.breaches,
    summary: 'SLA and OLA breaches, newest first',
    response: ppSlaBreachPageSchema,
  });
  routes.put('/sla/breaches/{breach_id}', {
    command: api.updateBreach,
    summary: 'Record a breach’s root cause and the ticket about it',
    response: ppSlaBreachSchema,
  });
  routes.post('/ola-definitions', {
    command: api.createOla,
    summary: 'Define an OLA between two teams',
    description:
      'The commitment (minutes) from the start event to the stop event: handoff_submitted → handoff_accepted (orchestration), ticket_created → ticket_first_response (helpdesk). The OLA job times every handoff or ticket against it; a clock past its deadline is a breach, told to the provider team’s on-call engineers.',
    status: 201,
    response: ppOlaDefinitionSchema,
  });
  routes.get('/ola-definitions', {
    command: api.listOlas,
    summary: 'The OLAs',
    response: ppOlaDefinitionPageSchema,
  });
  routes.get('/ola/clocks', {
    command: api.clocks,
    summary: 'OLA clocks, nearest deadline first',
    response: ppOlaClockPageSchema,
  });
  routes.get('/sla/maintenance-windows', {
    command: api.listMaintenance,
    summary: 'Maintenance windows',
    response: ppSlaMaintenanceWindowPageSchema,
  });
  routes.post('/sla/maintenance-windows', {
    command: api.createMaintenance,
    summary: 'Schedule a maintenance window for a service or an agent',
    description:
      'Time inside it is excluded from SLA compliance; the health plugin gets a maintenance silence for the same window, so its alerts are recorded but nobody is paged.',
    status: 201,
    response: ppSlaMaintenanceWindowSchema,
  });
  routes.get('/sla/credits', {
    command: api.credits,
    summary: 'Month-end SLA credits (admins)',
    response: ppSlaCreditPageSchema,
  });
  routes.get('/sla/credits/export', {
    command: api.exportCredits,
    summary: 'Export the SLA credits as CSV (admins, audited)',
    rawResponse: {
      contentType: 'text/csv',
      description:
        'One line per credit: month, agent, uptime, credit %, amount',
    },
    send: (_req, res, csv) => {
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader(
        'Content-Disposition',
        'attachment; filename="sla-credits.csv"',
      );
      res.send(csv);
    },
  });
  routes.get('/subscriptions/{subscription_id}/sla', {
    access: 'service',
    summary: 'A subscription’s agent SLA, as its customer may see it',
    description:
      'For the Customer Portal’s service principal: the agent’s targets, 30-day compliance and breaches (metric, times, severity) — no root causes, tickets or OLA data.',
    response: ppCustomerSlaSchema,
    handler: async (req, res) => {
      await guard.authorizeServicePrincipal(req, res);
      const { subscription_id } = parseInput(
        subscriptionParams,
        req.params,
        'path',
      );
      res.json(await service.customerSla(subscription_id));
    },
  });

  routes.router.use(ppAuditErrors(guard));
  return routes;
}

import {
  PP_OLA_CLOCK_STATES,
  ppOlaCreatePermission,
  ppOlaDefinitionCreateSchema,
  ppPageQuerySchema,
  ppSlaBreachUpdateSchema,
  ppSlaBreachesUpdatePermission,
  ppSlaComplianceQuerySchema,
  ppSlaCreatePermission,
  ppSlaCreditsReadPermission,
  ppSlaDefinitionCreateSchema,
  ppSlaMaintenanceManagePermission,
  ppSlaMaintenanceWindowCreateSchema,
  ppSlaReadPermission,
} from '@internal/plugin-pp-common';
import { clampPage, ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { SlaService } from './SlaService';

const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'lower-case letters, digits, _ and -');
const uuidish = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'an id');
const boolFromQuery = z
  .enum(['true', 'false'])
  .transform(v => v === 'true')
  .optional();

/**
 * The SLA/OLA use cases, each once (permission, input, call, audit), shared by the routes
 * (`router.ts`) and the MCP actions (`actions.ts`).
 */
export function slaApi(service: SlaService) {
  return {
    createDefinition: ppCommand({
      name: 'pp.sla.create',
      permission: ppSlaCreatePermission,
      input: ppSlaDefinitionCreateSchema,
      run: (ctx, input) => service.createDefinition(input, ctx.principal),
      audit: out => ({
        resource: `agent:${out.agent_id}`,
        outcome: 'success' as const,
        details: {
          definition_id: out.id,
          version: out.version,
          type: out.type,
          effective_from: out.effective_from,
        },
      }),
    }),
    listDefinitions: ppCommand({
      name: 'pp.sla.read',
      permission: ppSlaReadPermission,
      input: ppPageQuerySchema.extend({ agent_id: agentId.optional() }),
      run: (_ctx, { agent_id, limit, offset }) =>
        service.listDefinitions({ agent_id, ...clampPage(limit, offset) }),
    }),
    compliance: ppCommand({
      name: 'pp.sla.read',
      permission: ppSlaReadPermission,
      input: z.object({ agent_id: agentId }),
      run: (_ctx, { agent_id }) => service.compliance(agent_id),
    }),
    dashboard: ppCommand({
      name: 'pp.sla.read',
      permission: ppSlaReadPermission,
      input: ppSlaComplianceQuerySchema,
      run: (_ctx, q) =>
        service.dashboard({ ...q, ...clampPage(q.limit, q.offset) }),
    }),
    breaches: ppCommand({
      name: 'pp.sla.read',
      permission: ppSlaReadPermission,
      input: ppPageQuerySchema.extend({
        agent_id: agentId.optional(),
        kind: z.enum(['sla', 'ola']).optional(),
        open: boolFromQuery.describe('true: still breached; false: ended.'),
      }),
      run: (_ctx, q) =>
        service.breaches({ ...q, ...clampPage(q.limit, q.offset) }),
    }),
    updateBreach: ppCommand({
      name: 'pp.sla.breaches.update',
      permission: ppSlaBreachesUpdatePermission,
      input: ppSlaBreachUpdateSchema.extend({ breach_id: uuidish }),
      run: (_ctx, { breach_id, ...change }) =>
        service.updateBreach(breach_id, change),
      audit: out => ({
        resource: out.agent_id ? `agent:${out.agent_id}` : `ola:${out.ola_id}`,
        outcome: 'success' as const,
        details: { breach_id: out.id, ticket_id: out.ticket_id },
      }),
    }),
    createOla: ppCommand({
      name: 'pp.ola.create',
      permission: ppOlaCreatePermission,
      input: ppOlaDefinitionCreateSchema,
      run: (ctx, input) => service.createOla(input, ctx.principal),
      audit: out => ({
        resource: `ola:${out.id}`,
        outcome: 'success' as const,
        details: {
          name: out.name,
          provider_team: out.provider_team,
          consumer_team: out.consumer_team,
          commitment_minutes: out.commitment_minutes,
        },
      }),
    }),
    listOlas: ppCommand({
      name: 'pp.sla.read',
      permission: ppSlaReadPermission,
      input: ppPageQuerySchema,
      run: (_ctx, q) => service.listOlas(clampPage(q.limit, q.offset)),
    }),
    clocks: ppCommand({
      name: 'pp.sla.read',
      permission: ppSlaReadPermission,
      input: ppPageQuerySchema.extend({
        state: z.enum(PP_OLA_CLOCK_STATES).optional(),
      }),
      run: (_ctx, q) =>
        service.clocks({ state: q.state, ...clampPage(q.limit, q.offset) }),
    }),
    createMaintenance: ppCommand({
      name: 'pp.sla.maintenance.manage',
      permission: ppSlaMaintenanceManagePermission,
      input: ppSlaMaintenanceWindowCreateSchema,
      run: (ctx, input) => service.createMaintenance(input, ctx.principal),
      audit: out => ({
        resource: out.agent_id
          ? `agent:${out.agent_id}`
          : `service:${out.service_id}`,
        outcome: 'success' as const,
        details: {
          window_id: out.id,
          starts_at: out.starts_at,
          ends_at: out.ends_at,
          health_silence_id: out.health_silence_id,
        },
      }),
    }),
    listMaintenance: ppCommand({
      name: 'pp.sla.read',
      permission: ppSlaReadPermission,
      input: ppPageQuerySchema.extend({
        service_id: z.string().max(100).optional(),
        agent_id: agentId.optional(),
      }),
      run: (_ctx, q) =>
        service.listMaintenance({ ...q, ...clampPage(q.limit, q.offset) }),
    }),
    credits: ppCommand({
      name: 'pp.sla.credits.read',
      permission: ppSlaCreditsReadPermission,
      input: ppPageQuerySchema,
      run: (_ctx, q) => service.credits(clampPage(q.limit, q.offset)),
    }),
    exportCredits: ppCommand({
      name: 'pp.sla.credits.export',
      permission: ppSlaCreditsReadPermission,
      input: z.object({}),
      run: () => service.creditsCsv(),
      audit: () => ({ resource: 'sla-credits', outcome: 'success' as const }),
    }),
  };
}

/** @public */
export type SlaApi = ReturnType<typeof slaApi>;

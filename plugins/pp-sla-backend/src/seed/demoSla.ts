/*
 * DEMO / DEV ONLY. The embedded default's SLA definitions: the catalog's ai-agent entities
 * (catalog/agents.yaml) get an SLA so the compliance dashboard is not empty. Only when
 * `pp.demo.enabled` is on (and `pp.sla.demo.enabled` is not off); refused in production.
 */
import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PpPrincipal } from '@internal/plugin-pp-node';
import type { SlaStore } from '../database/SlaStore';
import type { SlaService } from '../service/SlaService';

/** DEMO: the catalog's agents, their monitored service and SLA type. */
export const DEMO_SLA_AGENTS = [
  {
    agent_id: 'genesis-validator',
    service_id: 'genesis-validator-service',
    type: 'premium' as const,
  },
  {
    agent_id: 'marketing-content-strategist',
    service_id: 'agent-execution-engine',
    type: 'standard' as const,
  },
  {
    agent_id: 'education-jee-math-tutor',
    service_id: 'agent-execution-engine',
    type: 'standard' as const,
  },
  {
    agent_id: 'sales-prospecting-sdr',
    service_id: 'agent-execution-engine',
    type: 'standard' as const,
  },
];

export function slaDemoEnabled(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const on = Boolean(
    config.getOptionalBoolean('pp.demo.enabled') &&
      config.getOptionalBoolean('pp.sla.demo.enabled') !== false,
  );
  if (on && env.NODE_ENV === 'production') {
    throw new Error(
      'The SLA demo definitions (pp.demo.enabled, pp.sla.demo.enabled) are on, but NODE_ENV is production: turn pp.demo.enabled off',
    );
  }
  return on;
}

/** DEMO: defines the demo agents' SLAs once (an agent that has one is left alone). */
export async function seedDemoSla(opts: {
  store: SlaStore;
  service: SlaService;
  logger: LoggerService;
  now: Date;
}) {
  const demo: PpPrincipal = {
    kind: 'bootstrap',
    id: 'pp-demo-seed',
    ref: 'pp-demo-seed',
    name: 'Demo data',
    email: null,
    status: 'active',
    roles: ['admin'],
    entityRef: null,
  };
  let created = 0;
  for (const a of DEMO_SLA_AGENTS) {
    if ((await opts.store.definitions(a.agent_id)).length) continue;
    await opts.service.createDefinition(
      {
        agent_id: a.agent_id,
        service_id: a.service_id,
        type: a.type,
        effective_from: new Date(
          opts.now.getTime() - 60 * 24 * 3_600_000,
        ).toISOString(),
        credit_base_amount: a.type === 'premium' ? 2000 : 500,
        currency: 'EUR',
      },
      demo,
    );
    created++;
  }
  if (created) opts.logger.info(`DEMO: ${created} demo SLA definitions seeded`);
}

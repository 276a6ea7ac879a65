/*
 * Where demo data may appear: only for the seeded demo services (the catalog's 13 services of the
 * spec, catalog/services.yaml), only outside production. A service registered later is real: it is
 * actively checked and gets no generated figures, even with the demo on.
 */
import { Config } from '@backstage/config';

/** The spec's 13 monitored microservices (Stage 2), as seeded in catalog/services.yaml. */
export const PP_DEMO_SERVICE_IDS: readonly string[] = [
  'authentication-service',
  'customer-portal-backend',
  'agent-execution-engine',
  'orchestration-service',
  'payment-service',
  'notification-service',
  'analytics-service',
  'helpdesk-service',
  'subscription-service',
  'marketplace-service',
  'trial-management-service',
  'webhook-service',
  'genesis-validator-service',
];

const demoIds = new Set(PP_DEMO_SERVICE_IDS);

/** Is this one of the seeded demo services (the only ones the demo generator writes for)? */
export function isDemoService(serviceId: string): boolean {
  return demoIds.has(serviceId);
}

/** The demo switches as configured: `pp.demo.enabled`, and `pp.health.demo.enabled` (default on). */
export function healthDemoConfigured(config: Config): boolean {
  return Boolean(
    config.getOptionalBoolean('pp.demo.enabled') &&
      config.getOptionalBoolean('pp.health.demo.enabled') !== false,
  );
}

/**
 * Throws at start-up when the health demo is switched on in a production process
 * (NODE_ENV=production): generated heartbeats and log lines must never mix with real ones.
 */
export function assertHealthDemoAllowed(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (env.NODE_ENV === 'production' && healthDemoConfigured(config)) {
    throw new Error(
      'The health demo data generator (pp.demo.enabled, pp.health.demo.enabled) is on, but ' +
        'NODE_ENV is production: refusing to start. It writes generated heartbeats and log lines ' +
        'for the seeded demo services; turn pp.demo.enabled off (app-config.production.yaml does) ' +
        'or run outside production.',
    );
  }
}

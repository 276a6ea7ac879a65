import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import type { Config } from '@backstage/config';
import type { PpSlaTargets } from '@internal/plugin-pp-common';
import {
  createPpGuard,
  ppApiRegistryServiceRef,
  ppIdentityServiceRef,
  ppNotifierServiceRef,
} from '@internal/plugin-pp-node';
import { registerSlaActions } from './actions';
import { DatabaseSlaStore } from './database/DatabaseSlaStore';
import { CreditStep, DEFAULT_CREDIT_TABLE } from './domain/compliance';
import { DEFAULT_TEMPLATES, SlaTemplates } from './domain/definitions';
import { seedDemoSla, slaDemoEnabled } from './seed/demoSla';
import { PagerDutyClient, readPagerDutyConfig } from './service/pagerDuty';
import { SlaJobs } from './service/SlaJobs';
import { SlaService } from './service/SlaService';
import { slaApi } from './service/slaApi';
import { createRouter } from './service/router';
import { HttpSlaSources } from './service/sources';

const TARGET_KEYS: Array<keyof PpSlaTargets> = [
  'response_time_p95_ms',
  'uptime_percent',
  'error_rate_percent',
  'support_response_hours',
  'critical_resolution_hours',
];

/** `pp.sla.templates.standard` / `.premium` over the defaults. */
export function readSlaTemplates(config: Config): SlaTemplates {
  const read = (type: 'standard' | 'premium'): PpSlaTargets => {
    const out = { ...DEFAULT_TEMPLATES[type] };
    for (const k of TARGET_KEYS) {
      const v = config.getOptionalNumber(`pp.sla.templates.${type}.${k}`);
      if (v !== undefined) out[k] = v;
    }
    return out;
  };
  return { standard: read('standard'), premium: read('premium') };
}

/** `pp.sla.creditTable`, or the spec's example table. */
export function readCreditTable(config: Config): CreditStep[] {
  const steps = config.getOptionalConfigArray('pp.sla.creditTable');
  if (!steps) return DEFAULT_CREDIT_TABLE;
  return steps.map(s => ({
    below: s.getNumber('below'),
    percent: s.getNumber('percent'),
  }));
}

/**
 * The compliance job's schedule: every `pp.sla.complianceIntervalSeconds` when set (end-to-end
 * runs recompute in seconds), else every `pp.sla.complianceIntervalMinutes` (default 60); the
 * first run after a minute, or after one interval when that is shorter.
 */
export function complianceSchedule(config: Config): {
  frequency: { seconds: number };
  initialDelay: { seconds: number };
} {
  const seconds =
    config.getOptionalNumber('pp.sla.complianceIntervalSeconds') ??
    (config.getOptionalNumber('pp.sla.complianceIntervalMinutes') ?? 60) * 60;
  if (!(seconds > 0)) {
    throw new Error(
      'The SLA compliance interval (pp.sla.complianceIntervalSeconds or pp.sla.complianceIntervalMinutes) must be more than 0',
    );
  }
  return {
    frequency: { seconds },
    initialDelay: { seconds: Math.min(60, seconds) },
  };
}

/**
 * The Platform Portal SLA/OLA plugin (spec Stage 7): `/pp/v1/sla-definitions`,
 * `/pp/v1/agents/{agent_id}/sla-compliance`, `/pp/v1/ola-definitions`, the `/pp/v1/sla` and
 * `/pp/v1/ola` extras and the Customer Portal's `/pp/v1/subscriptions/{id}/sla`; the daily
 * compliance, month-end credit and OLA clock jobs.
 *
 * @public
 */
export const ppSlaPlugin = createBackendPlugin({
  pluginId: 'pp-sla',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        actionsRegistry: actionsRegistryServiceRef,
        database: coreServices.database,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        identity: ppIdentityServiceRef,
        notifier: ppNotifierServiceRef,
        apiRegistry: ppApiRegistryServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        const demo = slaDemoEnabled(config);
        const store = await DatabaseSlaStore.create({
          database: deps.database,
        });
        // the health, helpdesk, orchestration and subscriptions plugins are read over HTTP as
        // this plugin's principal
        await deps.identity.users.ensurePluginPrincipal({
          pluginId: 'pp-sla',
          name: 'SLA and OLA management (Platform Portal)',
          roles: ['infrastructure_engineer', 'viewer'],
        });
        const sources = new HttpSlaSources({
          discovery: deps.discovery,
          auth: deps.auth,
          logger,
          catalog: deps.catalog,
        });
        const service = new SlaService({
          store,
          sources,
          notifier: deps.notifier,
          templates: readSlaTemplates(config),
        });
        const pd = readPagerDutyConfig(config);
        const jobs = new SlaJobs({
          store,
          sources,
          notifier: deps.notifier,
          logger,
          creditTable: readCreditTable(config),
          pagerDuty: pd ? new PagerDutyClient(pd) : undefined,
          customerEmails:
            config.getOptionalBoolean('pp.sla.customerEmails.enabled') ?? false,
        });
        const guard = createPpGuard(deps);
        const api = slaApi(service);
        const initialDelay = config.getOptionalNumber(
          'pp.sla.jobsInitialDelaySeconds',
        );
        registerSlaActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api,
        });
        // DEMO: before the routes, so the dashboard never starts empty
        if (demo) {
          await seedDemoSla({ store, service, logger, now: new Date() }).catch(
            e => logger.warn(`DEMO: SLA definitions not seeded: ${e}`),
          );
        }
        const routes = createRouter({ api, service, guard });
        deps.apiRegistry.register(routes);
        deps.httpRouter.use(routes.router);
        deps.httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });

        await scheduler.scheduleTask({
          id: 'pp-sla-daily-compliance',
          scope: 'global',
          ...complianceSchedule(config),
          timeout: { minutes: 10 },
          // the benchmarks keep the scheduled run away (pp.sla.jobsInitialDelaySeconds)
          ...(initialDelay !== undefined
            ? { initialDelay: { seconds: initialDelay } }
            : {}),
          fn: async () => {
            const run = await jobs.runDaily();
            logger.info(
              `SLA compliance: ${run.computed} agents computed, ${run.failed} failed`,
            );
          },
        });
        await scheduler.scheduleTask({
          id: 'pp-sla-month-end-credits',
          scope: 'global',
          // daily: the first run after a month ends creates its credits, later runs find them
          frequency: { hours: 6 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: initialDelay ?? 300 },
          fn: async () => {
            const run = await jobs.runCredits();
            if (run.created) {
              logger.info(
                `SLA credits: ${run.created} created for ${run.month}`,
              );
            }
          },
        });
        await scheduler.scheduleTask({
          id: 'pp-sla-customer-notices',
          scope: 'global',
          // the customer emails of running breaches whose contacts could not be read
          frequency: { minutes: 5 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: initialDelay ?? 120 },
          fn: async () => {
            const run = await jobs.retryCustomerNotices();
            if (run.sent || run.dropped) {
              logger.info(
                `SLA customer emails: ${run.sent} breaches emailed late, ${run.dropped} given up`,
              );
            }
          },
        });
        await scheduler.scheduleTask({
          id: 'pp-sla-ola-clocks',
          scope: 'global',
          frequency: {
            seconds: config.getOptionalNumber('pp.sla.olaCheckSeconds') ?? 300,
          },
          timeout: { minutes: 5 },
          initialDelay: { seconds: initialDelay ?? 90 },
          fn: async () => {
            const run = await jobs.runOla();
            if (run.breached)
              logger.info(`OLA clocks: ${run.breached} breached`);
          },
        });
      },
    });
  },
});

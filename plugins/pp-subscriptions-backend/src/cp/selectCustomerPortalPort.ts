import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type {
  CustomerPortalPort,
  CustomerSettingsPort,
} from './CustomerPortalPort';
import { DemoCustomerPortalPort } from './DemoCustomerPortalPort';
import {
  CpApiSettings,
  HttpCustomerPortalPort,
} from './HttpCustomerPortalPort';

/**
 * The CP port the plugin runs with: CP's API when `pp.customerPortal.api.baseUrl` is set; the
 * demo CP's in-process port when the connector is the demo CP; otherwise none (force-cancel
 * answers 503).
 */
export function selectCustomerPortalPort(options: {
  api?: CpApiSettings;
  connector: { kind: 'cp' | 'demo' | 'none'; demoDb?: Knex };
  logger?: LoggerService;
}): (CustomerPortalPort & CustomerSettingsPort) | undefined {
  const { api, connector, logger } = options;
  if (api) return new HttpCustomerPortalPort(api);
  if (connector.kind === 'demo' && connector.demoDb) {
    logger?.info('Force-cancel writes to the demo Customer Portal');
    return new DemoCustomerPortalPort(connector.demoDb);
  }
  logger?.warn(
    'pp.customerPortal.api.baseUrl is not configured: force-cancel and customer settings answer 503',
  );
  return undefined;
}

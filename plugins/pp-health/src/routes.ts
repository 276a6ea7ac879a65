import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The health dashboard, `/pp/health`. */
export const rootRouteRef = createRouteRef();

/** Its tabs. `services` also holds the detail view `/pp/health/services/:serviceId`. */
export const servicesRouteRef = createRouteRef();
export const queuesRouteRef = createRouteRef();
export const logsRouteRef = createRouteRef();
export const alertsRouteRef = createRouteRef();
export const thresholdsRouteRef = createRouteRef();

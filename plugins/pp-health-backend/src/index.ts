/**
 * Platform Portal health monitoring backend plugin.
 *
 * @packageDocumentation
 */
export { ppHealthPlugin as default } from './plugin';
export { HealthStore } from './service/HealthStore';
export { HealthService } from './service/HealthService';
export { AlertEvaluator } from './service/alerts';

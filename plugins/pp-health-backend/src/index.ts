/**
 * Platform Portal health monitoring backend plugin.
 *
 * @packageDocumentation
 */
export { ppHealthPlugin as default } from './plugin';
export type { HealthStore } from './database/HealthStore';
export {
  DatabaseHealthStore,
  migrateHealth,
} from './database/DatabaseHealthStore';
export { HealthQueries } from './service/HealthQueries';
export { HealthCommands } from './service/HealthCommands';
export { AlertEvaluator } from './service/alerts';

import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { DatabaseQueueCollectors } from './DatabaseQueueCollectors';
import { QueueCollectors } from './types';

export type { QueueCollectors, QueueSystemCollector } from './types';
export { DatabaseQueueCollectors } from './DatabaseQueueCollectors';
export { createQueuesRouter } from './router';
export {
  scheduleHealthDataTasks,
  runHealthDataRetention,
  healthDataRetention,
} from './tasks';
export { registerHealthDataActions } from '../logs/actions';

/** The queue collectors configured under `pp.health.queues`. */
export function createQueueCollectors(opts: {
  config: Config;
  logger: LoggerService;
  db: Knex;
  now?: () => Date;
}): QueueCollectors {
  return new DatabaseQueueCollectors(opts);
}

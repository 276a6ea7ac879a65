export type { LogLine, LogStore } from './types';
export { DatabaseLogStore } from './DatabaseLogStore';
export type { DatabaseLogStoreOptions } from './DatabaseLogStore';
export { ElasticsearchLogStore } from './ElasticsearchLogStore';
export { createLogStore } from './createLogStore';
export { createLogsRouter } from './router';
export { registerHealthDataActions } from './actions';
export {
  seedDemoLogs,
  scheduleDemoLogs,
  PP_DEMO_LOG_SERVICES,
} from './demoLogs';

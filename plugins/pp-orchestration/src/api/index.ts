export { ppOrchestrationApiRef } from './PpOrchestrationApi';
export type { PpOrchestrationApi } from './PpOrchestrationApi';
export { PpOrchestrationClient } from './PpOrchestrationClient';

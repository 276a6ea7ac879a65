export { HealthSummaryCard } from './HealthSummaryCard';
export { OpenAlertsCard } from './OpenAlertsCard';
export { QueueBacklogCard } from './QueueBacklogCard';

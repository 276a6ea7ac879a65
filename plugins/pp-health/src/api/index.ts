export { ppHealthApiRef } from './PpHealthApi';
export type { PpHealthApi, PpCached, PpListAlertsQuery } from './PpHealthApi';
export { PpHealthClient, parseMaxAge } from './PpHealthClient';

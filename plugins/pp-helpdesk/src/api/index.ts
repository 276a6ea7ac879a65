export { ppHelpdeskApiRef } from './PpHelpdeskApi';
export type { PpHelpdeskApi } from './PpHelpdeskApi';
export { PpHelpdeskClient } from './PpHelpdeskClient';

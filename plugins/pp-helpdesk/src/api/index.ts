export { ppHelpdeskApiRef } from './PpHelpdeskApi';
export type { PpHelpdeskApi, PpVersioned } from './PpHelpdeskApi';
export { PpHelpdeskClient } from './PpHelpdeskClient';

/**
 * Platform Portal roles, permissions and shared types, used by PP frontend and backend plugins.
 *
 * @packageDocumentation
 */
export * from './roles';
export * from './permissions';
export * from './permissionLabels';
export * from './access';
export * from './types';
export * from './helpdesk';
export * from './healthData';
export * from './bodyLimits';
export * from './health';
export * from './homeCards';
export * from './backstagePermissions';
export * from './search';
export { describeError } from './describeError';
export {
  PpHttpClient,
  ppQueryString,
  ppResponseError,
  parseMaxAge,
} from './client/PpHttpClient';
export type {
  PpCachedResult,
  PpDiscoveryLike,
  PpFetchLike,
  PpHttpMethod,
  PpQueryValue,
  PpRequestOptions,
} from './client/PpHttpClient';
export * from './subscriptions';
export * from './orchestration';
export * from './orchestrationCatalog';
export * from './readiness';
export * from './sla';
export * from './knowledge';
export * from './healthDaily';
export * from './codegen';
export * from './upgrades';

/**
 * Platform Portal backend helpers shared by every PP plugin: the identity service (users, roles,
 * sessions, API tokens, audit), the request guard, and HTTP helpers.
 *
 * @packageDocumentation
 */
export * from './identity/PpIdentityService';
export * from './identity/DatabaseIdentityStore';
export { looksLikePpApiToken } from './identity/tokens';
export * from './audit/DatabaseAuditStore';
export { auditHash, AUDIT_GENESIS_HASH } from './audit/auditHash';
export * from './audit/auditSecret';
export {
  PP_ANONYMOUS_PRINCIPAL,
  type PpAnonymousDenialCount,
} from './audit/anonymousDenials';
export * from './http/auditErrors';
export * from './sessions/types';
export * from './sessions/MemorySessionStore';
export * from './sessions/RedisSessionStore';
export * from './sessions/CachedSessionStore';
export * from './identity/localCache';
export * from './http/PpGuard';
export * from './http/tokenAuth';
export * from './http/ppExternalTokenHandler';
export * from './http/userTokenCache';
export * from './access/decide';
export * from './access/accessGate';
export * from './access/principalOfCredentials';
export * from './access/ppActionsService';
export {
  createDelegationTokens,
  looksLikeDelegationToken,
} from './access/delegation';
export type { PpDelegationTokens } from './access/delegation';
export * from './http/validation';
export * from './http/etag';
export { ppConfigureAnswerCache, ppAnswerCacheStats } from './http/answerCache';
export * from './http/body';
export * from './http/signedWebhook';
export * from './http/pluginFetch';
export * from './search/searchIndexRouter';
export * from './notify/types';
export * from './notify/DatabaseNotifier';
export * from './notify/ppNotifierService';
export { toIso, likePattern, isPostgres } from './database/util';
export * from './database/changeMarks';
export * from './paging/paging';
export * from './commands/PpCommand';
export * from './commands/actionSchemas';
export * from './openapi/types';
export * from './openapi/PpApiRouter';
export * from './openapi/document';
export * from './openapi/registry';
export * from './rollout/rollout';
export * from './rollout/deploymentTarget';
export * from './rollout/rolloutDriver';
export * from './rollout/DemoDeploymentTarget';
export * from './rollout/SmokeTests';
export * from './rollout/RolloutHealth';
export * from './genesis/genesisClient';

/**
 * The ingest side of pp-knowledge: reading sources into `FetchedRecord`s (api and rss fetchers
 * behind an SSRF guard, uploaded files, signed webhook deliveries), the credential vault, the
 * schedule and test connection. The core (src/service, src/domain) wires these into the
 * ingestion job and the routes.
 */
export type { FetchedRecord, FetchOptions, ScheduleSpec } from './types';
export { DEFAULT_FETCH_OPTIONS } from './types';
export { nextRunAt, isValidTimeZone, zonedTimeToInstant } from './schedule';
export {
  CredentialVault,
  checkCredential,
  isSealed,
  isSecretReference,
  SECRET_NAME_PREFIX,
  type CredentialKeySource,
} from './credentials';
export { SourceFetchError } from './errors';
export { fetchApi, recordsOfJson } from './api';
export { fetchRss, recordsOfFeed } from './rss';
export {
  fetchSource,
  readSource,
  readFetchOptions,
  type FetchableSource,
} from './fetchSource';
export { isPrivateAddress, assertFetchableUrl } from './ssrf';
export { parseUpload, UPLOAD_EXTENSIONS } from './upload';
export {
  parseWebhookRecords,
  knowledgeWebhookHandler,
  knowledgeWebhookBodySchema,
  knowledgeWebhookSourceName,
  generateWebhookSecret,
  KNOWLEDGE_WEBHOOK_ROUTE,
  MAX_WEBHOOK_RECORDS,
} from './webhook';
export { testConnection } from './testConnection';

import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { PpAuditVerification, PpHttpClient } from '@internal/plugin-pp-common';

/** The audit log's API (`GET /pp/v1/audit/verify`, admins). @public */
export interface PpAuditApi {
  /** Checks the hash chain and its signed checkpoints (the check is itself audited). */
  verify(): Promise<PpAuditVerification>;
}

/** @public */
export const ppAuditApiRef = createApiRef<PpAuditApi>().with({
  id: 'plugin.pp-users.audit',
  pluginId: 'pp-users',
});

/** The HTTP client of the audit routes of the pp-users backend. @public */
export class PpAuditClient implements PpAuditApi {
  private readonly http: PpHttpClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new PpHttpClient({ pluginId: 'pp-users', ...options });
  }

  verify(): Promise<PpAuditVerification> {
    return this.http.request('GET', '/audit/verify');
  }
}

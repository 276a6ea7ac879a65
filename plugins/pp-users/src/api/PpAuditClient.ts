import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { PpAuditVerification } from '@internal/plugin-pp-common';

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
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async verify(): Promise<PpAuditVerification> {
    const base = await this.options.discoveryApi.getBaseUrl('pp-users');
    const response = await this.options.fetchApi.fetch(`${base}/audit/verify`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}

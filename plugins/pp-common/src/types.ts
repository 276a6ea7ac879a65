import { PpRoleKey } from './roles';

/*
 * JSON shapes of the PP API. Field names are snake_case, as in the contract's request bodies
 * (user_ids, requested_role, expires_in_days). Times are ISO 8601 strings.
 */

/** @public */
export type PpPrincipalKind = 'user' | 'agent' | 'service';

/** @public */
export type PpUserStatus = 'active' | 'inactive' | 'pending';

/** A person, an AI agent or a monitored service known to the portal. @public */
export interface PpUser {
  id: string;
  kind: PpPrincipalKind;
  /** Required for people; optional for agents and services. */
  email: string | null;
  name: string;
  status: PpUserStatus;
  roles: PpRoleKey[];
  /**
   * Roles granted for a limited time, with the moment each ends (ISO 8601); a role not listed is
   * permanent. Admin is always permanent.
   */
  role_expires_at?: Partial<Record<PpRoleKey, string>>;
  /** The catalog entity an agent or service principal acts for, e.g. `component:default/payment-service`. */
  entity_ref: string | null;
  created_at: string;
  updated_at: string;
  last_active_at: string | null;
}

/** One page of a listing. @public */
export interface PpPage<T> {
  items: T[];
  total_count: number;
  limit: number;
  offset: number;
}

/** @public */
export interface PpRoleSummary {
  key: PpRoleKey;
  title: string;
  level: number;
  description: string;
  permissions: string[];
}

/** @public */
export interface PpRoleChange {
  id: string;
  user_id: string;
  action: 'assign' | 'revoke';
  role: PpRoleKey;
  old_roles: PpRoleKey[];
  new_roles: PpRoleKey[];
  changed_by: string;
  reason: string | null;
  changed_at: string;
}

/** @public */
export type PpRoleRequestStatus = 'pending' | 'approved' | 'denied';

/** @public */
export interface PpRoleRequest {
  id: string;
  user_id: string;
  requested_role: PpRoleKey;
  reason: string;
  status: PpRoleRequestStatus;
  decided_by: string | null;
  decision_note: string | null;
  created_at: string;
  decided_at: string | null;
  /** A time-bound request: the role for this many hours from approval; null = permanent. */
  duration_hours?: number | null;
  /** When the approved grant ends (set on approval of a time-bound request). */
  expires_at?: string | null;
}

/** An API token as listed (the secret is shown once, at creation). @public */
export interface PpApiToken {
  id: string;
  user_id: string;
  name: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** @public */
export interface PpApiTokenCreated extends PpApiToken {
  /** The bearer token. Shown once; only its hash is stored. */
  token: string;
}

/** @public */
export type PpAuditOutcome = 'success' | 'denied' | 'failure';

/** @public */
export interface PpAuditRecord {
  id: number;
  principal: string;
  action: string;
  resource: string | null;
  outcome: PpAuditOutcome;
  reason: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
  created_at: string;
  prev_hash: string;
  hash: string;
}

/** @public */
export interface PpAuditVerification {
  ok: boolean;
  checked: number;
  /** The first row whose hash or link does not match, when ok is false. */
  first_broken_id: number | null;
  /** The id of the last row of the chain (null when empty or broken before the end). */
  head_id?: number | null;
  /** What went wrong, in one sentence; null when ok. */
  problem?: string | null;
  /** The signed checkpoints of the chain head (`pp_audit_checkpoints`). */
  checkpoints?: {
    checked: number;
    /** The newest checkpoint that matches the chain. */
    latest: PpAuditCheckpoint | null;
    /** A checkpoint whose HMAC is wrong or that names a row/hash/count the chain does not have. */
    first_broken_id: number | null;
  };
  /**
   * Set when a checkpoint vouches for rows that are gone: the newest rows were deleted
   * (truncation). Rows after `last_present_id` up to `checkpoint.head_id` are missing.
   */
  missing_tail?: {
    checkpoint: PpAuditCheckpoint;
    last_present_id: number | null;
    missing_rows: number;
  } | null;
  /** Rows still hashed with the pre-HMAC scheme (before the hardening migration). */
  legacy_rows?: number;
}

/** A signed record of the audit chain head at one moment. @public */
export interface PpAuditCheckpoint {
  id: number;
  head_id: number;
  head_hash: string;
  row_count: number;
  created_at: string;
}

/** The signed-in principal as the PP API sees it (`GET /pp/v1/users/me`). @public */
export interface PpMe {
  user: PpUser;
  /** Names of every PP permission this principal holds now. */
  permissions: string[];
}

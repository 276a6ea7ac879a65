import { createHash, createHmac } from 'node:crypto';

/** The hash that links the first audit row. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * How a row's `hash` was computed (`pp_audit_logs.hash_version`):
 * 1 = plain sha256 (rows written before the audit hardening; anyone can recompute it),
 * 2 = HMAC-SHA256 keyed with `pp.audit.secret` (recomputing needs the key).
 */
export const AUDIT_HASH_LEGACY = 1;
/** @see AUDIT_HASH_LEGACY */
export const AUDIT_HASH_HMAC = 2;

export interface AuditHashInput {
  principal: string;
  action: string;
  resource: string | null;
  outcome: string;
  reason: string | null;
  request_id: string | null;
  details: string | null;
  created_at: string;
}

function content(prevHash: string, row: AuditHashInput): unknown[] {
  return [
    prevHash,
    row.principal,
    row.action,
    row.resource,
    row.outcome,
    row.reason,
    row.request_id,
    row.details,
    row.created_at,
  ];
}

/**
 * Version 1: sha256 over the previous row's hash and this row's content, in a fixed field order,
 * so that changing, inserting or deleting any row breaks every later link. Only verified for rows
 * written before the audit hardening migration.
 */
export function auditHash(prevHash: string, row: AuditHashInput): string {
  return createHash('sha256')
    .update(JSON.stringify(content(prevHash, row)))
    .digest('hex');
}

/**
 * Version 2: HMAC-SHA256 with the audit secret over the version, the previous row's hash and this
 * row's content. Without the secret nobody can recompute the chain after changing a row.
 */
export function auditHmac(
  secret: string,
  prevHash: string,
  row: AuditHashInput,
): string {
  return createHmac('sha256', secret)
    .update(
      JSON.stringify([
        'pp-audit-row',
        AUDIT_HASH_HMAC,
        ...content(prevHash, row),
      ]),
    )
    .digest('hex');
}

/** The row hash for a given `hash_version`; undefined for an unknown version. */
export function auditRowHash(
  version: number,
  secret: string,
  prevHash: string,
  row: AuditHashInput,
): string | undefined {
  if (version === AUDIT_HASH_LEGACY) return auditHash(prevHash, row);
  if (version === AUDIT_HASH_HMAC) return auditHmac(secret, prevHash, row);
  return undefined;
}

/** What a checkpoint vouches for: the chain head at a moment. */
export interface AuditCheckpointInput {
  head_id: number;
  head_hash: string;
  row_count: number;
  created_at: string;
}

/** HMAC-SHA256 over a checkpoint, so a checkpoint cannot be forged or moved without the key. */
export function auditCheckpointHmac(
  secret: string,
  checkpoint: AuditCheckpointInput,
): string {
  return createHmac('sha256', secret)
    .update(
      JSON.stringify([
        'pp-audit-checkpoint',
        Number(checkpoint.head_id),
        checkpoint.head_hash,
        Number(checkpoint.row_count),
        checkpoint.created_at,
      ]),
    )
    .digest('hex');
}

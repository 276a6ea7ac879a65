import { createHash } from 'node:crypto';

/** The hash that links the first audit row. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

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

/**
 * sha256 over the previous row's hash and this row's content, in a fixed field order, so that
 * changing, inserting or deleting any row breaks every later link.
 */
export function auditHash(prevHash: string, row: AuditHashInput): string {
  const content = JSON.stringify([
    prevHash,
    row.principal,
    row.action,
    row.resource,
    row.outcome,
    row.reason,
    row.request_id,
    row.details,
    row.created_at,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

import { PpGuard, PpRequestContext } from '@internal/plugin-pp-node';

/**
 * The audit record of a ticket write, the same for HTTP routes and agent actions:
 * resource `ticket:<key>`, with the ticket id and the version the write produced.
 */
export function ticketAuditor(guard: PpGuard, extra?: Record<string, unknown>) {
  return (
    ctx: PpRequestContext,
    action: string,
    ticket: { key: string; id: string; version: number },
    details?: Record<string, unknown>,
  ) =>
    guard.audit(ctx, {
      action,
      resource: `ticket:${ticket.key}`,
      details: {
        ticket_id: ticket.id,
        version: ticket.version,
        ...extra,
        ...details,
      },
    });
}

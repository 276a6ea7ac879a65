import type { ErrorRequestHandler, Request } from 'express';
import type { PpGuard, PpRequestContext } from './PpGuard';

/** The caller the guard let through, per request, for the error recorder. */
const contexts = new WeakMap<Request, PpRequestContext>();
/** Errors already in the audit log (the guard's own 401/403 denials). */
const audited = new WeakSet<object>();

/**
 * Remembers who the guard let through on this request, so that an error the route throws later
 * can be recorded with its principal. Called by the guard. @public
 */
export function rememberPpRequestContext<T extends PpRequestContext>(
  req: Request,
  ctx: T,
): T {
  contexts.set(req, ctx);
  return ctx;
}

/** The guard recorded this error already (its own denials); the error recorder skips it. @public */
export function markPpErrorAudited(error: unknown): void {
  if (error && typeof error === 'object') audited.add(error);
}

/** The status Backstage's error handler answers for an error (same rules). */
export function ppErrorStatus(error: unknown): number {
  const e = error as { statusCode?: unknown; status?: unknown; name?: unknown };
  for (const code of [e?.statusCode, e?.status]) {
    if (typeof code === 'number' && Number.isInteger(code)) return code;
  }
  switch (e?.name) {
    case 'NotAllowedError':
      return 403;
    case 'ConflictError':
      return 409;
    case 'AuthenticationError':
      return 401;
    case 'InputError':
      return 400;
    case 'NotFoundError':
      return 404;
    default:
      return 500;
  }
}

/** Answers the audit log must show besides successful writes: refusals and lost races. */
const RECORDED = new Map<number, 'denied' | 'failure'>([
  [403, 'denied'],
  [409, 'failure'],
  [412, 'failure'],
]);

/**
 * Express error middleware, appended to every PP router: every 403 (e.g. a service principal
 * sending a heartbeat or logs for another service), 409 Conflict and 412 Precondition Failed a
 * route throws after the guard let the caller in is appended to the audit chain with the
 * principal, the route, the reason and the status, then the error goes on to Backstage's error
 * handler unchanged. The guard's own denials are recorded by the guard and not twice.
 *
 * @public
 */
export function ppAuditErrors(guard: PpGuard): ErrorRequestHandler {
  return (error, req, _res, next) => {
    const outcome = RECORDED.get(ppErrorStatus(error));
    const ctx = contexts.get(req);
    if (
      !outcome ||
      !ctx ||
      (error && typeof error === 'object' && audited.has(error))
    ) {
      next(error);
      return;
    }
    markPpErrorAudited(error);
    const route = (req as Request & { route?: { path?: unknown } }).route?.path;
    guard
      .audit(ctx, {
        action: `${req.method} ${req.baseUrl}${
          typeof route === 'string' ? route : req.path
        }`,
        resource: req.originalUrl.split('?')[0],
        outcome,
        reason: error instanceof Error ? error.message : String(error),
        details: {
          status: ppErrorStatus(error),
          error: (error as { name?: string })?.name ?? null,
        },
      })
      // The caller gets the route's answer whether or not the record could be written.
      .then(
        () => next(error),
        () => next(error),
      );
  };
}

import { BasicPermission } from '@backstage/plugin-permission-common';
import type { PpBodyRoute } from '@internal/plugin-pp-common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { readJsonBody } from '../http/body';
import { PpAuditEvent, PpGuard, PpRequestContext } from '../http/PpGuard';
import { parseInput } from '../http/validation';
import { notModified } from '../http/etag';
import { ppAnswerScope } from '../http/answerCache';
import { ppChangeMarksWritten } from '../database/changeMarks';

/**
 * One use case of a PP plugin, the same for its HTTP route and its MCP action: the permission it
 * needs, its input schema (validation), what it does, and what the audit log says about it. The
 * adapters (`ppRoute`, `ppAction`) only translate HTTP or an action call into the input and the
 * result back; authorization, validation, the call and the audit happen once, in `runPpCommand`.
 *
 * @public
 */
export interface PpCommand<TInput, TOutput> {
  /** The audit action of a write, e.g. `pp.tickets.create`; reads use their permission name. */
  name: string;
  permission: BasicPermission;
  input: z.ZodType<TInput, any>;
  run(ctx: PpRequestContext, input: TInput): Promise<TOutput>;
  /**
   * Reads: a cheap validator of the output for this input (e.g. the family's change mark, see
   * `readPpChangeMark`), read before `run`. When it is given, a GET's ETag comes from it (with the
   * caller and the input), and an `If-None-Match` that names it is answered 304 without `run`.
   * The output must depend on nothing the validator does not cover.
   */
  version?(ctx: PpRequestContext, input: TInput): Promise<string>;
  /** Writes: the audit record (its action is `name`). Reads leave it out and are not audited. */
  audit?(
    output: TOutput,
    input: TInput,
    ctx: PpRequestContext,
  ): Omit<PpAuditEvent, 'action'>;
}

/** Declares a command with its types inferred. @public */
export function ppCommand<TInput, TOutput>(
  command: PpCommand<TInput, TOutput>,
): PpCommand<TInput, TOutput> {
  return command;
}

/**
 * Runs a command for a caller: `authorize` (the adapter's guard call, so a denial is a 401/403 before
 * any input is read), then `readInput` (the body is read only after the guard), validation (400),
 * the command, and its audit record (`via` tells routes and actions apart).
 *
 * @public
 */
export async function runPpCommand<TInput, TOutput>(
  guard: PpGuard,
  command: PpCommand<TInput, TOutput>,
  caller: {
    authorize(permission: BasicPermission): Promise<PpRequestContext>;
    readInput(ctx: PpRequestContext): Promise<unknown> | unknown;
    via: 'http' | 'actions';
    /** What the input is called in a 400, e.g. `request body`, `query`. */
    what?: string;
    /**
     * Conditional reads: given the command's validator, answers for itself (e.g. a 304) and
     * returns true, or returns false to have the command run.
     */
    revalidate?(version: string, ctx: PpRequestContext, input: TInput): boolean;
  },
): Promise<
  | { ctx: PpRequestContext; output: TOutput; answered?: undefined }
  | { ctx: PpRequestContext; answered: true }
> {
  const ctx = await caller.authorize(command.permission);
  const input = parseInput(
    command.input,
    await caller.readInput(ctx),
    caller.what ?? (caller.via === 'http' ? 'request' : 'input'),
  );
  if (command.version && caller.revalidate) {
    const version = await command.version(ctx, input);
    if (caller.revalidate(version, ctx, input)) return { ctx, answered: true };
  }
  const output = await command.run(ctx, input);
  if (command.audit) {
    // a write committed: this instance's change marks are read from the database again
    ppChangeMarksWritten();
    const event = command.audit(output, input, ctx);
    await guard.audit(ctx, {
      ...event,
      action: command.name,
      details: { ...event.details, via: caller.via },
    });
  }
  return { ctx, output };
}

/**
 * An express handler for a command: the guard, then the body of `body` (its limit from the
 * contract's `body_limit`), then `runPpCommand`; `input` maps path, query, headers and body to the
 * command's input; `send` answers (default: JSON with `status`, 200).
 *
 * @public
 */
export function ppRoute<TInput, TOutput>(
  guard: PpGuard,
  command: PpCommand<TInput, TOutput>,
  opts: {
    body?: PpBodyRoute;
    input: (req: Request, body: unknown) => unknown;
    status?: number;
    send?: (req: Request, res: Response, output: TOutput) => void;
    /** Versioned GETs: how often pollers should ask again (`Cache-Control: private, max-age`). */
    maxAgeSeconds?: number;
  },
) {
  // this route's kept answers (versioned reads)
  const answers = command.version ? ppAnswerScope() : undefined;
  return async (req: Request, res: Response) => {
    // the ETag of a versioned read, set once its validator is known
    let versioned: string | undefined;
    const result = await runPpCommand(guard, command, {
      via: 'http',
      what: opts.body ? 'request body' : 'query',
      authorize: permission => guard.authorize(req, permission, res),
      readInput: async ctx =>
        opts.input(
          req,
          opts.body ? await readJsonBody(req, ctx, opts.body) : undefined,
        ),
      revalidate:
        req.method === 'GET' || req.method === 'HEAD'
          ? (version, ctx, input) => {
              versioned = ppVersionEtag(version, ctx.principal.id, input);
              if (
                notModified(req, res, versioned, {
                  maxAgeSeconds: opts.maxAgeSeconds,
                })
              ) {
                return true;
              }
              // the body this tag stands for, when this instance made it already (not for a
              // caller who asks for a fresh answer)
              const kept = wantsFreshAnswer(req)
                ? undefined
                : answers?.get(versioned, ctx.principal, {
                    gzip: req.acceptsEncodings('gzip') === 'gzip',
                  });
              if (!kept) return false;
              sendJsonBytes(res, opts.status ?? 200, kept.bytes, kept.encoding);
              return true;
            }
          : undefined,
    });
    if (result.answered) return;
    if (versioned && result.output !== undefined) {
      // a versioned answer carries its ETag already (set by notModified), and is kept under it
      const body = Buffer.from(JSON.stringify(result.output));
      answers?.keep(versioned, result.ctx.principal, body);
      sendJsonBytes(res, opts.status ?? 200, body);
    } else if (versioned) res.status(opts.status ?? 200).json(result.output);
    else if (opts.send) opts.send(req, res, result.output);
    else res.status(opts.status ?? 200).json(result.output);
  };
}

/** `Cache-Control: no-cache` on the request: the caller wants the answer made anew. */
function wantsFreshAnswer(req: Request): boolean {
  return /(^|[\s,])no-cache($|[\s,=])/i.test(req.header('cache-control') ?? '');
}

function sendJsonBytes(
  res: Response,
  status: number,
  body: Buffer,
  encoding?: 'gzip',
) {
  res.status(status);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  // the same URL is sent gzipped or not by Accept-Encoding (the compression middleware leaves an
  // encoded body as it is)
  res.vary('Accept-Encoding');
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.send(body);
}

/**
 * The ETag of a versioned read: the command's validator, who asks (outputs may depend on the
 * caller, e.g. `assignee=me`) and the parsed input, hashed. Strong: the same validator, caller
 * and input always stand for the same body.
 *
 * @public
 */
export function ppVersionEtag(
  version: string,
  principalId: string,
  input: unknown,
): string {
  const hash = createHash('sha256')
    .update(`${version}\n${principalId}\n${JSON.stringify(input ?? null)}`)
    .digest('base64url')
    .slice(0, 27);
  return `"v${hash}"`;
}

/**
 * The action side of a command (registered with the actions registry, offered over MCP): the same
 * `runPpCommand` with the action's credentials. `input` maps the action's input to the command's
 * (default: as is), `output` the result to the action's output schema.
 *
 * @public
 */
export function ppActionHandler<TInput, TOutput, TActionInput, TActionOutput>(
  guard: PpGuard,
  command: PpCommand<TInput, TOutput>,
  opts: {
    name: string;
    input?: (input: TActionInput) => unknown;
    output: (output: TOutput) => TActionOutput;
  },
) {
  return async ({
    input,
    credentials,
  }: {
    input: TActionInput;
    credentials: Parameters<PpGuard['authorizeCredentials']>[0];
  }): Promise<{ output: TActionOutput }> => {
    const result = await runPpCommand(guard, command, {
      via: 'actions',
      authorize: permission =>
        guard.authorizeCredentials(credentials, permission, opts.name),
      readInput: () => (opts.input ? opts.input(input) : input),
    });
    if (result.answered) throw new Error('An action has no conditional read');
    return { output: opts.output(result.output) };
  };
}

/**
 * A page (`{items, …}`) as an action's output, for `ppActionHandler`'s `output`: the same fields,
 * each item copied into a plain object (the actions registry's output type is a JSON object,
 * which TypeScript does not see in an interface-typed item).
 *
 * @public
 */
export function ppActionPage<T extends { items: readonly object[] }>(
  page: T,
): Omit<T, 'items'> & { items: any[] } {
  return { ...page, items: page.items.map(i => ({ ...i })) };
}

import { PpBodyRoute, ppBodyLimits } from '@internal/plugin-pp-common';
import { InputError } from '@backstage/errors';
import type { Request, RequestHandler, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { PpCommand, ppRoute } from '../commands/PpCommand';
import { sendCachedJson } from '../http/etag';
import { PpGuard } from '../http/PpGuard';
import type {
  PpHttpMethod,
  PpOperation,
  PpRawContent,
  PpRouteAccess,
} from './types';

/** What every route of a plugin says about itself in the document. @public */
export interface PpRouteDocs {
  summary: string;
  description?: string;
  portalOnly?: boolean;
  /** The JSON body of the success answer. */
  response?: z.ZodType;
  /** A non-JSON success answer instead. */
  rawResponse?: PpRawContent;
  /** Error statuses beyond the common ones, e.g. 409 (illegal transition) and 412 (stale version). */
  errors?: number[];
  /**
   * Other success statuses with the same body, e.g. 202 for a write still under way; the command
   * route picks one with `statusOf`.
   */
  alsoStatuses?: number[];
}

/**
 * A route over a command: path parameters, mapped headers, and the query (GET, DELETE) or the
 * JSON body (routes in `ppBodyLimits`) become the command's input, validated by its schema. The
 * document's parameters and body are that same schema, split the same way.
 *
 * @public
 */
export interface PpCommandRouteSpec<TInput, TOutput> extends PpRouteDocs {
  command: PpCommand<TInput, TOutput>;
  /** Request headers read into input fields, e.g. `{ 'If-Match': 'if_match' }`. */
  headers?: Record<string, string>;
  status?: number;
  /**
   * The success status of one answer, when it depends on the output (e.g. 200 done, 202 still
   * under way); every status it may return other than `status` is listed in `alsoStatuses`.
   */
  statusOf?: (output: TOutput) => number;
  /** Versioned reads (`version`) and `etag` reads: the poll interval pollers are told. */
  maxAgeSeconds?: number;
  /** Answer with an ETag of the body (`sendCachedJson`), so an unchanged answer is a 304. */
  etag?: boolean;
  /** A custom answer (e.g. a file); the document then needs `rawResponse` or `response`. */
  send?: (req: Request, res: Response, output: TOutput) => void;
}

/**
 * A route with its own handler (authentication flows, ingestion with its own auth): the handler
 * does the guard call; the spec only documents it.
 *
 * @public
 */
export interface PpHandlerRouteSpec extends PpRouteDocs {
  handler: RequestHandler;
  access: PpRouteAccess;
  query?: z.ZodType;
  body?: z.ZodType;
  headers?: Record<string, z.ZodType | undefined>;
  status?: number;
}

/** A route of the builder: over a command, or a documented handler. @public */
export type PpRouteSpec<TInput = any, TOutput = any> =
  | PpCommandRouteSpec<TInput, TOutput>
  | PpHandlerRouteSpec;

/** `/tickets/{ticket_id}` → `/tickets/:ticket_id`. */
function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map(m => m[1]);
}

function bodyRouteOf(method: PpHttpMethod, path: string) {
  const key = `${method.toUpperCase()} /pp/v1${path}`;
  return key in ppBodyLimits ? (key as PpBodyRoute) : undefined;
}

/**
 * The fields of an object schema (through pipes and defaults) and what it does with unknown keys
 * (`catchall`: never for a strict object), or undefined for other schemas.
 */
function objectShape(
  schema: z.ZodType,
): { shape: Record<string, z.ZodType>; catchall?: z.ZodType } | undefined {
  const def = (schema as any)._zod?.def;
  if (!def) return undefined;
  if (def.type === 'object')
    return { shape: def.shape, catchall: def.catchall };
  if (def.type === 'pipe') return objectShape(def.in);
  if (def.type === 'default' || def.type === 'prefault') {
    return objectShape(def.innerType);
  }
  return undefined;
}

/** A NUL character anywhere in a string (PostgreSQL text cannot hold one). */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') {
    return Object.values(value).some(holdsNul);
  }
  return false;
}

const nulError = () =>
  new InputError(
    'Invalid request: path and query values cannot hold a NUL character',
  );

/**
 * Refuses path and query values with a NUL character (400): no resource is named so, and the
 * database would answer with an error instead of "not found" or the page. Routes over a command
 * check it after the guard; routes with their own handler (which calls the guard itself) here.
 */
const refuseNul: RequestHandler = (req, _res, next) =>
  next(holdsNul(req.params) || holdsNul(req.query) ? nulError() : undefined);

function withFields(body: unknown, extra: Record<string, unknown>) {
  return body && typeof body === 'object' && !Array.isArray(body)
    ? { ...body, ...extra }
    : body;
}

/**
 * The HTTP router of a PP plugin, built so that every route is documented: each `get`/`post`/
 * `put`/`delete` mounts the route and records its `PpOperation`, from which the OpenAPI document
 * is built (`ppOpenApiDocument`). A route mounted on `router` directly is not documented, and the
 * contract test (every mounted route is documented) fails.
 *
 * @public
 */
export function createPpApiRouter(options: {
  pluginId: string;
  /** What the plugin's part of the API is about, for people: e.g. `Helpdesk`. */
  title?: string;
  guard: PpGuard;
}) {
  const { pluginId, guard } = options;
  const title = options.title ?? pluginId.replace(/^pp-/, '');
  const router = Router();
  const operations: PpOperation[] = [];

  function add(method: PpHttpMethod, path: string, spec: PpRouteSpec) {
    const params = pathParamNames(path);
    const bodyRoute = bodyRouteOf(method, path);
    const base = {
      pluginId,
      method,
      path,
      summary: spec.summary,
      description: spec.description,
      portalOnly: spec.portalOnly,
      response: spec.response,
      rawResponse: spec.rawResponse,
      errors: spec.errors,
      alsoStatuses: spec.alsoStatuses,
      bodyLimit: bodyRoute ? ppBodyLimits[bodyRoute] : undefined,
    };
    if ('handler' in spec) {
      operations.push({
        ...base,
        access: spec.access,
        pathParams: Object.fromEntries(params.map(p => [p, undefined])),
        query: spec.query,
        headers: spec.headers,
        body: spec.body,
        status: spec.status ?? (method === 'post' ? 201 : 200),
      });
      router[method](expressPath(path), refuseNul, spec.handler);
      return;
    }
    const { command } = spec;
    const object = objectShape(command.input);
    if (!object) {
      throw new Error(
        `${method.toUpperCase()} ${path}: the input of ${
          command.name
        } must be an object schema`,
      );
    }
    const { shape } = object;
    const headerFields = Object.values(spec.headers ?? {});
    for (const field of [...params, ...headerFields]) {
      if (!(field in shape)) {
        throw new Error(
          `${method.toUpperCase()} ${path}: ${
            command.name
          } has no input field '${field}'`,
        );
      }
    }
    const rest = Object.fromEntries(
      Object.entries(shape).filter(
        ([k]) => !params.includes(k) && !headerFields.includes(k),
      ),
    );
    const restSchema = object.catchall
      ? z.object(rest).catchall(object.catchall)
      : z.object(rest);
    const readsBody = Boolean(bodyRoute);
    operations.push({
      ...base,
      access: command.permission,
      pathParams: Object.fromEntries(params.map(p => [p, shape[p]])),
      headers: spec.headers
        ? Object.fromEntries(
            Object.entries(spec.headers).map(([h, f]) => [h, shape[f]]),
          )
        : undefined,
      query: readsBody || !Object.keys(rest).length ? undefined : restSchema,
      body: readsBody ? restSchema : undefined,
      status: spec.status ?? 200,
      conditional:
        command.version || spec.etag
          ? { maxAgeSeconds: spec.maxAgeSeconds }
          : undefined,
    });
    const fieldsOf = (req: Request) => {
      const fields: Record<string, unknown> = {};
      for (const p of params) fields[p] = req.params[p];
      for (const [header, field] of Object.entries(spec.headers ?? {})) {
        fields[field] = req.header(header) ?? undefined;
      }
      return fields;
    };
    router[method](
      expressPath(path),
      ppRoute(guard, command, {
        body: bodyRoute,
        input: (req, body) => {
          // after the guard: a caller who may not call the route gets 401/403 whatever it sends
          if (holdsNul(req.params) || holdsNul(req.query)) throw nulError();
          return readsBody
            ? withFields(body, fieldsOf(req))
            : { ...(req.query as object), ...fieldsOf(req) };
        },
        status: spec.status,
        maxAgeSeconds: spec.maxAgeSeconds,
        send:
          spec.send ??
          (spec.statusOf
            ? (_req, res, output) =>
                res.status(spec.statusOf!(output)).json(output)
            : undefined) ??
          (spec.etag
            ? (req, res, output) =>
                sendCachedJson(req, res, output, {
                  maxAgeSeconds: spec.maxAgeSeconds,
                  status: spec.status,
                })
            : undefined),
      }),
    );
  }

  return {
    pluginId,
    title,
    /** The express router to hand to `httpRouter.use`. */
    router,
    /** The documented operations, in the order they were declared. */
    operations: operations as readonly PpOperation[],
    get: (path: string, spec: PpRouteSpec) => add('get', path, spec),
    post: (path: string, spec: PpRouteSpec) => add('post', path, spec),
    put: (path: string, spec: PpRouteSpec) => add('put', path, spec),
    delete: (path: string, spec: PpRouteSpec) => add('delete', path, spec),
  };
}

/** The builder `createPpApiRouter` returns. @public */
export type PpApiRouter = ReturnType<typeof createPpApiRouter>;

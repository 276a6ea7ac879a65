import type { BasicPermission } from '@backstage/plugin-permission-common';
import type { z } from 'zod';

/** An HTTP method of a PP route. @public */
export type PpHttpMethod = 'get' | 'post' | 'put' | 'delete';

/**
 * Who may call a route, as the document states it: a PP permission (its roles come from
 * `ppPermissionRules`), any signed-in active principal, a service principal for its own catalog
 * entity (`service`: telemetry), another PP backend plugin with its own service credentials
 * (`plugin`: plugin-to-plugin reads, see `guard.authorizePluginPrincipal`; no API token grants
 * it), anyone (`public`), or only a request signed with a shared secret (`signed`: machine
 * webhooks, see `ppSignedWebhookHandler`; no bearer token grants it).
 *
 * @public
 */
export type PpRouteAccess =
  | BasicPermission
  | 'authenticated'
  | 'service'
  | 'plugin'
  | 'public'
  | 'signed';

/** A non-JSON success answer (a file download). @public */
export interface PpRawContent {
  /** Its media type, or the media types it may have (e.g. a CSV or a PDF export). */
  contentType: string | readonly string[];
  description: string;
}

/**
 * One documented operation of `/pp/v1`, as the OpenAPI document is built from it. Routes declare
 * it through `createPpApiRouter`; nothing else writes it.
 *
 * @public
 */
export interface PpOperation {
  pluginId: string;
  method: PpHttpMethod;
  /** The contract path below `/pp/v1`, with `{name}` parameters, e.g. `/tickets/{ticket_id}`. */
  path: string;
  summary: string;
  description?: string;
  /** Not in spec/api-catalog.yaml: a route the portal itself needs. */
  portalOnly?: boolean;
  access: PpRouteAccess;
  /** Path parameter schemas by name (every `{name}` of the path). */
  pathParams: Record<string, z.ZodType | undefined>;
  /** Query parameters (an object schema). */
  query?: z.ZodType;
  /** Request headers the route reads, e.g. `If-Match`, with their schemas. */
  headers?: Record<string, z.ZodType | undefined>;
  /** The JSON request body. */
  body?: z.ZodType;
  /** The body limit of the contract (`ppBodyLimits`), when the route reads a body. */
  bodyLimit?: string;
  /** The success status and its JSON body, or a raw content, or none (204). */
  status: number;
  /** Other success statuses with the same body (e.g. 202 for a write still under way). */
  alsoStatuses?: number[];
  response?: z.ZodType;
  rawResponse?: PpRawContent;
  /** Error statuses this route answers beyond the ones every route may (400/401/403/404/413/429/503). */
  errors?: number[];
  /** Versioned reads: the ETag / If-None-Match → 304 protocol and the suggested poll interval. */
  conditional?: { maxAgeSeconds?: number };
}

import {
  ppBodyLimitBytes,
  ppPermissionRule,
  type PpRoleKey,
} from '@internal/plugin-pp-common';
import { z } from 'zod';
import type { PpOperation, PpRouteAccess } from './types';
import {
  PP_DELIVERY_HEADER,
  PP_SIGNATURE_HEADER,
  PP_SIGNED_TOLERANCE_SECONDS,
  PP_TIMESTAMP_HEADER,
} from '../http/signedWebhook';

/** A JSON Schema / OpenAPI object. */
type Json = Record<string, any>;

/** The reasons of the statuses the document names. */
const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  303: 'See other: follow the Location header with GET',
  304: 'Not modified: the If-None-Match tag is current; no body',
  400: 'The input is invalid: the message names each field and rule',
  401: 'Not signed in, or the token is revoked, expired or its principal not active',
  403: 'The caller’s roles do not allow this (the error names the permission, the allowed roles and the caller’s roles)',
  404: 'No such resource',
  409: 'The change conflicts with the resource’s state (the error names the status and the allowed transitions)',
  410: 'Gone: the resource existed but was deleted (e.g. an expired export)',
  412: 'Stale version: the resource changed since it was read (the error carries current_version)',
  413: 'The request body is larger than the route’s limit',
  415: 'The body is not JSON in UTF-8',
  429: 'Too many requests: retry after the Retry-After header',
  503: 'A dependency (database, cache) is unavailable: retry after the Retry-After header',
};

/** Backstage's error envelope, the one shape of every 4xx and 5xx of PP. */
const ERROR_ENVELOPE: Json = {
  type: 'object',
  description:
    'The error envelope of every PP error answer (Backstage’s error style). `error` may carry more fields an agent can act on: `permission`, `allowed_roles`, `roles` (403), `status`, `allowed_transitions` (409), `current_version` (412).',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['name', 'message'],
      properties: {
        name: { type: 'string', examples: ['InputError'] },
        message: { type: 'string' },
        permission: { type: 'string' },
        allowed_roles: { type: 'array', items: { type: 'string' } },
        roles: { type: 'array', items: { type: 'string' } },
        status: { type: 'string' },
        allowed_transitions: { type: 'array', items: { type: 'string' } },
        current_version: { type: 'integer' },
      },
    },
    request: {
      type: 'object',
      properties: { method: { type: 'string' }, url: { type: 'string' } },
    },
    response: {
      type: 'object',
      properties: { statusCode: { type: 'integer' } },
    },
  },
};

/**
 * A zod v4 schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), one side of it (`input`: what a
 * caller sends, defaults optional; `output`: what it parses to or what a route answers). The one
 * conversion of the contract's schemas: the OpenAPI document and the MCP action schemas use it.
 *
 * @public
 */
export function ppJsonSchemaOf(
  schema: z.ZodType,
  io: 'input' | 'output',
): Json {
  return z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
    cycles: 'ref',
  }) as Json;
}

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect). Named schemas (`.meta({ id })`)
 * go into `components` and are referenced; the input and the output side of a schema can differ
 * (defaults, transforms), so input-side names get an `Input` suffix when they do.
 */
class SchemaCollector {
  readonly components: Record<string, Json> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const json = ppJsonSchemaOf(schema, io);
    const defs: Record<string, Json> = { ...(json.$defs ?? {}) };
    delete json.$defs;
    delete json.$schema;
    // the top-level schema itself may be named
    const topId: string | undefined = json.id;
    delete json.id;
    if (topId) defs[topId] = json;
    const ids = Object.keys(defs);
    const names = new Map(ids.map(id => [id, id]));
    const contentOf = (id: string) => {
      const content = this.rewrite(defs[id], names);
      delete content.id;
      return content;
    };
    const clashes = (name: string, content: Json) =>
      this.components[name] !== undefined &&
      JSON.stringify(this.components[name]) !== JSON.stringify(content);
    // a name already taken by a different schema (the other side of a transform) gets a suffix;
    // renaming one can change the others that refer to it, so repeat until nothing moves
    for (let pass = 0; pass < 5; pass++) {
      let moved = false;
      for (const id of ids) {
        if (names.get(id) === id && clashes(id, contentOf(id))) {
          names.set(id, `${id}${io === 'input' ? 'Input' : 'Output'}`);
          moved = true;
        }
      }
      if (!moved) break;
    }
    for (const id of ids) {
      const name = names.get(id)!;
      const content = contentOf(id);
      if (clashes(name, content)) {
        throw new Error(`Two different schemas are named ${name}`);
      }
      this.components[name] = content;
    }
    if (topId) return { $ref: `#/components/schemas/${names.get(topId)}` };
    return this.rewrite(json, names);
  }

  private rewrite(value: any, rename: Map<string, string>): any {
    if (Array.isArray(value)) return value.map(v => this.rewrite(v, rename));
    if (!value || typeof value !== 'object') return value;
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
        const id = v.slice('#/$defs/'.length);
        out.$ref = `#/components/schemas/${rename.get(id) ?? id}`;
      } else {
        out[k] = this.rewrite(v, rename);
      }
    }
    return out;
  }
}

/** `admin` first, then the permission's roles; or the audience word. */
export function ppOperationAudience(
  access: PpRouteAccess,
): 'public' | 'authenticated' | 'service' | 'plugin' | 'signed' | PpRoleKey[] {
  if (typeof access === 'string') return access;
  const rule = ppPermissionRule(access.name);
  if (!rule) {
    throw new Error(`${access.name} is not a PP permission`);
  }
  if (rule.allow === 'authenticated') return 'authenticated';
  return ['admin', ...rule.allow.filter(r => r !== 'admin')];
}

function audienceSentence(audience: ReturnType<typeof ppOperationAudience>) {
  if (audience === 'public') return 'Public: no token needed.';
  if (audience === 'signed') {
    return `Signed: no bearer token; send \`${PP_TIMESTAMP_HEADER}\` (unix seconds) and \`${PP_SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">\` with the shared secret, and optionally \`${PP_DELIVERY_HEADER}\`. A timestamp more than ${PP_SIGNED_TOLERANCE_SECONDS} s from the server's clock, a signature that does not match, or a signature or delivery id already received is a 401.`;
  }
  if (audience === 'service') {
    return 'A service principal (API token of kind service), for its own catalog entity only.';
  }
  if (audience === 'plugin') {
    return 'Another Platform Portal backend plugin, with its own service credentials (a plugin-to-plugin token); no person, API token or other service may call it.';
  }
  if (audience === 'authenticated') {
    return 'Any signed-in, active principal.';
  }
  return `Roles: ${audience.join(', ')}.`;
}

function errorResponse(status: number) {
  return {
    description: STATUS_TEXT[status] ?? 'Error',
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/ErrorResponse' },
      },
    },
    ...(status === 429 || status === 503
      ? {
          headers: {
            'Retry-After': {
              description: 'Seconds to wait before retrying',
              schema: { type: 'integer' },
            },
          },
        }
      : {}),
  };
}

/** The statuses an operation may answer besides its success. */
export function ppOperationErrorStatuses(op: PpOperation): number[] {
  // 400: invalid input, and any malformed request (e.g. a NUL character in the path or query)
  const statuses = new Set<number>([400, 429, 503]);
  if (op.access !== 'public') statuses.add(401);
  if (
    typeof op.access === 'object' ||
    op.access === 'service' ||
    op.access === 'plugin'
  ) {
    statuses.add(403);
  }
  if (Object.keys(op.pathParams).length) statuses.add(404);
  if (op.body) {
    statuses.add(413);
    statuses.add(415);
  }
  for (const s of op.errors ?? []) statuses.add(s);
  return [...statuses].sort((a, b) => a - b);
}

function operationId(op: PpOperation): string {
  const words = op.path
    .split('/')
    .filter(Boolean)
    .map(s => (s.startsWith('{') ? `by-${s.slice(1, -1)}` : s));
  return [op.method, ...words]
    .join('-')
    .replace(/[^A-Za-z0-9]+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** The tag (API explorer section) of a plugin. */
function tagOf(pluginId: string) {
  return pluginId.replace(/^pp-/, '');
}

/** The parameters of an object schema, one per property. */
function objectParameters(
  schema: z.ZodType,
  where: 'query',
  collect: SchemaCollector,
): Json[] {
  const json = collect.convert(schema, 'input');
  const required: string[] = json.required ?? [];
  return Object.entries<Json>(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: required.includes(name),
      ...(description ? { description } : {}),
      schema: rest,
      ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
    };
  });
}

/**
 * The OpenAPI 3.1 document of `/pp/v1` (or of one plugin's part of it): every operation with
 * its parameters, body (and limit), success answer, error answers in the one envelope, roles and
 * conditional-request protocol, from the operations the routes declared.
 *
 * @public
 */
export function ppOpenApiDocument(
  operations: readonly PpOperation[],
  options: {
    serverUrl: string;
    title?: string;
    description?: string;
    version?: string;
  },
): Json {
  const collect = new SchemaCollector();
  const paths: Record<string, Json> = {};
  const tags = new Set<string>();
  for (const op of operations) {
    const audience = ppOperationAudience(op.access);
    const tag = tagOf(op.pluginId);
    tags.add(tag);
    const parameters: Json[] = [];
    for (const [name, schema] of Object.entries(op.pathParams)) {
      const json = schema
        ? collect.convert(schema, 'input')
        : { type: 'string' };
      const { description, ...rest } = json;
      parameters.push({
        name,
        in: 'path',
        required: true,
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
    if (op.query) {
      parameters.push(...objectParameters(op.query, 'query', collect));
    }
    for (const [name, schema] of Object.entries(op.headers ?? {})) {
      const json = schema ? collect.convert(schema, 'input') : {};
      const { description, ...rest } = json;
      parameters.push({
        name,
        in: 'header',
        // a header the input schema requires (e.g. Idempotency-Key) is required
        required: Boolean(schema && !schema.safeParse(undefined).success),
        ...(description ? { description } : {}),
        schema: Object.keys(rest).length ? rest : { type: 'string' },
      });
    }
    if (op.conditional) {
      parameters.push({
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description:
          'The ETag of the answer you hold: an unchanged answer is a 304 without a body.',
        schema: { type: 'string' },
      });
    }
    const responses: Json = {};
    const success: Json = { description: STATUS_TEXT[op.status] ?? 'OK' };
    if (op.response) {
      success.content = {
        'application/json': { schema: collect.convert(op.response, 'output') },
      };
    } else if (op.rawResponse) {
      success.description = op.rawResponse.description;
      success.content = Object.fromEntries(
        [op.rawResponse.contentType]
          .flat()
          .map(contentType => [
            contentType,
            { schema: { type: 'string', contentMediaType: contentType } },
          ]),
      );
    }
    if (op.conditional) {
      success.headers = {
        ETag: {
          description: 'Send it back as If-None-Match to poll cheaply',
          schema: { type: 'string' },
        },
        ...(op.conditional.maxAgeSeconds
          ? {
              'Cache-Control': {
                description: `private, max-age=${op.conditional.maxAgeSeconds}: the suggested poll interval`,
                schema: { type: 'string' },
              },
            }
          : {}),
      };
    }
    responses[String(op.status)] = success;
    for (const status of op.alsoStatuses ?? []) {
      responses[String(status)] = {
        ...success,
        description: STATUS_TEXT[status] ?? 'OK',
      };
    }
    if (op.conditional) responses['304'] = { description: STATUS_TEXT[304] };
    for (const status of ppOperationErrorStatuses(op)) {
      responses[String(status)] = errorResponse(status);
    }
    const description = [
      op.description,
      audienceSentence(audience),
      op.bodyLimit
        ? `Body limit: ${op.bodyLimit} (${ppBodyLimitBytes(
            op.bodyLimit,
          )} bytes).`
        : undefined,
      op.portalOnly
        ? 'Not in the contract file: a route the portal itself uses.'
        : undefined,
    ]
      .filter(Boolean)
      .join('\n\n');
    const operation: Json = {
      operationId: operationId(op),
      tags: [tag],
      summary: op.summary,
      description,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: collect.convert(op.body, 'input'),
                },
              },
            },
          }
        : {}),
      responses,
      ...(audience === 'public' ? { security: [] } : {}),
      ...(audience === 'signed' ? { security: [{ ppSignature: [] }] } : {}),
      'x-pp-roles': audience,
      ...(typeof op.access === 'object'
        ? { 'x-pp-permission': op.access.name }
        : {}),
      ...(op.bodyLimit ? { 'x-pp-body-limit': op.bodyLimit } : {}),
    };
    const key = op.path;
    paths[key] = { ...(paths[key] ?? {}), [op.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Platform Portal API',
      version: options.version ?? '1',
      description:
        options.description ??
        'The /pp/v1 API of the Platform Portal. Authenticate with `Authorization: Bearer <token>`: an API token issued to an agent, service or person, or a Backstage user token of a signed-in person.',
    },
    servers: [{ url: options.serverUrl }],
    tags: [...tags].sort().map(name => ({ name })),
    paths: Object.fromEntries(
      Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)),
    ),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A PP API token (`pp_…`), PP_ADMIN_TOKEN, or a Backstage user token',
        },
        ppSignature: {
          type: 'apiKey',
          in: 'header',
          name: PP_SIGNATURE_HEADER,
          description: `Machine webhooks (role \`signed\`): \`sha256=<hex HMAC-SHA256 of "<${PP_TIMESTAMP_HEADER}>.<raw body>">\` with the secret shared with the sender; ${PP_TIMESTAMP_HEADER} within ${PP_SIGNED_TOLERANCE_SECONDS} s of the server's clock; each signature (and ${PP_DELIVERY_HEADER}) is accepted once.`,
        },
      },
      schemas: {
        ErrorResponse: ERROR_ENVELOPE,
        ...Object.fromEntries(
          Object.entries(collect.components).sort(([a], [b]) =>
            a.localeCompare(b),
          ),
        ),
      },
    },
    security: [{ bearer: [] }],
  };
}

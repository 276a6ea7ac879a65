import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';
import { z } from 'zod';
import { ppJsonSchemaOf } from '../openapi/document';
import type {
  UnknownKeysParam,
  ZodObject,
  ZodRawShape,
  ZodTypeAny,
} from 'zod/v3';

/**
 * The zod (v3) the actions registry hands to an action's schema builders.
 *
 * @public
 */
export type PpActionZod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

/**
 * What an action's `schema.input` / `schema.output` is: a function of the registry's zod v3 that
 * returns an object schema; `T` is the type of what it parses.
 *
 * @public
 */
export type PpActionSchema<T> = (
  zod: PpActionZod,
) => ZodObject<ZodRawShape, UnknownKeysParam, ZodTypeAny, T, T>;

type Json = Record<string, any>;

type Side = {
  /**
   * input: every constraint of the schema (the registry refuses what the command would), unknown
   * keys as the schema says (stripped, or refused by a strict object). output: the shape (types,
   * required and nullable fields, enums, integers) without value constraints (formats, patterns,
   * lengths, ranges), and unnamed fields pass through at every level: the registry parses the
   * answer again and would strip them.
   */
  side: 'input' | 'output';
  defs: Record<string, Json>;
  /** $refs being expanded (a cycle becomes `z.any()`). */
  expanding: string[];
};

function refTarget(ref: string, ctx: Side, root: Json): Json | undefined {
  if (ref === '#') return root;
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!m) return undefined;
  return ctx.defs[
    decodeURIComponent(m[2].replace(/~1/g, '/').replace(/~0/g, '~'))
  ];
}

function isNullSchema(node: unknown): boolean {
  return (
    typeof node === 'object' &&
    node !== null &&
    ((node as Json).type === 'null' ||
      ((node as Json).const === null && Object.keys(node).length === 1))
  );
}

function union(zod: PpActionZod, members: ZodTypeAny[]): ZodTypeAny {
  if (members.length === 0) return zod.never();
  if (members.length === 1) return members[0];
  return zod.union(members as [ZodTypeAny, ZodTypeAny, ...ZodTypeAny[]]);
}

function literalOf(zod: PpActionZod, value: unknown): ZodTypeAny {
  if (value === null) return zod.null();
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return zod.literal(value);
  }
  return zod.any();
}

function toZod3(
  zod: PpActionZod,
  node: unknown,
  ctx: Side,
  root: Json,
): ZodTypeAny {
  if (node === true || node === undefined) return zod.any();
  if (node === false) return zod.never();
  if (typeof node !== 'object' || node === null) return zod.any();
  const n = node as Json;
  const described = (s: ZodTypeAny, description = n.description) =>
    typeof description === 'string' ? s.describe(description) : s;

  if (typeof n.$ref === 'string') {
    const target = refTarget(n.$ref, ctx, root);
    if (!target || ctx.expanding.includes(n.$ref)) return described(zod.any());
    const inner = toZod3(
      zod,
      target,
      { ...ctx, expanding: [...ctx.expanding, n.$ref] },
      root,
    );
    // the description at the reference (a field's) wins over the referenced schema's
    return described(inner, n.description ?? target.description);
  }

  if ('const' in n) return described(literalOf(zod, n.const));

  if (Array.isArray(n.enum)) {
    const values: unknown[] = n.enum;
    if (
      values.length > 0 &&
      values.every(v => typeof v === 'string') &&
      (n.type === undefined || n.type === 'string')
    ) {
      return described(zod.enum(values as [string, ...string[]]));
    }
    return described(
      union(
        zod,
        values.map(v => literalOf(zod, v)),
      ),
    );
  }

  const alternatives: unknown[] | undefined = n.anyOf ?? n.oneOf;
  if (Array.isArray(alternatives)) {
    const nullable = alternatives.some(isNullSchema);
    const others = alternatives.filter(a => !isNullSchema(a));
    let s = union(
      zod,
      others.map(a => toZod3(zod, a, ctx, root)),
    );
    if (nullable) s = others.length ? s.nullable() : zod.null();
    return described(s);
  }

  if (Array.isArray(n.allOf) && n.allOf.length > 0) {
    // all of: the node's own keywords and each part; a part of bare constraints (zod writes a
    // second pattern or divisor so) applies to the node's type
    const { allOf, description: _description, ...own } = n;
    const hasOwn = [
      'type',
      '$ref',
      'anyOf',
      'oneOf',
      'enum',
      'const',
      'properties',
    ].some(k => k in own);
    const parts: ZodTypeAny[] = [
      ...(hasOwn ? [own] : []),
      ...(allOf as Json[]).map(p =>
        own.type !== undefined &&
        typeof p === 'object' &&
        p !== null &&
        !['type', '$ref', 'anyOf', 'oneOf', 'allOf', 'enum', 'const'].some(
          k => k in p,
        )
          ? { type: own.type, ...p }
          : p,
      ),
    ].map(p => toZod3(zod, p, ctx, root));
    return described(parts.reduce((acc, part) => zod.intersection(acc, part)));
  }

  if (Array.isArray(n.type)) {
    const types: string[] = n.type;
    const others = types.filter(t => t !== 'null');
    let s = union(
      zod,
      others.map(t =>
        toZod3(zod, { ...n, type: t, description: undefined }, ctx, root),
      ),
    );
    if (types.includes('null')) s = others.length ? s.nullable() : zod.null();
    return described(s);
  }

  const strict = ctx.side === 'input';
  let s: ZodTypeAny;
  switch (n.type) {
    case 'string': {
      let str = zod.string();
      if (strict) {
        if (typeof n.minLength === 'number') str = str.min(n.minLength);
        if (typeof n.maxLength === 'number') str = str.max(n.maxLength);
        if (typeof n.pattern === 'string') {
          // zod v4 writes the regex it checks with (also for formats such as date-time)
          try {
            str = str.regex(new RegExp(n.pattern));
          } catch {
            // a pattern JavaScript cannot compile: the command checks it
          }
        } else if (n.format === 'email') str = str.email();
        else if (n.format === 'uuid') str = str.uuid();
        else if (n.format === 'uri') str = str.url();
        else if (n.format === 'date-time') str = str.datetime({ offset: true });
      }
      s = str;
      break;
    }
    case 'number':
    case 'integer': {
      let num = zod.number();
      if (n.type === 'integer') num = num.int();
      if (strict) {
        if (typeof n.minimum === 'number') num = num.gte(n.minimum);
        if (typeof n.maximum === 'number') num = num.lte(n.maximum);
        if (typeof n.exclusiveMinimum === 'number') {
          num = num.gt(n.exclusiveMinimum);
        }
        if (typeof n.exclusiveMaximum === 'number') {
          num = num.lt(n.exclusiveMaximum);
        }
        if (typeof n.multipleOf === 'number')
          num = num.multipleOf(n.multipleOf);
      }
      s = num;
      break;
    }
    case 'boolean':
      s = zod.boolean();
      break;
    case 'null':
      s = zod.null();
      break;
    case 'array': {
      if (Array.isArray(n.prefixItems) && n.prefixItems.length > 0) {
        const items = n.prefixItems.map((i: unknown) =>
          toZod3(zod, i, ctx, root),
        ) as [ZodTypeAny, ...ZodTypeAny[]];
        const tuple = zod.tuple(items);
        s =
          n.items && typeof n.items === 'object'
            ? tuple.rest(toZod3(zod, n.items, ctx, root))
            : tuple;
        break;
      }
      let arr = zod.array(toZod3(zod, n.items, ctx, root));
      if (strict) {
        if (typeof n.minItems === 'number') arr = arr.min(n.minItems);
        if (typeof n.maxItems === 'number') arr = arr.max(n.maxItems);
      }
      s = arr;
      break;
    }
    case 'object':
      s = objectOf(zod, n, ctx, root);
      break;
    default:
      // `{}` (any value, e.g. z.unknown() or what JSON Schema cannot say) or a construct not
      // translated here: the command's own schema still checks it
      s = zod.any();
  }
  return described(s);
}

function objectOf(
  zod: PpActionZod,
  n: Json,
  ctx: Side,
  root: Json,
): ZodTypeAny {
  const properties: Json = n.properties ?? {};
  const required = new Set<string>(n.required ?? []);
  const additional = n.additionalProperties;
  const additionalSchema =
    typeof additional === 'object' && additional !== null
      ? additional
      : undefined;

  if (Object.keys(properties).length === 0 && additionalSchema) {
    // a record (its keys, e.g. an enum, are the command's to check)
    return zod.record(toZod3(zod, additionalSchema, ctx, root));
  }

  const shape: Record<string, ZodTypeAny> = {};
  for (const [key, prop] of Object.entries(properties)) {
    let field = toZod3(zod, prop, ctx, root);
    if (!required.has(key)) field = field.optional();
    else if (
      ctx.side === 'input' &&
      prop &&
      typeof prop === 'object' &&
      'default' in prop
    ) {
      // the output side of a schema with a default: the field may be left out
      field = field.optional();
    }
    shape[key] = field;
  }
  const obj = zod.object(shape);
  if (ctx.side === 'output') {
    return additionalSchema
      ? obj.catchall(toZod3(zod, additionalSchema, ctx, root))
      : obj.passthrough();
  }
  if (additional === false) return obj.strict();
  if (additionalSchema && Object.keys(additionalSchema).length > 0) {
    return obj.catchall(toZod3(zod, additionalSchema, ctx, root));
  }
  if (additionalSchema || additional === true) return obj.passthrough();
  return obj;
}

/**
 * A zod v4 schema as the zod v3 object schema of an action, built with the registry's `zod`: the
 * JSON Schema of the contract (`z.toJSONSchema`, the same conversion as the OpenAPI document)
 * translated node by node, descriptions included.
 */
function ppActionSchema(
  schema: z.ZodType,
  side: 'input' | 'output',
  io: 'input' | 'output',
) {
  const json = ppJsonSchemaOf(schema, io);
  const defs: Record<string, Json> = { ...json.$defs, ...json.definitions };
  const built = new WeakMap<object, ZodTypeAny>();
  return (zod: PpActionZod) => {
    const cached = built.get(zod);
    if (cached) return cached as any;
    const result = toZod3(zod, json, { side, defs, expanding: [] }, json);
    if (!(result instanceof zod.ZodObject)) {
      throw new Error(
        `An action ${side} schema must be an object, got ${
          json.type ?? 'a union'
        }`,
      );
    }
    built.set(zod, result);
    return result as any;
  };
}

/**
 * The `schema.input` of an action from a zod v4 schema (a command's input or a `pp-common` request
 * schema): the registry refuses what the schema refuses (types, enums, lengths, ranges, patterns,
 * strict objects; refinements and transforms are the command's) and the tool list shows its
 * descriptions. `io: 'output'` takes the parsed side, for an HTTP query schema whose input side is
 * strings (e.g. comma-separated lists) while an action passes JSON (arrays, numbers).
 *
 * @public
 */
export function ppActionInputSchema<S extends z.ZodType>(
  schema: S,
  opts?: { io?: 'input' | 'output' },
): PpActionSchema<z.input<S>> {
  return ppActionSchema(schema, 'input', opts?.io ?? 'input');
}

/**
 * The `schema.output` of an action from a zod v4 schema (a `pp-common` response schema, or an
 * object of them): its shape with descriptions; fields it does not name pass through.
 *
 * @public
 */
export function ppActionOutputSchema<S extends z.ZodType>(
  schema: S,
): PpActionSchema<z.output<S>> {
  return ppActionSchema(schema, 'output', 'output');
}

/*
 * A schema-driven request generator for the fuzz test: values from the JSON Schemas of the
 * OpenAPI document, valid, at the boundaries, and invalid (wrong types, out of range, missing
 * or extra fields), from a seeded PRNG so a failure can be replayed with its seed.
 */

type Json = Record<string, any>;

/** mulberry32: small, fast, seeded. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) =>
      min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T =>
      items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

export type Mode = 'valid' | 'boundary' | 'invalid';

const WORDS = [
  'payment',
  'service',
  'down',
  'TKT-000001',
  'alpha',
  'löwe',
  '数据',
  'a b',
];
const NASTY = [
  '',
  ' ',
  '%',
  '../../etc/passwd',
  "'; drop table pp_tickets; --",
  '<script>alert(1)</script>',
  '\u0000',
  '🙂'.repeat(40),
  'x'.repeat(5000),
  '{"a":1}',
  '-1',
  'NaN',
  'null',
  '9'.repeat(40),
];

export class SchemaSampler {
  constructor(
    private readonly components: Record<string, Json>,
    private readonly rng: Rng,
  ) {}

  private deref(schema: Json): Json {
    let s = schema;
    for (let i = 0; s?.$ref && i < 10; i++) {
      s = this.components[s.$ref.replace('#/components/schemas/', '')] ?? {};
    }
    return s ?? {};
  }

  /** A value for the schema; `invalid` breaks it somewhere (maybe deep inside). */
  sample(schema: Json | undefined, mode: Mode, depth = 0): unknown {
    const s = this.deref(schema ?? {});
    const r = this.rng;
    if (mode === 'invalid' && (depth === 0 || r.chance(0.3))) {
      return this.invalid(s);
    }
    if (s.const !== undefined) return s.const;
    if (s.enum) return r.pick(s.enum);
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives) {
      return this.sample(r.pick(alternatives), mode, depth + 1);
    }
    if (s.allOf) return this.sample(s.allOf[0], mode, depth + 1);
    const type = Array.isArray(s.type) ? r.pick(s.type) : s.type;
    switch (type) {
      case 'string':
        return this.string(s, mode);
      case 'integer':
      case 'number':
        return this.number(s, type, mode);
      case 'boolean':
        return r.chance(0.5);
      case 'null':
        return null;
      case 'array': {
        const min = s.minItems ?? 0;
        const max = Math.min(s.maxItems ?? min + 3, min + 3);
        const n = mode === 'boundary' ? r.pick([min, max]) : r.int(min, max);
        return Array.from({ length: n }, () =>
          this.sample(s.items, mode === 'invalid' ? 'valid' : mode, depth + 1),
        );
      }
      case 'object':
      default: {
        if (!s.properties && type !== 'object') return r.pick(WORDS);
        const out: Json = {};
        const required: string[] = s.required ?? [];
        for (const [k, v] of Object.entries<Json>(s.properties ?? {})) {
          if (required.includes(k) || r.chance(0.6)) {
            out[k] = this.sample(
              v,
              mode === 'invalid' ? 'valid' : mode,
              depth + 1,
            );
          }
        }
        return out;
      }
    }
  }

  private string(s: Json, mode: Mode): string {
    const r = this.rng;
    const min = s.minLength ?? 0;
    const max = Math.min(s.maxLength ?? 40, 400);
    if (s.format === 'date-time') {
      return new Date(
        Date.now() + r.int(-86_400_000, 86_400_000),
      ).toISOString();
    }
    if (s.format === 'email')
      return `${r.pick(['a', 'zed', 'ops'])}@waooaw.com`;
    if (s.format === 'uuid')
      return `00000000-0000-4000-8000-00000000000${r.int(0, 9)}`;
    if (s.format === 'uri') return 'https://example.com/x';
    if (mode === 'boundary') {
      return 'b'.repeat(r.pick([min, Math.max(min, max)]));
    }
    const word = r.pick(WORDS);
    const len = r.int(min, Math.max(min, Math.min(max, 24)));
    return word.length >= len && word.length <= max
      ? word
      : (word + 'x'.repeat(len)).slice(0, Math.max(len, min));
  }

  private number(s: Json, type: string, mode: Mode): number {
    const r = this.rng;
    const lo =
      s.minimum ??
      (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -5);
    const hi =
      s.maximum ??
      (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
    const low = Math.max(lo, -1e6);
    const high = Math.min(hi, 1e6);
    if (mode === 'boundary') return r.pick([low, high]);
    const v = low + r.next() * (high - low);
    return type === 'integer' ? Math.round(v) : v;
  }

  /** A value that the schema refuses, or nonsense of another type. */
  invalid(s: Json): unknown {
    const r = this.rng;
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    const options: Array<() => unknown> = [
      () => r.pick(NASTY),
      () => null,
      () => [],
      () => ({ unexpected: true }),
      () => -1,
      () => 1e300,
      () => true,
    ];
    if (type === 'string') {
      if (s.maxLength !== undefined)
        options.push(() => 'z'.repeat(s.maxLength + 1));
      if (s.minLength) options.push(() => 'z'.repeat(s.minLength - 1));
      if (s.enum) options.push(() => `${s.enum[0]}-not`);
    }
    if (type === 'integer' || type === 'number') {
      if (s.maximum !== undefined) options.push(() => s.maximum + 1);
      if (s.minimum !== undefined) options.push(() => s.minimum - 1);
      options.push(
        () => 1.5,
        () => 'twelve',
      );
    }
    if (type === 'object' && s.required?.length) {
      options.push(() => {
        const valid = this.sample(s, 'valid', 1) as Json;
        delete valid[r.pick(s.required as string[])];
        return valid;
      });
    }
    return r.pick(options)();
  }
}

/** A query string value: arrays repeat the name; objects and nulls become text. */
export function queryValue(v: unknown): string | string[] {
  if (Array.isArray(v)) return v.map(x => String(x));
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

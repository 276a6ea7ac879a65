import { z } from 'zod';
import * as common from './index';

/** Every zod schema pp-common exports (request and response shapes of /pp/v1). */
const schemas: Array<[string, z.ZodType]> = Object.entries(
  common as Record<string, unknown>,
).flatMap(([name, value]) =>
  value instanceof z.ZodType ? [[name, value] as [string, z.ZodType]] : [],
);

describe('the API schemas', () => {
  it('are exported under pp<Name>Schema names', () => {
    expect(schemas.length).toBeGreaterThan(40);
    for (const [name] of schemas) expect(name).toMatch(/^pp[A-Z]\w*Schema$/);
  });

  it('name each shape once (unique ids) and describe it', () => {
    const ids = new Map<string, string>();
    for (const [name, schema] of schemas) {
      const meta = z.globalRegistry.get(schema);
      if (!meta?.id) continue;
      expect([meta.id, ids.get(meta.id)]).toEqual([meta.id, undefined]);
      ids.set(meta.id, name);
      expect(meta.description).toEqual(expect.any(String));
      expect(`pp${meta.id}Schema`).toBe(name);
    }
    expect(ids.size).toBeGreaterThan(40);
  });

  it.each(schemas)('%s converts to JSON Schema', (_name, schema) => {
    // requests as a client writes them; transforms (query parsing) only have an input side
    expect(() => z.toJSONSchema(schema, { io: 'input' })).not.toThrow();
  });

  it('accept what the backend sends and keep unknown response fields', () => {
    const person = { id: 'u1', name: 'Asha', email: null };
    expect(
      common.ppTicketPersonSchema.parse({ ...person, extra: 1 }),
    ).toMatchObject(person);
    expect(() =>
      common.ppTicketPersonSchema.parse({ ...person, email: undefined }),
    ).toThrow();
  });
});

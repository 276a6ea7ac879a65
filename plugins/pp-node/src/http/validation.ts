import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Parses input with a zod schema; a failure is a 400 `InputError` that names each bad field,
 * e.g. `Invalid request body: priority: must be one of critical, high, medium, low`.
 *
 * @public
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what = 'request body',
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues
    .map(i => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  throw new InputError(`Invalid ${what}: ${problems}`);
}

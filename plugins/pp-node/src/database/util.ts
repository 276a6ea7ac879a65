import { Knex } from 'knex';

/** Timestamps come back as Date (PostgreSQL), number or string (SQLite); the API speaks ISO 8601. */
export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date =
    value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Escapes LIKE wildcards in user input; pair with `escape '\\'`. */
export function likePattern(text: string): string {
  return `%${text
    .toLocaleLowerCase('en-US')
    .replace(/[\\%_]/g, m => `\\${m}`)}%`;
}

export function isPostgres(knex: Knex): boolean {
  return knex.client.config.client === 'pg';
}

/** Paging bounds shared by every PP listing (see paging/paging.ts). */
export { clampPage } from '../paging/paging';

/**
 * The change mark of a resource family (`<family>:<generation>`): the generation the database's
 * triggers raise in the transaction of every write to the family's table (`pp_change_marks`, see
 * the helpdesk's `ticket_change_mark` migration). Read it before the data it stands for: a write
 * committed in between then only costs the next poller one full answer, never a stale 304.
 */
export async function readPpChangeMark(
  db: Knex,
  family: string,
): Promise<string> {
  const row = await db('pp_change_marks').where({ family }).first('generation');
  if (!row)
    throw new Error(`No change mark for ${family}; migrations missing?`);
  return `${family}:${row.generation}`;
}

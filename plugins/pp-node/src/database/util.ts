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

export { readPpChangeMark } from './changeMarks';

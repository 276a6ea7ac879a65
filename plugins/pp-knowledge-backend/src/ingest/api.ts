import { InputError } from '@backstage/errors';
import type { PpKnowledgeConnection } from '@internal/plugin-pp-common';
import { JSONPath } from 'jsonpath-plus';
import { authHeaders } from './auth';
import { SourceFetchError } from './errors';
import { guardedGet } from './http';
import { toRecord, uniqueRecords, type RawRecord } from './normalise';
import type { FetchedRecord, FetchOptions } from './types';

/*
 * An `api` source: GET a JSON document, take its list of records at `connection.json_path`
 * (JSONPath, evaluated by jsonpath-plus in its default "safe" mode: filters work, no code runs)
 * and read each record's fields.
 *
 * - Without a path: the answer itself when it is an array, else its `items` (the contract's
 *   default); anything else is an error that tells the person to set a path.
 * - A path whose only match is an array (`$.data.items` rather than `$.data.items[*]`) means
 *   that array's elements: both spellings work.
 * - A field name may be a dotted path into the record (`author.name`, `attributes.body`).
 *   Defaults: id; title (or name, headline, subject); content (or body, text, description,
 *   summary); url (or link, href); published_at (or publishedAt, published, date, created_at,
 *   updated_at). A record that is a plain string is its own content.
 */

const DEFAULT_FIELDS: Record<keyof RawRecord, string[]> = {
  id: ['id', 'uuid', 'guid', 'key', 'slug'],
  title: ['title', 'name', 'headline', 'subject'],
  content: ['content', 'body', 'text', 'description', 'summary'],
  url: ['url', 'link', 'href', 'permalink'],
  published_at: [
    'published_at',
    'publishedAt',
    'published',
    'date',
    'created_at',
    'createdAt',
    'updated_at',
    'updatedAt',
  ],
};

function at(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function fieldOf(
  record: unknown,
  configured: string | undefined,
  defaults: string[],
): unknown {
  if (configured) return at(record, configured);
  for (const name of defaults) {
    const v = at(record, name);
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/** The records of a parsed JSON answer (exported for tests and test connection). */
export function recordsOfJson(
  json: unknown,
  connection: Pick<PpKnowledgeConnection, 'json_path' | 'fields'>,
  where: string,
): FetchedRecord[] {
  let items: unknown[];
  const path = connection.json_path?.trim();
  if (path) {
    let matches: unknown[];
    try {
      matches = JSONPath({ path, json: json as any, wrap: true }) as unknown[];
    } catch (e) {
      throw new InputError(
        `The JSON path ${path} is not valid: ${(e as Error).message}`,
      );
    }
    items =
      matches.length === 1 && Array.isArray(matches[0])
        ? (matches[0] as unknown[])
        : matches;
  } else if (Array.isArray(json)) {
    items = json;
  } else if (
    json &&
    typeof json === 'object' &&
    Array.isArray((json as { items?: unknown }).items)
  ) {
    items = (json as { items: unknown[] }).items;
  } else {
    throw new SourceFetchError(
      `The answer of ${where} is not a list and has no "items" list: set a JSON path to where its records are (e.g. $.data[*])`,
    );
  }
  const fields = connection.fields ?? {};
  return uniqueRecords(
    items.map(item =>
      typeof item === 'string'
        ? toRecord({ content: item })
        : toRecord({
            id: fieldOf(item, fields.id, DEFAULT_FIELDS.id),
            title: fieldOf(item, fields.title, DEFAULT_FIELDS.title),
            content: fieldOf(item, fields.content, DEFAULT_FIELDS.content),
            url: fieldOf(item, fields.url, DEFAULT_FIELDS.url),
            published_at: fieldOf(
              item,
              fields.published_at,
              DEFAULT_FIELDS.published_at,
            ),
          }),
    ),
  );
}

/** Reads an `api` source. `credential` is the plain one (see CredentialVault.resolve). */
export async function fetchApi(
  connection: PpKnowledgeConnection,
  credential: string | undefined,
  options: FetchOptions,
): Promise<FetchedRecord[]> {
  return (await readApi(connection, credential, options)).records;
}

/** fetchApi with the answer's HTTP status (for test connection). */
export async function readApi(
  connection: PpKnowledgeConnection,
  credential: string | undefined,
  options: FetchOptions,
): Promise<{ records: FetchedRecord[]; status: number }> {
  if (!connection.url) {
    throw new InputError(
      'An api source needs connection.url, the address to read',
    );
  }
  const auth = authHeaders(connection, credential);
  const answer = await guardedGet(
    'The API',
    connection.url,
    { accept: 'application/json', ...auth.headers },
    options,
    auth.secretHeaders,
  );
  const where = `the API at ${connection.url}`;
  let json: unknown;
  try {
    json = JSON.parse(answer.body.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const type = answer.contentType
      ? ` (${answer.contentType.split(';')[0]})`
      : '';
    throw new SourceFetchError(
      `The API at ${connection.url} did not answer JSON${type}: ${
        (e as Error).message
      }`,
      answer.status,
    );
  }
  return {
    records: recordsOfJson(json, connection, where),
    status: answer.status,
  };
}

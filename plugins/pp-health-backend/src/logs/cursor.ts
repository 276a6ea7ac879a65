import { InputError } from '@backstage/errors';

/** The position after the last line of a page: its time and its id (ties on time are common). */
export interface LogCursor {
  /** ISO 8601 time of the last line. */
  t: string;
  /** Its id: a number for the database store, a keyword for Elasticsearch. */
  i: string;
}

/** Opaque to clients: base64url of `{"t":…,"i":…}`. */
export function encodeLogCursor(cursor: LogCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** A cursor a client sent back; anything that is not one of ours is a 400. */
export function decodeLogCursor(
  value: string,
  idPattern: RegExp = /^[0-9]{1,19}$/,
): LogCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const c = parsed as Partial<LogCursor> | undefined;
  if (
    !c ||
    typeof c.t !== 'string' ||
    typeof c.i !== 'string' ||
    Number.isNaN(Date.parse(c.t)) ||
    !idPattern.test(c.i)
  ) {
    throw new InputError(
      'Invalid log query: cursor: not a cursor from a previous page',
    );
  }
  return { t: new Date(c.t).toISOString(), i: c.i };
}

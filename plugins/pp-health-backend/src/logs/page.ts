import { InputError } from '@backstage/errors';
import {
  PP_LOG_QUERY_DEFAULT_LIMIT,
  PP_LOG_QUERY_MAX_LIMIT,
  PpLogEntry,
  PpLogQuery,
  PpLogQueryResult,
} from '@internal/plugin-pp-common';
import { LogCursor, decodeLogCursor, encodeLogCursor } from './cursor';
import { ParsedLogText, isEmptyLogText, parseLogText } from './textQuery';

/**
 * What both stores read from a query before they search: the page size (clamped), the cursor and
 * the parsed text (undefined when blank; text without letters or digits is a 400).
 */
export function prepareLogQuery(
  query: PpLogQuery,
  cursorIdPattern?: RegExp,
): { limit: number; cursor?: LogCursor; parsed?: ParsedLogText } {
  const limit = Math.min(
    Math.max(query.limit ?? PP_LOG_QUERY_DEFAULT_LIMIT, 1),
    PP_LOG_QUERY_MAX_LIMIT,
  );
  const cursor = query.cursor
    ? decodeLogCursor(query.cursor, cursorIdPattern)
    : undefined;
  if (query.text === undefined || query.text.trim() === '') {
    return { limit, cursor };
  }
  const parsed = parseLogText(query.text);
  if (isEmptyLogText(parsed)) {
    throw new InputError(
      'Invalid log query: text: has no letters or digits to search for',
    );
  }
  return { limit, cursor, parsed };
}

/**
 * The answer both stores give: `fetched` holds up to limit + 1 entries, the extra one only says
 * that there is a next page, whose cursor is the last returned entry.
 */
export function logPage(opts: {
  fetched: PpLogEntry[];
  limit: number;
  total: number | null;
  lowerBound: boolean;
  backend: PpLogQueryResult['backend'];
}): PpLogQueryResult {
  const items = opts.fetched.slice(0, opts.limit);
  const last = items[items.length - 1];
  return {
    items,
    next_cursor:
      opts.fetched.length > opts.limit && last
        ? encodeLogCursor({ t: last.timestamp, i: last.id })
        : null,
    total_estimate: opts.total,
    total_is_lower_bound: opts.lowerBound,
    limit: opts.limit,
    backend: opts.backend,
  };
}

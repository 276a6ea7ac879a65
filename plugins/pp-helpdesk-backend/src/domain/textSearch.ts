/**
 * The queue's `q`: a ticket key (`TKT-123`, `tkt123`) finds that ticket; otherwise every word must
 * start a word of the title or description (word-prefix match, case-insensitive), which both
 * PostgreSQL full text and SQLite FTS5 answer from an index.
 */
export interface TicketTextQuery {
  /** The ticket number when `q` is a key. */
  seq?: number;
  /** Letters and digits only, lower case; empty when `q` has no word. */
  words: string[];
}

export function parseTicketText(q: string): TicketTextQuery {
  const text = q.trim();
  const key = /^TKT-?(\d{1,12})$/i.exec(text);
  const words = (text.toLocaleLowerCase('en-US').match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter(w => w.length <= 64)
    .slice(0, 8);
  return {
    ...(key ? { seq: Number(key[1]) } : {}),
    words: [...new Set(words)],
  };
}

/** PostgreSQL `to_tsquery('simple', …)`: `word:* & word:*` (the words are letters and digits). */
export function pgTsQuery(words: string[]): string {
  return words.map(w => `${w}:*`).join(' & ');
}

/** SQLite FTS5 MATCH: `"word"* AND "word"*`. */
export function fts5Query(words: string[]): string {
  return words.map(w => `"${w}"*`).join(' AND ');
}

import { createHash } from 'node:crypto';
import type { FetchedRecord } from './types';

/*
 * Turning what sources deliver into `FetchedRecord`s: HTML to plain text, times to ISO 8601,
 * a stable id when the source gives none. Decided here:
 * - HTML is reduced with a small tag stripper (block elements become line breaks, script and
 *   style are dropped, the common entities decoded), not a DOM: the text is for search and
 *   embeddings, not for display.
 * - A record without content (after reduction) is dropped: there is nothing to search. A record
 *   without a title gets the start of its content.
 * - A record without an id is keyed by its URL, else by a hash of its title and content (a
 *   changed text then reads as removed + added, which is the truth for the index anyway).
 * - The first of several records with the same id wins; later ones are dropped.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  copy: '©',
};

export function decodeEntities(text: string): string {
  return text.replace(
    /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi,
    (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X'
            ? parseInt(name.slice(2), 16)
            : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff
          ? String.fromCodePoint(code)
          : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    },
  );
}

/** True when a string looks like HTML markup. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i.test(text);
}

/** Plain text of an HTML fragment: paragraphs on their own lines, no tags. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(
      /<\/?(p|div|li|ul|ol|h[1-6]|tr|table|section|article|blockquote|pre|header|footer)\b[^>]*>/gi,
      '\n',
    )
    .replace(/<(td|th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]+>/g, ''); // inline elements: no space (`<b>x</b>.` is `x.`)
  return tidyText(decodeEntities(text));
}

/** Trims lines, collapses runs of spaces and of blank lines. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(line => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text of a value that may hold HTML. */
export function plainText(value: unknown): string {
  const s = stringOf(value);
  if (!s) return '';
  return looksLikeHtml(s) ? htmlToText(s) : tidyText(decodeEntities(s));
}

/** A string of a scalar; '' for anything else. */
export function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return '';
}

/** ISO 8601 of a date-ish value (Unix seconds or ms, or a parsable string), else null. */
export function toIsoDate(value: unknown): string | null {
  let date: Date | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    date = new Date(value < 1e12 ? value * 1000 : value);
  } else if (typeof value === 'string' && value.trim()) {
    const s = value.trim();
    date = /^\d{9,13}$/.test(s)
      ? new Date(Number(s) < 1e12 ? Number(s) * 1000 : Number(s))
      : new Date(s);
  } else if (value instanceof Date) {
    date = value;
  }
  return date && Number.isFinite(date.getTime()) ? date.toISOString() : null;
}

/** A stable id of some text. */
export function stableId(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return `sha256:${h.digest('hex').slice(0, 32)}`;
}

/** An http(s) URL, else null. */
export function urlOrNull(value: unknown): string | null {
  const s = stringOf(value).trim();
  if (!s) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const TITLE_MAX = 300;

/** Raw fields of one record, before normalising. */
export interface RawRecord {
  id?: unknown;
  title?: unknown;
  content?: unknown;
  url?: unknown;
  published_at?: unknown;
}

/** A record from raw fields, or null when it has no content. */
export function toRecord(raw: RawRecord): FetchedRecord | null {
  const content = plainText(raw.content);
  let title = plainText(raw.title).replace(/\s+/g, ' ');
  if (!content && !title) return null;
  const text = content || title;
  if (!title) {
    title = text.replace(/\s+/g, ' ').slice(0, 80);
    if (text.length > 80) title = `${title.replace(/\s\S*$/, '')}…`;
  }
  if (title.length > TITLE_MAX) title = `${title.slice(0, TITLE_MAX - 1)}…`;
  const url = urlOrNull(raw.url);
  const id = stringOf(raw.id).trim();
  return {
    external_id: (id || url || stableId(title, text)).slice(0, 500),
    title,
    content: text,
    url,
    published_at: toIsoDate(raw.published_at),
  };
}

/** Records without repeats of an id (the first wins). */
export function uniqueRecords(
  records: (FetchedRecord | null)[],
): FetchedRecord[] {
  const seen = new Set<string>();
  const out: FetchedRecord[] = [];
  for (const r of records) {
    if (!r || seen.has(r.external_id)) continue;
    seen.add(r.external_id);
    out.push(r);
  }
  return out;
}

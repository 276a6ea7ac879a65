import { PpLogHighlight } from '@internal/plugin-pp-common';

/** A word or a "quoted phrase" of the search text. */
export interface LogTextTerm {
  /** As typed, without quotes (trimmed). */
  raw: string;
  /** Its words (letters and digits), lower case; a phrase has several. */
  words: string[];
}

/**
 * The search text in web-search syntax, the one PostgreSQL's `websearch_to_tsquery` reads:
 * words are ANDed, `"a phrase"` matches the words in a row, `-word` excludes, `or` between two
 * terms makes them alternatives. Every store interprets this one parse.
 */
export interface ParsedLogText {
  /** AND of groups; a group matches when any of its terms does. */
  groups: LogTextTerm[][];
  excluded: LogTextTerm[];
}

const WORD = /[\p{L}\p{N}]+/gu;

function term(raw: string): LogTextTerm {
  const trimmed = raw.trim();
  return {
    raw: trimmed,
    words: (trimmed.toLocaleLowerCase('en-US').match(WORD) ?? []).slice(),
  };
}

/** Parses the text; terms without a letter or digit are dropped. */
export function parseLogText(text: string): ParsedLogText {
  const tokens: Array<{ term: LogTextTerm; negated: boolean } | 'or'> = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[3] !== undefined) {
      const word = m[3];
      if (word.toLocaleLowerCase('en-US') === 'or') {
        tokens.push('or');
        continue;
      }
      const negated = word.startsWith('-') && word.length > 1;
      tokens.push({ term: term(negated ? word.slice(1) : word), negated });
    } else {
      tokens.push({ term: term(m[2]), negated: m[1] === '-' });
    }
  }
  const groups: LogTextTerm[][] = [];
  const excluded: LogTextTerm[] = [];
  let joinNext = false;
  for (const token of tokens) {
    if (token === 'or') {
      joinNext = groups.length > 0;
      continue;
    }
    if (!token.term.words.length) continue;
    if (token.negated) {
      excluded.push(token.term);
    } else if (joinNext) {
      groups[groups.length - 1].push(token.term);
    } else {
      groups.push([token.term]);
    }
    joinNext = false;
  }
  return { groups, excluded };
}

export function isEmptyLogText(parsed: ParsedLogText): boolean {
  return parsed.groups.length === 0 && parsed.excluded.length === 0;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where the positive terms occur in a message, merged and sorted.
 * `words`: whole words, a phrase's words separated by anything but letters and digits (how
 * PostgreSQL's `simple` configuration and Elasticsearch's standard analyzer match);
 * `substring`: the term as typed, anywhere (the SQLite store's LIKE).
 */
export function logHighlights(
  message: string,
  parsed: ParsedLogText,
  mode: 'words' | 'substring',
): PpLogHighlight[] {
  const ranges: PpLogHighlight[] = [];
  for (const t of parsed.groups.flat()) {
    const pattern =
      mode === 'words'
        ? `(?<![\\p{L}\\p{N}])${t.words
            .map(escapeRegExp)
            .join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`
        : escapeRegExp(t.raw);
    const re = new RegExp(pattern, 'giu');
    for (let m = re.exec(message); m; m = re.exec(message)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      ranges.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: PpLogHighlight[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** The parse as an Elasticsearch `simple_query_string` (default operator AND). */
export function toSimpleQueryString(parsed: ParsedLogText): string {
  // as typed: Elasticsearch analyses the phrase the way it analysed the message
  const phrase = (t: LogTextTerm) => `"${t.raw.replace(/["\\]/g, ' ').trim()}"`;
  const parts = parsed.groups.map(g =>
    g.length === 1 ? phrase(g[0]) : `(${g.map(phrase).join(' | ')})`,
  );
  parts.push(...parsed.excluded.map(t => `-${phrase(t)}`));
  return parts.join(' ');
}

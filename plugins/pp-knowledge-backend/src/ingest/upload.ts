import { InputError } from '@backstage/errors';
import { parse as parseCsv } from 'csv-parse/sync';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { formatBytes } from './http';
import { stableId, tidyText, toRecord, uniqueRecords } from './normalise';
import type { FetchedRecord } from './types';

/*
 * A file uploaded to an `upload` source, as records. By extension:
 *
 * - .txt (.text): one record, titled by the file name.
 * - .md (.markdown): one record per top-level section — the highest heading level the file uses
 *   (ATX `#` headings outside code fences), so a file of `##` sections splits at `##`. Text before
 *   the first heading is a record of its own (titled by the front matter's `title:` or the file
 *   name); a section without text is skipped. Links and emphasis are reduced to their text.
 * - .pdf: one record with the text of all pages (unpdf / pdf.js), titled by the PDF's Title or the
 *   file name. A PDF without a text layer (a scan) is refused with a sentence: no OCR here.
 * - .csv: one record per row (csv-parse; `,` `;` or tab, a UTF-8 BOM is fine). Columns are
 *   guessed by header name (see COLUMN_NAMES); without a content column the row's other columns
 *   become the content as `Header: value` lines, and with one the remaining columns are appended
 *   the same way (so nothing in the row is lost for search).
 *
 * Every external_id starts with `<file name>#`, so the core can tell (and replace) the records
 * of one file: `notes.txt#`, `guide.md#lesson-planning`, `faq.csv#<id column or content hash>`.
 * Text is decoded as UTF-8, or Windows-1252 when it is not valid UTF-8; a file with NUL bytes is
 * refused as binary.
 */

/** The extensions `parseUpload` reads. */
export const UPLOAD_EXTENSIONS = [
  'txt',
  'text',
  'md',
  'markdown',
  'pdf',
  'csv',
];

const COLUMN_NAMES = {
  id: ['id', 'external_id', 'key', 'slug', 'uuid', 'guid'],
  title: ['title', 'name', 'subject', 'heading', 'headline', 'question'],
  content: [
    'content',
    'body',
    'text',
    'description',
    'answer',
    'summary',
    'details',
    'notes',
  ],
  url: ['url', 'link', 'href', 'source_url'],
  published_at: [
    'published_at',
    'published',
    'date',
    'created_at',
    'updated_at',
    'timestamp',
  ],
} as const;

function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop()?.trim() ?? '';
  return base.slice(0, 200);
}

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return m ? m[1].toLowerCase() : '';
}

const baseName = (fileName: string) => fileName.replace(/\.[^.]+$/, '');

/** Text of bytes: UTF-8 (BOM dropped), else Windows-1252; refuses binary. */
export function decodeText(fileName: string, bytes: Buffer): string {
  if (bytes.includes(0)) {
    throw new InputError(
      `${fileName} looks like a binary file, not text: upload .txt, .md or .csv files as plain text`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/** `Lesson planning` → `lesson-planning`. */
function slugOf(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'section'
  );
}

/** Markdown inline syntax reduced to its text. */
function markdownToText(md: string): string {
  return tidyText(
    md
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/^```.*$/gm, '')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/^#{1,6}\s+/gm, '')
      .replace(/^>\s?/gm, '')
      .replace(/<[^>]+>/g, ''),
  );
}

interface Section {
  title: string | null;
  lines: string[];
}

/** Records of a Markdown file (see the header). */
export function parseMarkdown(fileName: string, text: string): FetchedRecord[] {
  let body = text.replace(/\r\n?/g, '\n');
  let docTitle = baseName(fileName);
  const front = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (front) {
    const t = /^title:\s*["']?(.+?)["']?\s*$/m.exec(front[1]);
    if (t) docTitle = t[1];
    body = body.slice(front[0].length);
  }
  const lines = body.split('\n');
  // heading levels, outside code fences
  const levels: (number | null)[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const f = /^\s*(```|~~~)/.exec(line);
    if (f) {
      if (fence === null) fence = f[1];
      else if (fence === f[1]) fence = null;
      levels.push(null);
      continue;
    }
    const h = fence === null ? /^(#{1,6})\s+\S/.exec(line) : null;
    levels.push(h ? h[1].length : null);
  }
  const present = levels.filter((l): l is number => l !== null);
  const top = present.length ? Math.min(...present) : null;

  const sections: Section[] = [{ title: null, lines: [] }];
  lines.forEach((line, i) => {
    if (top !== null && levels[i] === top) {
      sections.push({
        title: line
          .replace(/^#{1,6}\s+/, '')
          .replace(/\s+#+\s*$/, '')
          .trim(),
        lines: [],
      });
    } else {
      sections[sections.length - 1].lines.push(line);
    }
  });

  const used = new Map<string, number>();
  const records = sections.map(section => {
    const content = markdownToText(section.lines.join('\n'));
    if (!content) return null;
    const title = section.title ? markdownToText(section.title) : docTitle;
    const slug = section.title ? slugOf(title) : '';
    const n = (used.get(slug) ?? 0) + 1;
    used.set(slug, n);
    const suffix = n > 1 ? `${slug}-${n}` : slug;
    return toRecord({ id: `${fileName}#${suffix}`, title, content });
  });
  return uniqueRecords(records);
}

/** The header names of a CSV normalised for guessing: `Published At` → `published_at`. */
const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** The delimiter of a CSV: the most frequent of `,` `;` tab in its first line (outside quotes). */
function delimiterOf(text: string): string {
  const first = (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').replace(
    /"[^"]*"/g,
    '',
  );
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t']) {
    const count = first.split(d).length - 1;
    if (count > most) {
      best = d;
      most = count;
    }
  }
  return best;
}

/** Records of a CSV file (see the header). */
export function parseCsvRecords(
  fileName: string,
  text: string,
): FetchedRecord[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, {
      columns: (header: string[]) => header.map(h => h.trim()),
      delimiter: delimiterOf(text),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      bom: true,
    }) as Record<string, string>[];
  } catch (e) {
    throw new InputError(
      `${fileName} is not a readable CSV file: ${(e as Error).message}`,
    );
  }
  if (!rows.length) return [];
  const headers = Object.keys(rows[0]);
  const find = (names: readonly string[]) => {
    for (const name of names) {
      const h = headers.find(x => normaliseHeader(x) === name);
      if (h) return h;
    }
    return undefined;
  };
  const cols = {
    id: find(COLUMN_NAMES.id),
    title: find(COLUMN_NAMES.title),
    content: find(COLUMN_NAMES.content),
    url: find(COLUMN_NAMES.url),
    published_at: find(COLUMN_NAMES.published_at),
  };
  const mapped = new Set(Object.values(cols).filter(Boolean));
  const rest = headers.filter(h => !mapped.has(h));
  return uniqueRecords(
    rows.map(row => {
      const extra = rest
        .filter(h => row[h])
        .map(h => `${h}: ${row[h]}`)
        .join('\n');
      const main = cols.content ? row[cols.content] ?? '' : '';
      const content = [main, extra].filter(Boolean).join('\n\n');
      const title = cols.title ? row[cols.title] ?? '' : '';
      if (!content.trim()) return null;
      const record = toRecord({
        title,
        content,
        url: cols.url ? row[cols.url] : undefined,
        published_at: cols.published_at ? row[cols.published_at] : undefined,
      });
      if (!record) return null;
      const own = cols.id ? (row[cols.id] ?? '').trim() : '';
      record.external_id = `${fileName}#${
        own || stableId(record.title, record.content)
      }`;
      return record;
    }),
  );
}

/** Records of a PDF (see the header). */
export async function parsePdf(
  fileName: string,
  bytes: Buffer,
): Promise<FetchedRecord[]> {
  if (!bytes.subarray(0, 1024).includes('%PDF-')) {
    throw new InputError(
      `${fileName} is not a readable PDF: it does not start like one (%PDF-)`,
    );
  }
  let pages: string[];
  let metaTitle: unknown;
  try {
    // verbosity 0: pdf.js's warnings about damaged files are the error we throw, not log noise
    const pdf = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
    });
    try {
      const text = await extractText(pdf, { mergePages: false });
      pages = text.text;
      const meta = await getMeta(pdf).catch(() => undefined);
      metaTitle = (meta?.info as Record<string, unknown> | undefined)?.Title;
    } finally {
      await (pdf as { destroy?: () => Promise<void> })
        .destroy?.()
        .catch(() => {});
    }
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    throw new InputError(
      /password/i.test(message)
        ? `${fileName} is protected by a password: upload a copy without one`
        : `${fileName} is not a readable PDF: ${message}`,
    );
  }
  const content = tidyText(
    pages
      .map(p => p.trim())
      .filter(Boolean)
      .join('\n\n'),
  );
  if (!content) {
    throw new InputError(
      `${fileName} has no text layer (a scanned document?): PP reads the text of PDFs, it does not recognise text in images`,
    );
  }
  const title =
    typeof metaTitle === 'string' && metaTitle.trim()
      ? metaTitle.trim()
      : baseName(fileName);
  const record = toRecord({ id: `${fileName}#`, title, content });
  return record ? [record] : [];
}

/**
 * The records of an uploaded file. Throws an InputError with a sentence for a type it does not
 * read, an empty file, a binary "text" file or a broken PDF/CSV.
 */
export async function parseUpload(
  fileName: string,
  bytes: Buffer,
): Promise<FetchedRecord[]> {
  const name = cleanFileName(fileName);
  if (!name) throw new InputError('The uploaded file has no name');
  const ext = extensionOf(name);
  if (!UPLOAD_EXTENSIONS.includes(ext)) {
    throw new InputError(
      `Upload a .txt, .md, .pdf or .csv file; ${name} is none of them`,
    );
  }
  if (!bytes.length) throw new InputError(`${name} is empty`);

  let records: FetchedRecord[];
  switch (ext) {
    case 'pdf':
      records = await parsePdf(name, bytes);
      break;
    case 'csv':
      records = parseCsvRecords(name, decodeText(name, bytes));
      break;
    case 'md':
    case 'markdown':
      records = parseMarkdown(name, decodeText(name, bytes));
      break;
    default: {
      const record = toRecord({
        id: `${name}#`,
        title: baseName(name),
        content: decodeText(name, bytes),
      });
      records = record ? [record] : [];
    }
  }
  if (!records.length) {
    throw new InputError(
      `${name} (${formatBytes(
        bytes.length,
      )}) holds no text to add to the knowledge`,
    );
  }
  return records;
}

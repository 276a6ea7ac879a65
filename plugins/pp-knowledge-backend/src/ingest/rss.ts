import { InputError } from '@backstage/errors';
import type { PpKnowledgeConnection } from '@internal/plugin-pp-common';
import Parser from 'rss-parser';
import { authHeaders } from './auth';
import { SourceFetchError } from './errors';
import { guardedGet } from './http';
import { toRecord, uniqueRecords } from './normalise';
import type { FetchedRecord, FetchOptions } from './types';

/*
 * An `rss` source: RSS 0.9x/1.0/2.0 or Atom, parsed by rss-parser from the bytes `guardedGet`
 * read (rss-parser's own URL fetching is not used: it has no SSRF guard or size cap).
 * A record per item/entry: id = guid (RSS) or id (Atom), else the link; content = the full text
 * (content:encoded, content) or else the summary/description, reduced to plain text; time =
 * pubDate / published / updated.
 */

type Item = Parser.Item & {
  id?: string;
  contentEncoded?: string;
  summary?: string;
  description?: string;
  published?: string;
  updated?: string;
};

const parser = new Parser<Record<string, unknown>, Item>({
  customFields: {
    item: [
      ['content:encoded', 'contentEncoded'],
      'id',
      'summary',
      'description',
      'published',
      'updated',
    ],
  },
});

/** The records of a feed document (exported for tests and uploads of a feed file). */
export async function recordsOfFeed(
  xml: string,
  where: string,
): Promise<FetchedRecord[]> {
  let feed: Parser.Output<Item>;
  try {
    feed = await parser.parseString(xml);
  } catch (e) {
    throw new SourceFetchError(
      `${where} is not valid RSS or Atom: ${
        (e as Error).message.split('\n')[0]
      }`,
    );
  }
  // xml2js gives an element with attributes as { _: text, $: attributes }
  const text = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object' && '_' in v) return (v as any)._;
    return undefined;
  };
  return uniqueRecords(
    (feed.items ?? []).map(item =>
      toRecord({
        id: text(item.guid) ?? text(item.id) ?? item.link,
        title: text(item.title),
        content:
          text(item.contentEncoded) ??
          text(item.content) ??
          text(item.summary) ??
          text(item.description) ??
          item.contentSnippet,
        url: item.link,
        published_at:
          item.isoDate ??
          item.pubDate ??
          text(item.published) ??
          text(item.updated),
      }),
    ),
  );
}

/**
 * The text of an XML answer: in the charset of its Content-Type, else of its XML declaration,
 * else UTF-8 (older feeds are often ISO-8859-1 or Windows-1252). An unknown label falls back to
 * UTF-8.
 */
export function decodeXml(body: Buffer, contentType: string): string {
  const fromHeader = /charset=["']?([\w.:-]+)/i.exec(contentType)?.[1];
  const head = body
    .subarray(0, 300)
    .toString('latin1')
    .replace(/^\xEF\xBB\xBF/, '');
  const fromDeclaration = /^\s*<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(
    head,
  )?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(fromHeader ?? fromDeclaration ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(body).replace(/^\uFEFF/, '');
}

/** Reads an `rss` source. `credential` is the plain one (see CredentialVault.resolve). */
export async function fetchRss(
  connection: PpKnowledgeConnection,
  credential: string | undefined,
  options: FetchOptions,
): Promise<FetchedRecord[]> {
  return (await readRss(connection, credential, options)).records;
}

/** fetchRss with the answer's HTTP status (for test connection). */
export async function readRss(
  connection: PpKnowledgeConnection,
  credential: string | undefined,
  options: FetchOptions,
): Promise<{ records: FetchedRecord[]; status: number }> {
  if (!connection.url) {
    throw new InputError(
      'An rss source needs connection.url, the address of the feed',
    );
  }
  const auth = authHeaders(connection, credential);
  const answer = await guardedGet(
    'The feed',
    connection.url,
    {
      accept:
        'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      ...auth.headers,
    },
    options,
    auth.secretHeaders,
  );
  const records = await recordsOfFeed(
    decodeXml(answer.body, answer.contentType),
    `The feed at ${connection.url}`,
  );
  return { records, status: answer.status };
}

import type {
  PpKnowledgeConnectionTest,
  PpKnowledgeSourceCreate,
} from '@internal/plugin-pp-common';
import type { CredentialVault } from './credentials';
import { SourceFetchError } from './errors';
import { readSource } from './fetchSource';
import type { FetchOptions } from './types';

/*
 * "Test connection" before a source is saved: a real fetch with the source's settings, bounded by
 * the same options as the ingestion (timeout, size cap, SSRF guard), and nothing stored. The
 * answer is always a result, never an error: what went wrong (a refused credential, a 404, a
 * timeout, a private address, a missing secret, not JSON) is its `message`, with the remote's
 * HTTP status when there was one. webhook and upload sources have nothing to connect to: ok, with
 * a sentence saying so.
 */

const SNIPPET = 200;
const SAMPLE = 3;

const snippetOf = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET
    ? `${flat.slice(0, SNIPPET - 1).replace(/\s\S*$/, '')}…`
    : flat;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Tests a source's connection (see the header). `input` is the parsed create body. */
export async function testConnection(
  input: Pick<PpKnowledgeSourceCreate, 'type' | 'connection' | 'credential'>,
  deps: {
    fetchOptions: FetchOptions;
    /** Resolves a `secret:NAME` reference (a typed credential passes through). */
    vault: Pick<CredentialVault, 'resolve'>;
    /** A clock in ms, for tests. */
    now?: () => number;
  },
): Promise<PpKnowledgeConnectionTest> {
  const now = deps.now ?? (() => Date.now());
  if (input.type === 'webhook' || input.type === 'upload') {
    return {
      ok: true,
      message:
        input.type === 'webhook'
          ? 'A webhook source has nothing to connect to: its sender posts records, signed with the secret shown once the source is saved'
          : 'An upload source has nothing to connect to: its records arrive with each uploaded file',
      status_code: null,
      duration_ms: 0,
      records: null,
      sample: [],
    };
  }
  const started = now();
  const duration = () => Math.max(0, Math.round(now() - started));
  try {
    const credential = deps.vault.resolve(input.credential);
    const { records, status } = await readSource(
      {
        type: input.type,
        connection: { auth_type: 'none', ...input.connection },
        credential,
      },
      deps.fetchOptions,
    );
    const ms = duration();
    let message = `Read ${plural(records.length, 'record')} in ${ms} ms`;
    if (!records.length) {
      message +=
        input.type === 'api'
          ? ': the answer holds no records with text; check the JSON path and the field names'
          : ': the feed has no items with text';
    }
    return {
      ok: true,
      message,
      status_code: status,
      duration_ms: ms,
      records: records.length,
      sample: records.slice(0, SAMPLE).map(r => ({
        title: r.title,
        snippet: snippetOf(r.content),
      })),
    };
  } catch (e) {
    const error = e as Error;
    return {
      ok: false,
      message: error?.message ?? String(e),
      status_code: e instanceof SourceFetchError ? e.remoteStatus : null,
      duration_ms: duration(),
      records: null,
      sample: [],
    };
  }
}

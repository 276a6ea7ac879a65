import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { fetchApi } from '../ingest/api';
import { CredentialVault } from '../ingest/credentials';
import { fetchRss } from '../ingest/rss';
import { SourceFetchError } from '../ingest/errors';
import { DEFAULT_FETCH_OPTIONS, FetchOptions } from '../ingest/types';
import { parseUpload } from '../ingest/upload';
import type { FetchedRecord } from '../ingest/types';
import type { FetchableSource, KnowledgeIngestPorts } from './ports';

/** Test connection waits at most this long (the form waits for it). */
const TEST_TIMEOUT_MS = 8_000;

/** `pp.knowledge.fetch` over the defaults (15 s, 10 MiB, public networks only). */
export function readFetchOptions(config: Config): FetchOptions {
  const c = config.getOptionalConfig('pp.knowledge.fetch');
  return {
    timeoutMs:
      c?.getOptionalNumber('timeoutMs') ?? DEFAULT_FETCH_OPTIONS.timeoutMs,
    maxBytes:
      c?.getOptionalNumber('maxBytes') ?? DEFAULT_FETCH_OPTIONS.maxBytes,
    allowPrivateNetworks:
      c?.getOptionalBoolean('allowPrivateNetworks') ??
      DEFAULT_FETCH_OPTIONS.allowPrivateNetworks,
  };
}

/** The ingest modules (src/ingest) as the core uses them, configured from `pp.knowledge`. */
export function createIngestPorts(
  config: Config,
  logger: LoggerService,
): KnowledgeIngestPorts {
  const vault = CredentialVault.fromConfig(config);
  if (vault.keySource === 'development') {
    logger.warn(
      'pp-knowledge seals source credentials with the development key: set pp.knowledge.credentialsKey (or backend.auth.keys) outside development',
    );
  }
  const fetchOptions = readFetchOptions(config);
  const fetchSource = (
    source: FetchableSource,
    options: FetchOptions,
  ): Promise<FetchedRecord[]> => {
    if (source.type === 'api') {
      return fetchApi(source.connection, source.credential, options);
    }
    if (source.type === 'rss') {
      return fetchRss(source.connection, source.credential, options);
    }
    throw new Error(`A ${source.type} source is not fetched`);
  };
  return {
    vault,
    fetchOptions,
    fetchSource,
    parseUpload,
    testConnection: async (source, options) => {
      const started = Date.now();
      try {
        const records = await fetchSource(
          { ...source, credential: vault.resolve(source.credential) },
          {
            ...options,
            timeoutMs: Math.min(options.timeoutMs, TEST_TIMEOUT_MS),
          },
        );
        const ms = Date.now() - started;
        return {
          ok: true,
          message: `Read ${records.length} record${
            records.length === 1 ? '' : 's'
          } in ${ms} ms`,
          status_code: 200,
          duration_ms: ms,
          records: records.length,
          sample: records.slice(0, 3).map(r => ({
            title: r.title,
            snippet: r.content.replace(/\s+/g, ' ').slice(0, 200),
          })),
        };
      } catch (e) {
        return {
          ok: false,
          message: e instanceof Error ? e.message : String(e),
          status_code: e instanceof SourceFetchError ? e.remoteStatus : null,
          duration_ms: Date.now() - started,
          records: null,
          sample: [],
        };
      }
    },
  };
}

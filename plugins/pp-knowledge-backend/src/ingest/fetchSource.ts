import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  PpKnowledgeConnection,
  PpKnowledgeSourceType,
} from '@internal/plugin-pp-common';
import { readApi } from './api';
import { readRss } from './rss';
import {
  DEFAULT_FETCH_OPTIONS,
  type FetchedRecord,
  type FetchOptions,
} from './types';

/** What `fetchSource` needs of a source. `credential` is the plain one (vault.resolve). */
export interface FetchableSource {
  type: PpKnowledgeSourceType;
  connection: PpKnowledgeConnection | null | undefined;
  credential?: string;
}

/** fetchSource with the answer's HTTP status. */
export async function readSource(
  source: FetchableSource,
  options: FetchOptions,
): Promise<{ records: FetchedRecord[]; status: number }> {
  const connection: PpKnowledgeConnection = {
    auth_type: 'none',
    ...(source.connection ?? {}),
  };
  switch (source.type) {
    case 'api':
      return readApi(connection, source.credential, options);
    case 'rss':
      return readRss(connection, source.credential, options);
    case 'webhook':
      throw new InputError(
        'A webhook source is not fetched: its records arrive when its sender posts them',
      );
    case 'upload':
      throw new InputError(
        'An upload source is not fetched: its records arrive with each uploaded file',
      );
    default:
      throw new InputError(
        `A source's type is api, rss, webhook or upload, not ${JSON.stringify(
          source.type,
        )}`,
      );
  }
}

/**
 * The records of an `api` or `rss` source now (the ingestion job's fetch step). Throws an
 * InputError for a source that cannot be fetched as configured (no URL, missing credential,
 * a private address, a push type) and a SourceFetchError for a source that failed to answer
 * well; both carry a sentence for the run's log.
 */
export async function fetchSource(
  source: FetchableSource,
  options: FetchOptions,
): Promise<FetchedRecord[]> {
  return (await readSource(source, options)).records;
}

/**
 * The fetch options of config `pp.knowledge.fetch`: `allowPrivateNetworks` (default false),
 * `timeoutMs` (default 15000, 1000–120000), `maxBytes` (default 10 MB, at most 100 MB).
 */
export function readFetchOptions(config: Config): FetchOptions {
  const c = config.getOptionalConfig('pp.knowledge.fetch');
  const timeoutMs =
    c?.getOptionalNumber('timeoutMs') ?? DEFAULT_FETCH_OPTIONS.timeoutMs;
  const maxBytes =
    c?.getOptionalNumber('maxBytes') ?? DEFAULT_FETCH_OPTIONS.maxBytes;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 120_000) {
    throw new Error(
      `pp.knowledge.fetch.timeoutMs must be 1000 to 120000 ms, not ${timeoutMs}`,
    );
  }
  if (
    !Number.isInteger(maxBytes) ||
    maxBytes < 1024 ||
    maxBytes > 100 * 1024 * 1024
  ) {
    throw new Error(
      `pp.knowledge.fetch.maxBytes must be 1024 to 104857600 bytes, not ${maxBytes}`,
    );
  }
  return {
    timeoutMs,
    maxBytes,
    allowPrivateNetworks:
      c?.getOptionalBoolean('allowPrivateNetworks') ?? false,
  };
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  CredentialVault,
  fetchSource,
  parseUpload,
  readFetchOptions,
  testConnection,
} from '../ingest';
import type { KnowledgeIngestPorts } from './ports';

/** Test connection waits at most this long (the person's form waits for it). */
const TEST_TIMEOUT_MS = 8_000;

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
  return {
    vault,
    fetchOptions: readFetchOptions(config),
    fetchSource,
    parseUpload,
    testConnection: (source, options) =>
      testConnection(source, {
        vault,
        fetchOptions: {
          ...options,
          timeoutMs: Math.min(options.timeoutMs, TEST_TIMEOUT_MS),
        },
      }),
  };
}

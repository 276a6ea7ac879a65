import type {
  PpKnowledgeConnection,
  PpKnowledgeConnectionTest,
  PpKnowledgeSourceType,
} from '@internal/plugin-pp-common';
import type { FetchedRecord, FetchOptions } from '../ingest/types';

/*
 * What the core needs from the ingest modules (src/ingest, helper A's), injected by plugin.ts so
 * that the service layer is written against these shapes only.
 */

/** Seals credentials and webhook secrets for the database, and opens them for use. */
export interface SecretSealer {
  seal(plain: string): string;
  open(sealed: string): string;
  /** What to store for a credential a person gave (a `secret:NAME` reference as is, else sealed). */
  protect(credential: string): string;
  /** The plain credential of a stored one (opened, or read from the environment). */
  resolve(stored: string | null | undefined): string | undefined;
}

/** A source as the fetchers read it. */
export interface FetchableSource {
  type: PpKnowledgeSourceType;
  connection: PpKnowledgeConnection;
  credential?: string;
}

/** The ingest side: fetching, parsing pushed records, testing a connection, sealing secrets. */
export interface KnowledgeIngestPorts {
  fetchSource(
    source: FetchableSource,
    options: FetchOptions,
  ): Promise<FetchedRecord[]>;
  parseUpload(fileName: string, bytes: Buffer): Promise<FetchedRecord[]>;
  testConnection(
    source: FetchableSource,
    options: FetchOptions,
  ): Promise<PpKnowledgeConnectionTest>;
  vault: SecretSealer;
  fetchOptions: FetchOptions;
}

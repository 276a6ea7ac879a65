import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  PpKnowledgeConnectionTest,
  PpKnowledgeSourceCreated,
  PpKnowledgeUpload,
  ppKnowledgeSourceCreateSchema,
  ppKnowledgeSourceUpdateSchema,
} from '@internal/plugin-pp-common';
import type { PpPrincipal } from '@internal/plugin-pp-node';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { KnowledgeStore, SourceRow } from '../database/KnowledgeStore';
import { isFromUpload, uploadExternalId } from '../domain/ingestPlan';
import type { FetchedRecord } from '../ingest/types';
import { generateWebhookSecret } from '../ingest/webhook';
import { assertValidSource, isScheduled, statusOf } from '../domain/sources';
import { firstRunAt, Ingestion } from './Ingestion';
import type { KnowledgeIngestPorts } from './ports';
import { toApiRun, toApiSource } from './views';

type SourceCreate = z.output<typeof ppKnowledgeSourceCreateSchema>;
type SourceUpdate = z.output<typeof ppKnowledgeSourceUpdateSchema>;

/** At most this many bytes in an uploaded file (decoded). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const isUnique = (e: any) =>
  e?.code === '23505' || String(e?.code).startsWith('SQLITE_CONSTRAINT');

/** The path a webhook source's sender posts to. */
export const webhookPath = (id: string) =>
  `/pp/v1/industry-knowledge/webhooks/${id}`;

/**
 * The knowledge writes: sources (create, change, pause), test connection, run now, upload and
 * webhook ingestion. Each write is one unit of work of the store; runs go through `Ingestion`.
 */
export class KnowledgeCommands {
  constructor(
    private readonly deps: {
      store: KnowledgeStore;
      ingestion: Ingestion;
      ingest: KnowledgeIngestPorts;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  private async source(id: string): Promise<SourceRow> {
    const s = await this.deps.store.getSource(id);
    if (!s) throw new NotFoundError(`No knowledge source ${id}`);
    return s;
  }

  async createSource(
    input: SourceCreate,
    principal: Pick<PpPrincipal, 'id' | 'name'>,
    options: { demo?: boolean } = {},
  ): Promise<PpKnowledgeSourceCreated> {
    const { store, ingest } = this.deps;
    const connection = {
      ...(input.connection ?? {}),
      auth_type: input.connection?.auth_type ?? 'none',
    } as SourceRow['connection'];
    assertValidSource({
      type: input.type,
      connection,
      hasCredential: Boolean(input.credential),
      credential: input.credential,
      time_zone: input.time_zone,
    });
    const now = this.now();
    const id = randomUUID();
    const secret = input.type === 'webhook' ? generateWebhookSecret() : null;
    const row: SourceRow = {
      id,
      industry: input.industry,
      name: input.name,
      type: input.type,
      connection,
      credential_sealed: input.credential
        ? ingest.vault.protect(input.credential)
        : null,
      webhook_secret_sealed: secret ? ingest.vault.seal(secret) : null,
      frequency: input.frequency,
      time: input.time,
      time_zone: input.time_zone,
      weekday:
        input.frequency === 'weekly'
          ? input.weekday ?? 1
          : input.weekday ?? null,
      paused: false,
      status: 'active',
      consecutive_failures: 0,
      record_count: 0,
      last_run_at: null,
      last_success_at: null,
      next_run_at: null,
      last_error: null,
      demo: Boolean(options.demo),
      created_by: principal.id,
      created_by_name: principal.name,
      created_at: now,
      updated_at: now,
    };
    row.next_run_at = firstRunAt(row, now);
    try {
      await store.transaction(uow => uow.insertSource(row));
    } catch (e) {
      if (isUnique(e)) {
        throw new ConflictError(
          `The ${input.industry} industry already has a source named ${input.name}`,
        );
      }
      throw e;
    }
    return {
      source: toApiSource(row),
      webhook: secret ? { url: webhookPath(id), secret } : null,
    };
  }

  async updateSource(id: string, change: SourceUpdate) {
    const { store, ingest } = this.deps;
    return store.transaction(async uow => {
      const before = await uow.getSource(id);
      if (!before) throw new NotFoundError(`No knowledge source ${id}`);
      const connection = change.connection
        ? {
            ...change.connection,
            auth_type: change.connection.auth_type ?? 'none',
          }
        : before.connection;
      const after: SourceRow = {
        ...before,
        name: change.name ?? before.name,
        connection: connection as SourceRow['connection'],
        frequency: change.frequency ?? before.frequency,
        time: change.time ?? before.time,
        time_zone: change.time_zone ?? before.time_zone,
        weekday: change.weekday ?? before.weekday,
        paused: change.paused ?? before.paused,
        credential_sealed: change.credential
          ? ingest.vault.protect(change.credential)
          : before.credential_sealed,
        updated_at: this.now(),
      };
      if (after.frequency === 'weekly' && after.weekday === null) {
        after.weekday = 1;
      }
      assertValidSource({
        type: after.type,
        connection: after.connection,
        hasCredential: after.credential_sealed !== null,
        credential: change.credential,
        time_zone: after.time_zone,
      });
      after.status = statusOf(after.paused, after.consecutive_failures);
      after.next_run_at = firstRunAt(after, after.updated_at);
      try {
        await uow.updateSource(id, {
          name: after.name,
          connection: after.connection,
          frequency: after.frequency,
          time: after.time,
          time_zone: after.time_zone,
          weekday: after.weekday,
          paused: after.paused,
          credential_sealed: after.credential_sealed,
          status: after.status,
          next_run_at: after.next_run_at,
          updated_at: after.updated_at,
        });
      } catch (e) {
        if (isUnique(e)) {
          throw new ConflictError(
            `The ${after.industry} industry already has a source named ${after.name}`,
          );
        }
        throw e;
      }
      return { before: toApiSource(before), source: toApiSource(after) };
    });
  }

  /** A real fetch of a connection (nothing stored). */
  async testConnection(
    input: SourceCreate,
  ): Promise<PpKnowledgeConnectionTest> {
    const { ingest } = this.deps;
    const connection = {
      ...(input.connection ?? {}),
      auth_type: input.connection?.auth_type ?? 'none',
    } as SourceRow['connection'];
    assertValidSource({
      type: input.type,
      connection,
      hasCredential: Boolean(input.credential),
      credential: input.credential,
      time_zone: input.time_zone,
    });
    return ingest.testConnection(
      { type: input.type, connection, credential: input.credential },
      ingest.fetchOptions,
    );
  }

  /** Fetches an api or rss source now and stores what changed (`trigger` manual or schedule). */
  async runSource(id: string, trigger: 'manual' | 'schedule' = 'manual') {
    const { ingestion, ingest } = this.deps;
    const source = await this.source(id);
    if (!isScheduled(source.type)) {
      throw new InputError(
        `A ${source.type} source is not fetched: its records are ${
          source.type === 'webhook' ? 'posted to its webhook' : 'uploaded'
        }.`,
      );
    }
    const run = await ingestion.run(source, trigger, async () => ({
      records: await ingest.fetchSource(
        {
          type: source.type,
          connection: source.connection,
          credential: ingest.vault.resolve(source.credential_sealed),
        },
        ingest.fetchOptions,
      ),
      mode: { kind: 'full' },
    }));
    return toApiRun(run);
  }

  /** Ingests an uploaded file; it replaces an earlier upload of the same file name. */
  async upload(id: string, input: PpKnowledgeUpload) {
    const { ingestion, ingest } = this.deps;
    const source = await this.source(id);
    if (source.type !== 'upload') {
      throw new InputError(
        `Files are uploaded to upload sources; ${source.name} is a ${source.type} source.`,
      );
    }
    const bytes = decodeBase64(input.content_base64);
    const fileName = input.file_name;
    // a file that cannot be read is the uploader's 400, not a failed run of the source
    const records = (await ingest.parseUpload(fileName, bytes)).map(r => ({
      ...r,
      external_id: uploadExternalId(fileName, r.external_id),
    }));
    const run = await ingestion.run(source, 'upload', async log => {
      log.info(`${fileName}: ${bytes.length} bytes`);
      return {
        records,
        mode: {
          kind: 'push',
          replaces: externalId => isFromUpload(fileName, externalId),
        },
      };
    });
    return toApiRun(run);
  }

  /** Ingests a webhook delivery (already verified): adds and changes, removes nothing. */
  async webhookIngest(source: SourceRow, records: FetchedRecord[]) {
    const { ingestion } = this.deps;
    const run = await ingestion.run(source, 'webhook', async () => ({
      records,
      mode: { kind: 'push' },
    }));
    return toApiRun(run);
  }

  /** The plain signing secret of a webhook source (undefined for others or unknown ids). */
  async webhookSecret(
    id: string,
  ): Promise<{ source: SourceRow; secret: string } | undefined> {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) return undefined;
    const source = await this.deps.store.getSource(id);
    if (!source || source.type !== 'webhook' || !source.webhook_secret_sealed) {
      return undefined;
    }
    return {
      source,
      secret: this.deps.ingest.vault.open(source.webhook_secret_sealed),
    };
  }
}

function decodeBase64(text: string): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) {
    throw new InputError('content_base64 is not base64');
  }
  const bytes = Buffer.from(clean, 'base64');
  if (!bytes.length) throw new InputError('The file is empty');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new InputError(
      `The file has ${bytes.length} bytes; at most ${MAX_UPLOAD_BYTES} (5 MiB) are accepted`,
    );
  }
  return bytes;
}

// @ts-check
/**
 * Industry knowledge (issue #17).
 * - pp_knowledge_sources: a source per industry (api, rss, webhook, upload), its connection (JSON,
 *   never a secret), the credential and a webhook source's signing secret sealed by the
 *   CredentialVault (never returned), its schedule and state (status, consecutive failures,
 *   next_run_at the scheduler tick reads), record_count (documents in the current knowledge).
 * - pp_knowledge_runs: every ingestion run (trigger, status, counts, error, log JSON, the version
 *   it made).
 * - pp_knowledge_documents: one row per source and external id (the record as last fetched:
 *   title, url, content hash); removed_in: the version seq that removed it (null: current).
 * - pp_knowledge_chunks: the chunks of the documents with their keywords (JSON), embedding (Float32
 *   bytes) and model id; a chunk is in version seq V of its industry when version_from <= V and
 *   (version_to is null or version_to > V). Unchanged chunks are never rewritten, so a version is
 *   a range and a diff is a count over version_from/version_to.
 * - pp_knowledge_versions: one per ingestion that changed an industry's knowledge (seq per
 *   industry, label v<YYYY-MM-DD> with -2, -3 … for more that day, counts, topics JSON).
 * The list reads (sources, runs, versions) are versioned by the `knowledge` change mark.
 *
 * @param {import('knex').Knex} knex
 */
const { resolvePackagePath } = require('@backstage/backend-plugin-api');

const { createChangeMark, dropChangeMark } = require(resolvePackagePath(
  '@internal/plugin-pp-node',
  'migrations/lib/changeMarks.js',
));

const MARKED = [
  'pp_knowledge_sources',
  'pp_knowledge_runs',
  'pp_knowledge_versions',
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_knowledge_sources', table => {
    table.string('id', 36).primary();
    table.string('industry', 32).notNullable();
    table.string('name', 120).notNullable();
    table.string('type', 16).notNullable();
    table.text('connection').notNullable(); // JSON PpKnowledgeConnection
    table.text('credential_sealed').nullable();
    table.text('webhook_secret_sealed').nullable();
    table.string('frequency', 16).notNullable();
    table.string('time', 5).notNullable();
    table.string('time_zone', 64).notNullable();
    table.integer('weekday').nullable();
    table.boolean('paused').notNullable().defaultTo(false);
    table.string('status', 16).notNullable();
    table.integer('consecutive_failures').notNullable().defaultTo(0);
    table.integer('record_count').notNullable().defaultTo(0);
    table.timestamp('last_run_at', { useTz: true }).nullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table.timestamp('next_run_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.boolean('demo').notNullable().defaultTo(false);
    table.string('created_by', 255).nullable();
    table.string('created_by_name', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['industry', 'name']);
    table.index(['next_run_at'], 'pp_knowledge_sources_due_idx');
  });
  await knex.schema.createTable('pp_knowledge_runs', table => {
    table.string('id', 36).primary();
    table.string('source_id', 36).notNullable();
    table.string('industry', 32).notNullable();
    table.string('trigger', 16).notNullable();
    table.string('status', 16).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('duration_ms').nullable();
    table.integer('records_fetched').notNullable().defaultTo(0);
    table.integer('records_added').notNullable().defaultTo(0);
    table.integer('records_changed').notNullable().defaultTo(0);
    table.integer('records_removed').notNullable().defaultTo(0);
    table.text('error').nullable();
    table.string('version_id', 36).nullable();
    table.text('log').notNullable(); // JSON [{at, level, message}]
    table.index(['source_id', 'started_at'], 'pp_knowledge_runs_source_idx');
    table.index(['industry', 'started_at'], 'pp_knowledge_runs_industry_idx');
  });
  await knex.schema.createTable('pp_knowledge_documents', table => {
    table.string('id', 36).primary();
    table.string('source_id', 36).notNullable();
    table.string('industry', 32).notNullable();
    table.string('external_id', 500).notNullable();
    table.text('title').notNullable();
    table.text('url').nullable();
    table.timestamp('published_at', { useTz: true }).nullable();
    table.string('content_hash', 64).notNullable();
    table.integer('removed_in').nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['source_id', 'external_id']);
  });
  await knex.schema.createTable('pp_knowledge_chunks', table => {
    table.string('id', 36).primary();
    table.string('industry', 32).notNullable();
    table.string('source_id', 36).notNullable();
    table.string('document_id', 36).notNullable();
    table.integer('position').notNullable();
    table.text('text').notNullable();
    table.string('content_hash', 64).notNullable();
    table.text('keywords').notNullable(); // JSON string[]
    table.binary('embedding').notNullable(); // Float32 little-endian
    table.string('model_id', 200).notNullable();
    table.integer('version_from').notNullable();
    table.integer('version_to').nullable();
    table.index(['document_id', 'version_to'], 'pp_knowledge_chunks_doc_idx');
    table.index(['industry', 'version_from'], 'pp_knowledge_chunks_from_idx');
    table.index(['industry', 'version_to'], 'pp_knowledge_chunks_to_idx');
    table.index(['model_id'], 'pp_knowledge_chunks_model_idx');
  });
  await knex.schema.createTable('pp_knowledge_versions', table => {
    table.string('id', 36).primary();
    table.string('industry', 32).notNullable();
    table.integer('seq').notNullable();
    table.string('label', 32).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('source_id', 36).nullable();
    table.string('run_id', 36).nullable();
    table.integer('chunks').notNullable();
    table.integer('added').notNullable();
    table.integer('modified').notNullable();
    table.integer('removed').notNullable();
    table.text('topics').notNullable(); // JSON [{label, chunks}]
    table.string('embedding_model', 200).notNullable();
    table.unique(['industry', 'seq']);
    table.unique(['industry', 'label']);
  });
  await createChangeMark(knex, 'knowledge', MARKED);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await dropChangeMark(knex, 'knowledge', MARKED);
  for (const t of [
    'pp_knowledge_versions',
    'pp_knowledge_chunks',
    'pp_knowledge_documents',
    'pp_knowledge_runs',
    'pp_knowledge_sources',
  ]) {
    await knex.schema.dropTableIfExists(t);
  }
};

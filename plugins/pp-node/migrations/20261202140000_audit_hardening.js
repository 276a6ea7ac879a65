// @ts-check
/**
 * Audit hardening (issue 10):
 * - `pp_audit_logs.hash_version`: 1 = the plain sha256 chain of the rows written so far,
 *   2 = HMAC-SHA256 keyed with `pp.audit.secret` (every row written from now on).
 * - `pp_audit_checkpoints`: signed records of the chain head (id, hash, row count), so that
 *   deleting the newest rows is reported by verify. The `legacy` row written here is the migration
 *   boundary: version-1 rows are accepted only up to its `head_id`.
 * - `pp_audit_anonymous_denials`: requests refused before anybody was identified are counted per
 *   minute, action, reason and path prefix instead of each appending a chained row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pp_audit_logs', table => {
    table
      .integer('hash_version')
      .notNullable()
      .defaultTo(1)
      .comment('1 = sha256 (before the hardening), 2 = HMAC-SHA256');
  });

  await knex.schema.createTable('pp_audit_checkpoints', table => {
    table.bigIncrements('id');
    table
      .string('kind', 16)
      .notNullable()
      .comment('checkpoint (signed) or legacy (the migration boundary)');
    table.bigInteger('head_id').notNullable();
    table.string('head_hash', 64).notNullable();
    table.bigInteger('row_count').notNullable();
    table.string('hmac', 64).nullable();
    table.string('created_at', 32).notNullable();
    table.index(['head_id'], 'pp_audit_checkpoints_head_idx');
  });

  const last = await knex('pp_audit_logs')
    .orderBy('id', 'desc')
    .first('id', 'hash');
  const [{ count }] = await knex('pp_audit_logs').count({ count: '*' });
  await knex('pp_audit_checkpoints').insert({
    kind: 'legacy',
    head_id: last ? Number(last.id) : 0,
    head_hash: last ? last.hash : '0'.repeat(64),
    row_count: Number(count),
    hmac: null,
    created_at: new Date().toISOString(),
  });

  await knex.schema.createTable('pp_audit_anonymous_denials', table => {
    table.bigIncrements('id');
    table
      .string('bucket', 17)
      .notNullable()
      .comment('the minute, YYYY-MM-DDTHH:MMZ');
    table.string('action', 256).notNullable();
    table.string('reason', 256).notNullable();
    table.string('path_prefix', 128).notNullable();
    table.bigInteger('count').notNullable();
    table.string('first_at', 32).notNullable();
    table.string('last_at', 32).notNullable();
    table.unique(['bucket', 'action', 'reason', 'path_prefix'], {
      indexName: 'pp_audit_anonymous_denials_key',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_audit_anonymous_denials');
  await knex.schema.dropTable('pp_audit_checkpoints');
  await knex.schema.alterTable('pp_audit_logs', table => {
    table.dropColumn('hash_version');
  });
};

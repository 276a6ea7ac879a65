// @ts-check
/**
 * Platform Portal identity: users and principals, roles, role history and requests, API tokens,
 * permission decisions and the hash-chained audit log (spec "Database Architecture").
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_roles', table => {
    table.string('key', 64).primary();
    table.string('title', 128).notNullable();
    table.integer('level').notNullable();
    table.text('description').notNullable();
    table
      .text('permissions')
      .notNullable()
      .comment('JSON array of <resource>:<action>');
  });

  await knex.schema.createTable('pp_users', table => {
    table.string('id', 36).primary();
    table.string('kind', 16).notNullable().defaultTo('user');
    table.string('email', 320).nullable().unique();
    table.string('name', 256).notNullable();
    table.string('status', 16).notNullable().defaultTo('pending');
    table.string('entity_ref', 512).nullable();
    table.string('created_by', 512).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('last_active_at', { useTz: true }).nullable();
    table.index(['status'], 'pp_users_status_idx');
    table.index(['kind'], 'pp_users_kind_idx');
    table.index(['name'], 'pp_users_name_idx');
  });

  await knex.schema.createTable('pp_user_roles', table => {
    table
      .string('user_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_users')
      .onDelete('CASCADE');
    table
      .string('role_key', 64)
      .notNullable()
      .references('key')
      .inTable('pp_roles');
    table.string('assigned_by', 512).notNullable();
    table.timestamp('assigned_at', { useTz: true }).notNullable();
    table.primary(['user_id', 'role_key']);
    table.index(['role_key'], 'pp_user_roles_role_idx');
  });

  await knex.schema.createTable('pp_role_change_log', table => {
    table.bigIncrements('id');
    table
      .string('user_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_users')
      .onDelete('CASCADE');
    table.string('action', 16).notNullable();
    table.string('role_key', 64).notNullable();
    table.text('old_roles').notNullable();
    table.text('new_roles').notNullable();
    table.string('changed_by', 512).notNullable();
    table.text('reason').nullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['user_id', 'changed_at'], 'pp_role_change_log_user_idx');
    table.index(['changed_at'], 'pp_role_change_log_time_idx');
  });

  await knex.schema.createTable('pp_role_requests', table => {
    table.string('id', 36).primary();
    table
      .string('user_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_users')
      .onDelete('CASCADE');
    table.string('requested_role', 64).notNullable();
    table.text('reason').notNullable();
    table.string('status', 16).notNullable().defaultTo('pending');
    table.string('decided_by', 512).nullable();
    table.text('decision_note').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.index(['status', 'created_at'], 'pp_role_requests_status_idx');
  });

  await knex.schema.createTable('pp_api_tokens', table => {
    table.string('id', 36).primary();
    table
      .string('user_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_users')
      .onDelete('CASCADE');
    table.string('name', 128).notNullable();
    table.string('token_hash', 64).notNullable().unique();
    table.string('created_by', 512).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).nullable();
    table.timestamp('last_used_at', { useTz: true }).nullable();
    table.timestamp('revoked_at', { useTz: true }).nullable();
    table.index(['user_id'], 'pp_api_tokens_user_idx');
  });

  await knex.schema.createTable('pp_permission_checks', table => {
    table.bigIncrements('id');
    table.string('principal', 512).notNullable();
    table.string('permission', 256).notNullable();
    table.boolean('allowed').notNullable();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.index(['checked_at'], 'pp_permission_checks_time_idx');
    table.index(
      ['principal', 'checked_at'],
      'pp_permission_checks_principal_idx',
    );
  });

  await knex.schema.createTable('pp_audit_logs', table => {
    table.bigIncrements('id');
    table.string('principal', 512).notNullable();
    table.string('action', 256).notNullable();
    table.string('resource', 512).nullable();
    table.string('outcome', 16).notNullable();
    table.text('reason').nullable();
    table.string('request_id', 64).nullable();
    table.text('details').nullable().comment('JSON, exactly as hashed');
    // ISO 8601 text, exactly as hashed: a timestamp column would round-trip differently per engine.
    table.string('created_at', 32).notNullable();
    table.string('prev_hash', 64).notNullable();
    table.string('hash', 64).notNullable();
    table.index(['created_at'], 'pp_audit_logs_time_idx');
    table.index(['principal'], 'pp_audit_logs_principal_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'pp_audit_logs',
    'pp_permission_checks',
    'pp_api_tokens',
    'pp_role_requests',
    'pp_role_change_log',
    'pp_user_roles',
    'pp_users',
    'pp_roles',
  ]) {
    await knex.schema.dropTable(table);
  }
};

// @ts-check
/**
 * Time-bound access (issue 10): a role assignment may end at `expires_at` (a scheduled job
 * revokes it then; null = permanent, always so for admin), and a role request may ask for the
 * role for `duration_hours` only; on approval its grant's end is stored in `expires_at`.
 * Live API tokens without an expiry get one (every token expires from now on).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pp_user_roles', table => {
    table.timestamp('expires_at', { useTz: true }).nullable();
    table.index(['expires_at'], 'pp_user_roles_expires_idx');
  });
  await knex.schema.alterTable('pp_role_requests', table => {
    table
      .integer('duration_hours')
      .nullable()
      .comment('requested time-bound grant; null = permanent');
    table
      .timestamp('expires_at', { useTz: true })
      .nullable()
      .comment('when the approved grant ends');
  });
  // Every API token expires now (pp.auth.apiTokens): live tokens made without a lifetime get the
  // default 90 days from this upgrade, rather than ending at once or never.
  await knex('pp_api_tokens')
    .whereNull('expires_at')
    .whereNull('revoked_at')
    .update({ expires_at: new Date(Date.now() + 90 * 24 * 3600 * 1000) });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pp_role_requests', table => {
    table.dropColumn('expires_at');
    table.dropColumn('duration_hours');
  });
  await knex.schema.alterTable('pp_user_roles', table => {
    table.dropIndex(['expires_at'], 'pp_user_roles_expires_idx');
    table.dropColumn('expires_at');
  });
};

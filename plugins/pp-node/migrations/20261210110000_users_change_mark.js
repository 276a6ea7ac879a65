// @ts-check
/**
 * The people list's change mark (see the helpdesk's ticket_change_mark migration and
 * readPpChangeMark): one generation in `pp_change_marks`, raised by triggers in the transaction of
 * every write to `pp_users` or `pp_user_roles`, so `GET /pp/v1/users` answers an unchanged list
 * with 304 without reading it.
 */
const TABLES = ['pp_users', 'pp_user_roles'];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_change_marks', table => {
    table.string('family', 64).primary();
    table.bigInteger('generation').notNullable().defaultTo(0);
  });
  await knex('pp_change_marks').insert({ family: 'users', generation: 0 });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      create function pp_change_mark_bump() returns trigger language plpgsql as $$
      begin
        update pp_change_marks set generation = generation + 1 where family = tg_argv[0];
        return null;
      end
      $$`);
    for (const table of TABLES) {
      await knex.raw(`
        create trigger ${table}_change_mark
        after insert or update or delete or truncate on ${table}
        for each statement execute function pp_change_mark_bump('users')`);
    }
    return;
  }
  for (const table of TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await knex.raw(`
        create trigger ${table}_change_mark_${event} after ${event} on ${table} begin
          update pp_change_marks set generation = generation + 1 where family = 'users';
        end`);
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const pg = knex.client.config.client === 'pg';
  for (const table of TABLES) {
    if (pg) {
      await knex.raw(`drop trigger ${table}_change_mark on ${table}`);
    } else {
      for (const event of ['insert', 'update', 'delete']) {
        await knex.raw(`drop trigger ${table}_change_mark_${event}`);
      }
    }
  }
  if (pg) await knex.raw('drop function pp_change_mark_bump()');
  await knex.schema.dropTable('pp_change_marks');
};

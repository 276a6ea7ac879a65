// @ts-check
/**
 * The tickets' change mark: `pp_change_marks` holds one generation per resource family, raised
 * by the database itself (triggers) in the same transaction as every insert, update or delete of
 * `pp_tickets`, whichever code path wrote it. The queue's GET reads it (one primary-key lookup)
 * before the page, so a poller whose `If-None-Match` names the current generation gets a 304
 * without the page being read, counted or serialized (see `version` in pp-node's PpCommand).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_change_marks', table => {
    table.string('family', 64).primary();
    table.bigInteger('generation').notNullable().defaultTo(0);
  });
  await knex('pp_change_marks').insert({ family: 'tickets', generation: 0 });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      create function pp_change_mark_bump() returns trigger language plpgsql as $$
      begin
        update pp_change_marks set generation = generation + 1 where family = tg_argv[0];
        return null;
      end
      $$`);
    // once per statement: a bulk update raises the generation once
    await knex.raw(`
      create trigger pp_tickets_change_mark
      after insert or update or delete or truncate on pp_tickets
      for each statement execute function pp_change_mark_bump('tickets')`);
    return;
  }
  for (const event of ['insert', 'update', 'delete']) {
    await knex.raw(`
      create trigger pp_tickets_change_mark_${event} after ${event} on pp_tickets begin
        update pp_change_marks set generation = generation + 1 where family = 'tickets';
      end`);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('drop trigger pp_tickets_change_mark on pp_tickets');
    await knex.raw('drop function pp_change_mark_bump()');
  } else {
    for (const event of ['insert', 'update', 'delete']) {
      await knex.raw(`drop trigger pp_tickets_change_mark_${event}`);
    }
  }
  await knex.schema.dropTable('pp_change_marks');
};

// @ts-check
/**
 * Change marks for versioned reads (see readPpChangeMark in pp-node and docs/architecture.md):
 * `pp_change_marks` holds one generation per resource family, raised by triggers in the
 * transaction of every insert, update or delete of the family's tables, whichever code path
 * wrote them. Used by the migrations of every plugin that versions a read; a plugin database may
 * hold several families, and tests may put several plugins' tables in one database, so each
 * family adds and removes only its own row, function and triggers.
 *
 * Lives in a folder of `migrations` (knex runs only the files directly in it); other plugins
 * load it with resolvePackagePath('@internal/plugin-pp-node', 'migrations/lib/changeMarks.js').
 */

const EVENTS = ['insert', 'update', 'delete'];
/** @param {import('knex').Knex} knex */
const isPg = knex => knex.client.config.client === 'pg';

/**
 * The trigger function of a family on PostgreSQL: raises the generation and, with `notify`, tells
 * listening instances the new one (`pg_notify('pp_change_marks', '<schema>.<family>:<generation>')`,
 * delivered at commit, never for a rolled-back write; see changeMarks.ts in pp-node's src).
 *
 * @param {string} family
 * @param {boolean} notify
 */
function markFunction(family, notify) {
  const body = notify
    ? `
        update pp_change_marks set generation = generation + 1 where family = '${family}'
          returning generation into next_generation;
        perform pg_notify('pp_change_marks', tg_table_schema || '.${family}:' || next_generation);`
    : `
        update pp_change_marks set generation = generation + 1 where family = '${family}';`;
  return `
      create or replace function pp_change_mark_${family}() returns trigger language plpgsql as $$
      declare next_generation bigint;
      begin${body}
        return null;
      end
      $$`;
}

/**
 * Makes existing families' triggers notify listeners (PostgreSQL; SQLite has no listeners): the
 * migration of 2027-01 for databases whose marks were created before `createChangeMark` notified.
 *
 * @param {import('knex').Knex} knex
 * @param {string[]} families
 */
exports.notifyChangeMarks = async function notifyChangeMarks(knex, families) {
  if (!isPg(knex)) return;
  for (const family of families) await knex.raw(markFunction(family, true));
};

/**
 * The down of `notifyChangeMarks`: the families' triggers raise the generation without notifying.
 *
 * @param {import('knex').Knex} knex
 * @param {string[]} families
 */
exports.quietChangeMarks = async function quietChangeMarks(knex, families) {
  if (!isPg(knex)) return;
  for (const family of families) await knex.raw(markFunction(family, false));
};

/**
 * @param {import('knex').Knex} knex
 * @param {string} family e.g. `tickets` (letters and underscores)
 * @param {string[]} tables the tables whose writes change the family
 */
exports.createChangeMark = async function createChangeMark(
  knex,
  family,
  tables,
) {
  if (!(await knex.schema.hasTable('pp_change_marks'))) {
    await knex.schema.createTable('pp_change_marks', table => {
      table.string('family', 64).primary();
      table.bigInteger('generation').notNullable().defaultTo(0);
    });
  }
  await knex('pp_change_marks')
    .insert({ family, generation: 0 })
    .onConflict('family')
    .ignore();
  if (isPg(knex)) {
    await knex.raw(markFunction(family, true));
    // once per statement: a bulk update raises the generation once
    for (const table of tables) {
      await knex.raw(`
        create trigger ${table}_change_mark_${family}
        after insert or update or delete or truncate on ${table}
        for each statement execute function pp_change_mark_${family}()`);
    }
    return;
  }
  for (const table of tables) {
    for (const event of EVENTS) {
      await knex.raw(`
        create trigger ${table}_change_mark_${family}_${event} after ${event} on ${table} begin
          update pp_change_marks set generation = generation + 1 where family = '${family}';
        end`);
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 * @param {string} family
 * @param {string[]} tables
 */
exports.dropChangeMark = async function dropChangeMark(knex, family, tables) {
  for (const table of tables) {
    if (isPg(knex)) {
      await knex.raw(`drop trigger ${table}_change_mark_${family} on ${table}`);
    } else {
      for (const event of EVENTS) {
        await knex.raw(`drop trigger ${table}_change_mark_${family}_${event}`);
      }
    }
  }
  if (isPg(knex)) await knex.raw(`drop function pp_change_mark_${family}()`);
  await knex('pp_change_marks').where({ family }).delete();
  const [{ n }] = await knex('pp_change_marks').count({ n: '*' });
  if (Number(n) === 0) await knex.schema.dropTable('pp_change_marks');
};

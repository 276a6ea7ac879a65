// @ts-check
/**
 * Helpdesk at scale and without rewritten history:
 * - pp_ticket_sla_events: every SLA warning and breach as an event, one per ticket, target, kind and
 *   deadline (unique), so re-planning an SLA never re-notifies a deadline already told about;
 * - pp_ticket_counts: ticket counts per (type, priority, status), kept by triggers on pp_tickets, so
 *   the queue's total needs no count(*) over the whole table;
 * - text search: PostgreSQL full text (a generated tsvector with a GIN index), SQLite FTS5 (an
 *   external-content index kept by triggers).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const pg = knex.client.config.client === 'pg';

  await knex.schema.createTable('pp_ticket_sla_events', table => {
    table.bigIncrements('id').primary();
    table.string('ticket_id', 36).notNullable();
    table.string('target', 16).notNullable(); // response | resolution
    table.string('kind', 16).notNullable(); // breach_imminent | breached
    table.timestamp('due_at', { useTz: true }).notNullable(); // the deadline it is about
    table.string('priority', 16).notNullable(); // the priority in force then
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.unique(['ticket_id', 'target', 'kind', 'due_at'], {
      indexName: 'pp_ticket_sla_events_once_idx',
    });
  });
  // the flags already set become events (their deadline as it stands now)
  for (const [target, kind, column] of [
    ['response', 'breach_imminent', 'response_warned_at'],
    ['response', 'breached', 'response_breached_at'],
    ['resolution', 'breach_imminent', 'resolution_warned_at'],
    ['resolution', 'breached', 'resolution_breached_at'],
  ]) {
    await knex.raw(
      `insert into pp_ticket_sla_events (ticket_id, target, kind, due_at, priority, occurred_at)
       select id, ?, ?, ${target}_due_at, priority, ${column} from pp_tickets where ${column} is not null`,
      [target, kind],
    );
  }

  await knex.schema.createTable('pp_ticket_counts', table => {
    table.string('type', 32).notNullable();
    table.string('priority', 16).notNullable();
    table.string('status', 16).notNullable();
    table.bigInteger('n').notNullable().defaultTo(0);
    table.primary(['type', 'priority', 'status']);
  });
  await knex.raw(
    `insert into pp_ticket_counts (type, priority, status, n)
     select type, priority, status, count(*) from pp_tickets group by type, priority, status`,
  );

  if (pg) {
    await knex.raw(`
      create function pp_ticket_count_add(t text, p text, s text, d integer) returns void
      language sql as $$
        insert into pp_ticket_counts (type, priority, status, n) values (t, p, s, d)
        on conflict (type, priority, status) do update set n = pp_ticket_counts.n + excluded.n
      $$`);
    // Two counter rows change in key order, so two tickets moving in opposite directions cannot
    // deadlock on them.
    await knex.raw(`
      create function pp_tickets_count() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          perform pp_ticket_count_add(new.type, new.priority, new.status, 1);
        elsif tg_op = 'DELETE' then
          perform pp_ticket_count_add(old.type, old.priority, old.status, -1);
        elsif (old.type, old.priority, old.status) < (new.type, new.priority, new.status) then
          perform pp_ticket_count_add(old.type, old.priority, old.status, -1);
          perform pp_ticket_count_add(new.type, new.priority, new.status, 1);
        else
          perform pp_ticket_count_add(new.type, new.priority, new.status, 1);
          perform pp_ticket_count_add(old.type, old.priority, old.status, -1);
        end if;
        return null;
      end $$`);
    await knex.raw(`
      create trigger pp_tickets_count_insdel after insert or delete on pp_tickets
      for each row execute function pp_tickets_count()`);
    await knex.raw(`
      create trigger pp_tickets_count_upd after update of type, priority, status on pp_tickets
      for each row when (old.type is distinct from new.type or old.priority is distinct from new.priority
                         or old.status is distinct from new.status)
      execute function pp_tickets_count()`);

    await knex.raw(`
      alter table pp_tickets add column search tsvector
      generated always as (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, ''))) stored`);
    await knex.raw(
      'create index pp_tickets_search_idx on pp_tickets using gin (search)',
    );
    return;
  }

  await knex.raw(`
    create trigger pp_tickets_count_ins after insert on pp_tickets begin
      insert into pp_ticket_counts (type, priority, status, n) values (new.type, new.priority, new.status, 1)
      on conflict (type, priority, status) do update set n = n + 1;
    end`);
  await knex.raw(`
    create trigger pp_tickets_count_del after delete on pp_tickets begin
      update pp_ticket_counts set n = n - 1
      where type = old.type and priority = old.priority and status = old.status;
    end`);
  await knex.raw(`
    create trigger pp_tickets_count_upd after update of type, priority, status on pp_tickets
    when old.type is not new.type or old.priority is not new.priority or old.status is not new.status
    begin
      update pp_ticket_counts set n = n - 1
      where type = old.type and priority = old.priority and status = old.status;
      insert into pp_ticket_counts (type, priority, status, n) values (new.type, new.priority, new.status, 1)
      on conflict (type, priority, status) do update set n = n + 1;
    end`);

  await knex.raw(`
    create virtual table pp_tickets_fts using fts5(
      title, description, content = 'pp_tickets', content_rowid = 'seq')`);
  await knex.raw(
    `insert into pp_tickets_fts (pp_tickets_fts) values ('rebuild')`,
  );
  await knex.raw(`
    create trigger pp_tickets_fts_ins after insert on pp_tickets begin
      insert into pp_tickets_fts (rowid, title, description) values (new.seq, new.title, new.description);
    end`);
  await knex.raw(`
    create trigger pp_tickets_fts_del after delete on pp_tickets begin
      insert into pp_tickets_fts (pp_tickets_fts, rowid, title, description)
      values ('delete', old.seq, old.title, old.description);
    end`);
  await knex.raw(`
    create trigger pp_tickets_fts_upd after update of title, description on pp_tickets begin
      insert into pp_tickets_fts (pp_tickets_fts, rowid, title, description)
      values ('delete', old.seq, old.title, old.description);
      insert into pp_tickets_fts (rowid, title, description) values (new.seq, new.title, new.description);
    end`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const pg = knex.client.config.client === 'pg';
  if (pg) {
    await knex.raw('drop index pp_tickets_search_idx');
    await knex.raw('alter table pp_tickets drop column search');
    await knex.raw('drop trigger pp_tickets_count_upd on pp_tickets');
    await knex.raw('drop trigger pp_tickets_count_insdel on pp_tickets');
    await knex.raw('drop function pp_tickets_count()');
    await knex.raw(
      'drop function pp_ticket_count_add(text, text, text, integer)',
    );
  } else {
    for (const t of [
      'pp_tickets_fts_upd',
      'pp_tickets_fts_del',
      'pp_tickets_fts_ins',
      'pp_tickets_count_upd',
      'pp_tickets_count_del',
      'pp_tickets_count_ins',
    ]) {
      await knex.raw(`drop trigger ${t}`);
    }
    await knex.raw('drop table pp_tickets_fts');
  }
  await knex.schema.dropTable('pp_ticket_counts');
  await knex.schema.dropTable('pp_ticket_sla_events');
};

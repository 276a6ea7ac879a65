import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  ppChangeMarkNotifies,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import { DatabaseTicketStore } from './DatabaseTicketStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const config = {
  directory: resolvePackagePath(
    '@internal/plugin-pp-helpdesk-backend',
    'migrations',
  ),
  tableName: 'pp_helpdesk_knex_migrations',
};

describe.each(databases.eachSupportedId())('helpdesk migrations (%s)', id => {
  it('step up and down, and the counters and events are backfilled from existing tickets', async () => {
    const knex = await databases.init(id);
    await knex.migrate.up(config); // the tickets tables only
    const t0 = new Date('2026-11-25T10:00:00Z');
    const ticket = (n: number, status: string) => ({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      type: 'support',
      priority: 'medium',
      status,
      title: `Ticket ${n}`,
      description: 'Old row',
      reporter_id: 'r',
      reporter_name: 'R',
      labels: '[]',
      sla_response_minutes: 480,
      sla_resolution_minutes: 4320,
      sla_escalation_path: 'team_lead',
      response_due_at: t0,
      resolution_due_at: t0,
      response_breached_at: n === 1 ? t0 : null,
      queue_due_at: t0,
      created_at: t0,
      updated_at: t0,
    });
    await knex('pp_tickets').insert([ticket(1, 'open'), ticket(2, 'open')]);

    await knex.migrate.up(config);
    expect(
      await knex('pp_ticket_counts')
        .select('status', 'n')
        .then(rows => rows.map(r => ({ status: r.status, n: Number(r.n) }))),
    ).toEqual([{ status: 'open', n: 2 }]);
    expect(
      await knex('pp_ticket_sla_events').select('ticket_id', 'kind'),
    ).toEqual([{ ticket_id: ticket(1, 'open').id, kind: 'breached' }]);

    await knex.migrate.down(config);
    expect(await knex.schema.hasTable('pp_ticket_counts')).toBe(false);
    expect(await knex.schema.hasTable('pp_ticket_sla_events')).toBe(false);
    // triggers are gone with it: writes to pp_tickets still work
    await knex('pp_tickets')
      .where({ id: ticket(1, 'open').id })
      .delete();
    await knex.migrate.down(config);
    expect(await knex.schema.hasTable('pp_tickets')).toBe(false);
  });

  it('the text index has no pending list on PostgreSQL (fastupdate off), back to the default when stepped down', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest(config);
    const pg = knex.client.config.client === 'pg';
    const options = async () =>
      pg
        ? (
            await knex.raw(
              `select reloptions from pg_class where relname = 'pp_tickets_search_idx'`,
            )
          ).rows[0].reloptions
        : null;
    expect(await options()).toEqual(pg ? ['fastupdate=off'] : null);
    expect(await ppChangeMarkNotifies(knex, 'tickets')).toBe(pg);
    await knex.migrate.down(config); // the mark's notification
    expect(await ppChangeMarkNotifies(knex, 'tickets')).toBe(false);
    expect(await knex.schema.hasTable('pp_change_marks')).toBe(true);
    await knex.migrate.down(config); // the change mark
    expect(await knex.schema.hasTable('pp_change_marks')).toBe(false);
    await knex.migrate.down(config);
    expect(await options()).toBeNull();
    expect(await knex.schema.hasTable('pp_ticket_counts')).toBe(true);
  });

  it("every committed write to pp_tickets raises the tickets' change mark, a rolled back one does not", async () => {
    const knex = await databases.init(id);
    const store = await DatabaseTicketStore.create({
      database: { getClient: async () => knex },
    });
    const mark = async () => Number((await store.changeMark()).split(':')[1]);
    const t0 = new Date('2026-11-25T10:00:00Z');
    const row = (n: number) => ({
      id: `00000000-0000-4000-8000-00000000001${n}`,
      type: 'support',
      priority: 'medium',
      status: 'open',
      title: `Ticket ${n}`,
      description: 'Row',
      reporter_id: 'r',
      reporter_name: 'R',
      labels: '[]',
      sla_response_minutes: 480,
      sla_resolution_minutes: 4320,
      sla_escalation_path: 'team_lead',
      response_due_at: t0,
      resolution_due_at: t0,
      queue_due_at: t0,
      created_at: t0,
      updated_at: t0,
    });
    const start = await mark();
    await knex('pp_tickets').insert([row(1), row(2)]);
    const afterInsert = await mark();
    expect(afterInsert).toBeGreaterThan(start);
    // any column, even one the queue does not show
    await knex('pp_tickets')
      .where({ id: row(1).id })
      .update({ paused_seconds: 5 });
    const afterUpdate = await mark();
    expect(afterUpdate).toBeGreaterThan(afterInsert);
    await expect(
      knex.transaction(async tx => {
        await tx('pp_tickets')
          .where({ id: row(2).id })
          .update({ title: 'x' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await mark()).toBe(afterUpdate);
    await knex('pp_tickets')
      .where({ id: row(2).id })
      .delete();
    expect(await mark()).toBeGreaterThan(afterUpdate);
  });

  it('create() runs the migrations unless they are to be skipped', async () => {
    const knex = await databases.init(id);
    await DatabaseTicketStore.create({
      database: { getClient: async () => knex, migrations: { skip: true } },
    });
    expect(await knex.schema.hasTable('pp_tickets')).toBe(false);
    await DatabaseTicketStore.create({
      database: { getClient: async () => knex },
    });
    expect(await knex.schema.hasTable('pp_ticket_counts')).toBe(true);
  });
});

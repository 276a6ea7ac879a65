import { Knex } from 'knex';

/** CP as production has it (timestamps with time zone, JSON), plus columns PP must never read. */
export async function createProductionLikeCp(db: Knex) {
  await db.schema.createTable('agents', t => {
    t.string('id').primary();
    t.string('name').notNullable();
    t.string('industry');
    t.text('system_prompt');
  });
  await db.schema.createTable('subscriptions', t => {
    t.string('id').primary();
    t.string('customer_id').notNullable();
    t.string('customer_name').notNullable();
    t.string('agent_id').notNullable();
    t.string('plan');
    t.string('status').notNullable();
    t.float('expected_runs_per_day');
    t.timestamp('started_at', { useTz: true });
    t.timestamp('canceled_at', { useTz: true });
    t.string('contact_email');
    t.text('industry_data');
    t.text('strategic_plans');
    t.text('some_column_cp_added_later');
  });
  await db.schema.createTable('agent_runs', t => {
    t.string('id').primary();
    t.string('subscription_id').notNullable();
    t.string('agent_id').notNullable();
    t.string('status').notNullable();
    t.json('inputs');
    t.json('outputs');
    t.json('actions');
    t.text('error_message');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.text('industry_data');
    t.text('strategic_plans');
    t.text('some_column_cp_added_later');
  });
}

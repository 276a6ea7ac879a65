import { Knex } from 'knex';
import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * The engines every PP backend test runs against: SQLite (the embedded default) and PostgreSQL
 * (production). PostgreSQL comes from BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, which
 * `scripts/test.sh` sets; each test gets a throwaway database that is dropped afterwards.
 * With PP_REQUIRE_POSTGRES=1 (set by the test command) a missing PostgreSQL fails the run instead
 * of silently testing SQLite alone.
 */
/** @public */
export function ppTestDatabases() {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });
  if (process.env.PP_REQUIRE_POSTGRES && !databases.supports('POSTGRES_15')) {
    throw new Error(
      'PP_REQUIRE_POSTGRES is set but BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not',
    );
  }
  return databases;
}

/**
 * Whether a family's change mark notifies listeners at commit (PostgreSQL's trigger function
 * calls `pg_notify`; see migrations/lib/changeMarks.js). Always false on SQLite.
 */
export async function ppChangeMarkNotifies(
  knex: Knex,
  family: string,
): Promise<boolean> {
  if (knex.client.config.client !== 'pg') return false;
  const { rows } = await knex.raw(
    `select pg_get_functiondef(p.oid) as body from pg_proc p where p.proname = ?`,
    [`pp_change_mark_${family}`],
  );
  return rows.length === 1 && rows[0].body.includes('pg_notify');
}

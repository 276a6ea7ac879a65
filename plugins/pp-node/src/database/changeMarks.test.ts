import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { ppTestDatabases } from '../testUtils';
import {
  PpChangeMarkListener,
  listenForPpChangeMarks,
  ppChangeMarkWrites,
  ppChangeMarksWritten,
  readPpChangeMark,
} from './changeMarks';

const { createChangeMark } = require('../../migrations/lib/changeMarks');

jest.setTimeout(60_000);
const databases = ppTestDatabases();

async function eventually(check: () => Promise<boolean> | boolean) {
  const until = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in 10 s');
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

async function setUp(id: Parameters<typeof databases.init>[0]) {
  const db: Knex = await databases.init(id);
  await db.schema.createTable('things', table => {
    table.increments('id');
    table.string('name');
  });
  await createChangeMark(db, 'things', ['things']);
  let queries = 0;
  db.on('query', () => {
    queries += 1;
  });
  return {
    db,
    /** How many statements `db` (this instance's pool) sent since the last call. */
    queries() {
      const n = queries;
      queries = 0;
      return n;
    },
  };
}

describe('change marks on SQLite', () => {
  it('are read from the database every time (no listener)', async () => {
    if (!databases.supports('SQLITE_3')) return;
    const { db, queries } = await setUp('SQLITE_3');
    const listener = listenForPpChangeMarks(db, {
      logger: mockServices.logger.mock(),
    });
    expect(listener.live).toBe(false);
    expect(await readPpChangeMark(db, 'things')).toBe('things:0');
    await db('things').insert({ name: 'a' });
    queries();
    expect(await readPpChangeMark(db, 'things')).toBe('things:1');
    expect(await readPpChangeMark(db, 'things')).toBe('things:1');
    expect(queries()).toBe(2);
    await listener.close();
  });
});

const pg = databases.supports('POSTGRES_15') ? describe : describe.skip;

pg('change marks on PostgreSQL, held in memory by a listener', () => {
  let listener: PpChangeMarkListener | undefined;
  let other: Knex | undefined;
  afterEach(async () => {
    await listener?.close();
    await other?.destroy();
    listener = undefined;
    other = undefined;
  });

  /** Another instance of the backend: its own pool on the same database, its writes not local. */
  function otherInstance(db: Knex): Knex {
    other = knexFactory({
      client: 'pg',
      connection: (db.client as any).connectionSettings,
    });
    return other;
  }

  async function listening(db: Knex, resyncMs = 60_000) {
    listener = listenForPpChangeMarks(db, {
      logger: mockServices.logger.mock(),
      resyncMs,
    });
    await eventually(() => listener!.live);
    return listener;
  }

  it("answers from memory once read, raised by another instance's commit, not by a rollback", async () => {
    const { db, queries } = await setUp('POSTGRES_15');
    await listening(db);
    expect(await readPpChangeMark(db, 'things')).toBe('things:0');
    queries();
    expect(await readPpChangeMark(db, 'things')).toBe('things:0');
    expect(queries()).toBe(0);

    const elsewhere = otherInstance(db);
    await elsewhere('things').insert({ name: 'a' });
    await eventually(
      async () => (await readPpChangeMark(db, 'things')) === 'things:1',
    );
    await elsewhere
      .transaction(async tx => {
        await tx('things').insert({ name: 'b' });
        throw new Error('rolled back');
      })
      .catch(() => {});
    await elsewhere('things').update({ name: 'c' });
    await eventually(
      async () => (await readPpChangeMark(db, 'things')) === 'things:2',
    );
    expect(queries()).toBe(0);
    expect(
      (await db('pp_change_marks').where({ family: 'things' }).first())
        .generation,
    ).toBe('2');
  });

  it('a write answered by this process sends the next read to the database', async () => {
    const { db, queries } = await setUp('POSTGRES_15');
    await listening(db);
    await readPpChangeMark(db, 'things');
    queries();
    ppChangeMarksWritten();
    expect(await readPpChangeMark(db, 'things')).toBe('things:0');
    expect(queries()).toBe(1);
    expect(await readPpChangeMark(db, 'things')).toBe('things:0');
    expect(queries()).toBe(0);
  });

  it('a read that straddles a local write keeps nothing', async () => {
    const { db, queries } = await setUp('POSTGRES_15');
    await listening(db);
    const reading = readPpChangeMark(db, 'things');
    ppChangeMarksWritten(); // answered while the read was on its way
    expect(await reading).toBe('things:0');
    queries();
    await readPpChangeMark(db, 'things');
    expect(queries()).toBe(1);
  });

  it('the root middleware counts every answered request but GET, HEAD and OPTIONS as a write', async () => {
    const { db, queries } = await setUp('POSTGRES_15');
    await listening(db);
    const app = express();
    app.use(ppChangeMarkWrites());
    app.all('/x', (_req, res) => {
      res.status(204).end();
    });
    const learned = async () => {
      await readPpChangeMark(db, 'things');
      queries();
      await readPpChangeMark(db, 'things');
      return queries() === 0;
    };
    expect(await learned()).toBe(true);
    await request(app).get('/x').expect(204);
    await request(app).head('/x').expect(204);
    await request(app).options('/x').expect(204);
    await readPpChangeMark(db, 'things');
    expect(queries()).toBe(0);
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      expect(await learned()).toBe(true);
      await request(app)[method]('/x').expect(204);
      await readPpChangeMark(db, 'things');
      expect(queries()).toBe(1);
    }
  });

  it('the heartbeat re-reads the marks: a raise that sent no notification is picked up', async () => {
    const { db } = await setUp('POSTGRES_15');
    await listening(db, 200);
    expect(await readPpChangeMark(db, 'things')).toBe('things:0');
    // not through a family table: no trigger, no notification
    await otherInstance(db)('pp_change_marks')
      .where({ family: 'things' })
      .update({ generation: 7 });
    await eventually(
      async () => (await readPpChangeMark(db, 'things')) === 'things:7',
    );
  });

  it('a lost connection empties the memory, reads go to the database, and the listener comes back', async () => {
    const { db, queries } = await setUp('POSTGRES_15');
    await listening(db);
    await readPpChangeMark(db, 'things');
    const elsewhere = otherInstance(db);
    const { rows } = await elsewhere.raw(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where datname = current_database() and query = 'listen pp_change_marks'`,
    );
    expect(rows).toHaveLength(1);
    await eventually(() => !listener!.live);
    // missed while nobody listened
    await elsewhere('things').insert({ name: 'a' });
    queries();
    expect(await readPpChangeMark(db, 'things')).toBe('things:1');
    expect(queries()).toBe(1);
    await eventually(() => listener!.live);
    await readPpChangeMark(db, 'things');
    queries();
    expect(await readPpChangeMark(db, 'things')).toBe('things:1');
    expect(queries()).toBe(0);
  });

  it('one listener per database client, shared, and closed by its last user', async () => {
    const { db, queries } = await setUp('POSTGRES_15');
    const first = await listening(db);
    const second = listenForPpChangeMarks(db, {
      logger: mockServices.logger.mock(),
    });
    expect(second.live).toBe(true);
    await first.close();
    await first.close(); // twice counts once
    expect(second.live).toBe(true);
    await readPpChangeMark(db, 'things');
    queries();
    await readPpChangeMark(db, 'things');
    expect(queries()).toBe(0);
    await second.close();
    expect(second.live).toBe(false);
  });

  it('after close, marks are read from the database and the connection is gone', async () => {
    const { db, queries } = await setUp('POSTGRES_15');
    const started = await listening(db);
    await readPpChangeMark(db, 'things');
    await started.close();
    listener = undefined;
    expect(started.live).toBe(false);
    queries();
    await readPpChangeMark(db, 'things');
    expect(queries()).toBe(1);
    await eventually(async () => {
      const { rows } = await db.raw(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and query like 'listen%'`,
      );
      return rows[0].n === 0;
    });
  });
});

describe.each(databases.eachSupportedId())(
  "the people list's mark (%s)",
  id => {
    it('notifies listeners on PostgreSQL, and stops when its migration is stepped down', async () => {
      const { resolvePackagePath } = require('@backstage/backend-plugin-api');
      const { ppChangeMarkNotifies } = require('../testUtils');
      const knex: Knex = await databases.init(id);
      const config = {
        directory: resolvePackagePath('@internal/plugin-pp-node', 'migrations'),
      };
      await knex.migrate.latest(config);
      const onPg = knex.client.config.client === 'pg';
      expect(await ppChangeMarkNotifies(knex, 'users')).toBe(onPg);
      expect(await knex.migrate.down(config)).toEqual([
        expect.any(Number),
        ['20270111100000_users_change_mark_notify.js'],
      ]);
      expect(await ppChangeMarkNotifies(knex, 'users')).toBe(false);
      expect(await readPpChangeMark(knex, 'users')).toMatch(/^users:\d+$/);
    });
  },
);

import type {
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { NextFunction, Request, Response } from 'express';
import { Knex } from 'knex';

/**
 * Change marks in memory (issue #13's cheap polling): a versioned read asks the database for its
 * family's mark (`pp_change_marks`, raised by triggers in every writing transaction) unless this
 * instance holds it in memory, fed by PostgreSQL's `LISTEN`/`NOTIFY` from those triggers
 * (migrations/lib/changeMarks.js). What is held, and what a 304 from memory guarantees:
 *
 * - An entry is created only by a database read, and only when nothing could have changed it
 *   meanwhile unseen: the listener was live for the whole read, and this process answered no write
 *   during it. Notifications only raise existing entries (never lower, never create), so a late
 *   notification cannot put an old generation back.
 * - A write answered by this process drops every entry before its answer's headers go out
 *   (`ppChangeMarksWritten`, called by the root HTTP router for every request but GET, HEAD and
 *   OPTIONS, and by `runPpCommand` after a write): whoever wrote here reads the mark from the database next, so a
 *   client that has just written never gets a 304 for the data it changed from this instance.
 * - A write answered by another instance reaches this one as a notification, sent by PostgreSQL
 *   at its commit (before the writer's client has its answer); until this instance has read it, an
 *   unchanged-looking 304 is possible — the bound is notification delivery (well under a
 *   millisecond on a live connection). The listener re-reads every mark at `resyncMs` (default
 *   5 s) as a heartbeat; a failed or slow heartbeat, an error or a closed connection empties the
 *   memory and every read goes to the database until the listener is back.
 * - SQLite (the embedded default, one process) and `pp.database.changeMarkListener: false` (e.g.
 *   behind a transaction-pooling PgBouncer, where LISTEN does not work) read the database every
 *   time, as before.
 */

const CHANNEL = 'pp_change_marks';

/** How many writes this process has answered: a read that saw the count change keeps nothing. */
let localWrites = 0;

/**
 * Called when this process answers a write: every instance-local change mark is dropped, so the
 * next versioned read of any family goes to the database (see the module comment).
 *
 * @public
 */
export function ppChangeMarksWritten(): void {
  localWrites += 1;
}

class MarkMemory {
  readonly #generations = new Map<string, bigint>();
  /** Bumped when the listener connects or is lost: reads that straddle it keep nothing. */
  #epoch = 0;
  #live = false;
  #writesSeen = localWrites;

  get live() {
    return this.#live;
  }

  setLive(live: boolean) {
    this.#live = live;
    this.#epoch += 1;
    this.#generations.clear();
  }

  #sync() {
    if (this.#writesSeen !== localWrites) {
      this.#writesSeen = localWrites;
      this.#generations.clear();
    }
  }

  get(family: string): bigint | undefined {
    if (!this.#live) return undefined;
    this.#sync();
    return this.#generations.get(family);
  }

  ticket(): { epoch: number; writes: number } | undefined {
    if (!this.#live) return undefined;
    this.#sync();
    return { epoch: this.#epoch, writes: localWrites };
  }

  /** A database read's value, kept when the listener was live and no write was answered since `ticket`. */
  learn(
    family: string,
    generation: bigint,
    ticket: { epoch: number; writes: number },
  ) {
    if (
      !this.#live ||
      ticket.epoch !== this.#epoch ||
      ticket.writes !== localWrites
    ) {
      return;
    }
    this.#writesSeen = localWrites;
    this.raise(family, generation, true);
  }

  /** A notification (or a heartbeat's re-read): raises a held entry, never creates or lowers one. */
  raise(family: string, generation: bigint, create = false) {
    const held = this.#generations.get(family);
    if (held === undefined ? create : generation > held) {
      this.#generations.set(family, generation);
    }
  }
}

const memories = new WeakMap<Knex, MarkMemory>();
const listeners = new WeakMap<
  Knex,
  { users: number; handle(): PpChangeMarkListener }
>();

/**
 * The change mark of a resource family (`<family>:<generation>`): the generation the database's
 * triggers raise in the transaction of every write to the family's table (`pp_change_marks`, see
 * the helpdesk's `ticket_change_mark` migration), from memory when this instance listens for them
 * (see the module comment). Read it before the data it stands for: a write committed in between
 * then only costs the next poller one full answer, never a stale 304.
 *
 * @public
 */
export async function readPpChangeMark(
  db: Knex,
  family: string,
): Promise<string> {
  const memory = memories.get(db);
  const held = memory?.get(family);
  if (held !== undefined) return `${family}:${held}`;
  const ticket = memory?.ticket();
  const row = await db('pp_change_marks').where({ family }).first('generation');
  if (!row)
    throw new Error(`No change mark for ${family}; migrations missing?`);
  if (memory && ticket) memory.learn(family, BigInt(row.generation), ticket);
  return `${family}:${row.generation}`;
}

/** @public */
export interface PpChangeMarkListener {
  /** Whether marks are answered from memory now (a live connection that has LISTENed). */
  readonly live: boolean;
  close(): Promise<void>;
}

interface RawPgClient {
  query(sql: string): Promise<{ rows: any[] }>;
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
}

/**
 * Keeps `db`'s change marks in memory on PostgreSQL: one connection of its own (outside the pool)
 * that LISTENs to the marks' triggers, re-reads every mark at `resyncMs` as a heartbeat, and
 * reconnects after a loss (with back-off up to 30 s; until then marks are read from the database).
 * A no-op on SQLite. Start it once per plugin database; `close` at shutdown.
 *
 * @public
 */
export function listenForPpChangeMarks(
  db: Knex,
  options: {
    logger: LoggerService;
    /** Heartbeat and re-read interval (default 5 000 ms); a heartbeat slower than this is a loss. */
    resyncMs?: number;
  },
): PpChangeMarkListener {
  if (db.client.config.client !== 'pg') {
    return { live: false, close: async () => {} };
  }
  const shared = listeners.get(db);
  if (shared) {
    // e.g. tests that give several plugins one database client: one listener, closed by the last
    shared.users += 1;
    return shared.handle();
  }
  const memory = new MarkMemory();
  memories.set(db, memory);
  const resyncMs = options.resyncMs ?? 5000;
  const { logger } = options;
  const pgClient = db.client as {
    acquireRawConnection(): Promise<RawPgClient>;
    destroyRawConnection(connection: RawPgClient): Promise<void>;
  };
  let connection: RawPgClient | undefined;
  let schema = '';
  let closed = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (ms: number, run: () => void) => {
    clearTimeout(timer);
    if (closed) return;
    timer = setTimeout(run, ms);
    timer.unref?.();
  };

  const apply = (
    rows: Array<{ family: string; generation: string | number }>,
  ) => {
    for (const row of rows) memory.raise(row.family, BigInt(row.generation));
  };

  const lose = (why: unknown) => {
    const lost = connection;
    connection = undefined;
    if (memory.live) {
      logger.warn(
        `Change marks are read from the database until the listener is back: ${String(
          (why as Error)?.message ?? why,
        )}`,
      );
    }
    memory.setLive(false);
    if (lost) {
      lost.removeAllListeners('notification');
      pgClient.destroyRawConnection(lost).catch(() => {});
    }
    failures += 1;
    schedule(Math.min(30_000, 1000 * 2 ** Math.min(failures - 1, 5)), connect);
  };

  const heartbeat = () => {
    const current = connection;
    if (!current) return;
    let answered = false;
    const deadline = setTimeout(() => {
      if (!answered && connection === current) lose('heartbeat timed out');
    }, resyncMs);
    deadline.unref?.();
    current
      .query('select family, generation from pp_change_marks')
      .then(result => {
        answered = true;
        clearTimeout(deadline);
        if (connection !== current) return;
        apply(result.rows);
        schedule(resyncMs, heartbeat);
      })
      .catch(error => {
        answered = true;
        clearTimeout(deadline);
        if (connection === current) lose(error);
      });
  };

  async function connect() {
    if (closed) return;
    let fresh: RawPgClient | undefined;
    try {
      fresh = await pgClient.acquireRawConnection();
      const candidate = fresh;
      candidate.on('error', error => {
        if (connection === candidate) lose(error);
      });
      candidate.on('end', () => {
        if (connection === candidate) lose('connection closed');
      });
      candidate.on(
        'notification',
        (message: { channel: string; payload?: string }) => {
          if (connection !== candidate || message.channel !== CHANNEL) return;
          const match = /^(.*)\.([a-z_]+):(\d+)$/.exec(message.payload ?? '');
          if (match && match[1] === schema) {
            memory.raise(match[2], BigInt(match[3]));
          }
        },
      );
      const [{ current_schema: name }] = (
        await candidate.query('select current_schema()')
      ).rows;
      await candidate.query(`listen ${CHANNEL}`);
      if (closed) {
        await pgClient.destroyRawConnection(candidate).catch(() => {});
        return;
      }
      schema = name;
      connection = candidate;
      failures = 0;
      memory.setLive(true);
      schedule(resyncMs, heartbeat);
    } catch (error) {
      if (fresh && connection !== fresh) {
        await pgClient.destroyRawConnection(fresh).catch(() => {});
      }
      if (!closed) {
        if (failures === 0) {
          logger.warn(
            `Could not listen for change marks; reading them from the database: ${
              (error as Error).message
            }`,
          );
        }
        failures += 1;
        schedule(
          Math.min(30_000, 1000 * 2 ** Math.min(failures - 1, 5)),
          connect,
        );
      }
    }
  }

  void connect();
  const stop = async () => {
    // a connection still being made is ended by `connect` itself when it sees `closed`
    closed = true;
    clearTimeout(timer);
    memory.setLive(false);
    memories.delete(db);
    listeners.delete(db);
    const last = connection;
    connection = undefined;
    if (last) {
      last.removeAllListeners('notification');
      await pgClient.destroyRawConnection(last).catch(() => {});
    }
  };
  const entry = {
    users: 1,
    handle(): PpChangeMarkListener {
      let open = true;
      return {
        get live() {
          return memory.live;
        },
        async close() {
          if (!open) return;
          open = false;
          entry.users -= 1;
          if (entry.users === 0) await stop();
        },
      };
    },
  };
  listeners.set(db, entry);
  return entry.handle();
}

/**
 * Starts `listenForPpChangeMarks` for a plugin's database unless `pp.database.changeMarkListener`
 * is false, and closes it at the plugin's shutdown.
 *
 * @public
 */
export function ppListenForChangeMarks(deps: {
  database: Knex;
  config: RootConfigService;
  logger: LoggerService;
  lifecycle: Pick<LifecycleService, 'addShutdownHook'>;
}): PpChangeMarkListener | undefined {
  if (
    deps.config.getOptionalBoolean('pp.database.changeMarkListener') === false
  ) {
    return undefined;
  }
  const listener = listenForPpChangeMarks(deps.database, {
    logger: deps.logger,
  });
  deps.lifecycle.addShutdownHook(() => listener.close());
  return listener;
}

/**
 * Root HTTP middleware: a request that may write (any method but GET, HEAD and OPTIONS) calls
 * `ppChangeMarksWritten` just before its answer's headers are written, i.e. after its transaction
 * committed and before its client can ask again.
 *
 * @public
 */
export function ppChangeMarkWrites() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      req.method !== 'OPTIONS'
    ) {
      const writeHead = res.writeHead;
      res.writeHead = function writeHeadAfterWrite(
        this: Response,
        ...args: any[]
      ) {
        ppChangeMarksWritten();
        return (writeHead as (...a: any[]) => Response).apply(this, args);
      } as typeof res.writeHead;
    }
    next();
  };
}

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  ppTestDatabases,
  ppTestRedisUrl,
} from '@internal/plugin-pp-node/testUtils';
import amqp from 'amqplib';
import Redis from 'ioredis';
import { Knex } from 'knex';
import { migrateHealthData } from '../logs/__testUtils__/healthDataDb';
import { celeryCollector } from './celery';
import { DatabaseQueueCollectors } from './DatabaseQueueCollectors';
import { rabbitMqCollector } from './rabbitmq';
import { TemporalConnect, temporalCollector } from './temporal';
import { createQueueCollectors } from '.';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const RABBIT_URL =
  process.env.PP_TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const REDIS_URL = ppTestRedisUrl() ?? 'redis://127.0.0.1:6379';

describe('RabbitMQ collector (real broker)', () => {
  const queue = `pp-test-${randomUUID()}`;
  let connection: amqp.ChannelModel;

  beforeAll(async () => {
    connection = await amqp.connect(RABBIT_URL);
    const channel = await connection.createChannel();
    await channel.assertQueue(queue, { durable: false, autoDelete: false });
    for (let i = 0; i < 17; i++)
      channel.sendToQueue(queue, Buffer.from(`job ${i}`));
    await channel.close(); // flushes the publishes
  });
  afterAll(async () => {
    const channel = await connection.createChannel();
    await channel.deleteQueue(queue);
    await connection.close();
  });

  it('reads the depth and consumers of a declared queue', async () => {
    const collector = rabbitMqCollector(
      new ConfigReader({ url: RABBIT_URL, queues: [queue] }),
    );
    // publishes are asynchronous on the broker side: wait until all 17 are counted
    let result = await collector.collect();
    for (let i = 0; i < 50 && result.queues[0]?.depth !== 17; i++) {
      await new Promise(r => setTimeout(r, 100));
      result = await collector.collect();
    }
    expect(result).toEqual({
      queues: [{ name: queue, depth: 17, consumers: 0 }],
      errors: [],
    });
  });

  it('reports a missing queue without losing the others', async () => {
    const missing = `pp-missing-${randomUUID()}`;
    const result = await rabbitMqCollector(
      new ConfigReader({ url: RABBIT_URL, queues: [missing, queue] }),
    ).collect();
    expect(result.queues.map(q => q.name)).toEqual([queue]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(new RegExp(`^${missing}: .*NOT_FOUND`));
  });

  it('fails when the broker cannot be reached', async () => {
    await expect(
      rabbitMqCollector(
        new ConfigReader({
          url: 'amqp://guest:guest@127.0.0.1:1',
          queues: ['x'],
        }),
      ).collect(),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('RabbitMQ collector (management API)', () => {
  it('reads messages_ready, and reports a queue without statistics instead of inventing 0 (issue 11)', async () => {
    const server = createServer((req, res) => {
      const stats: Record<string, object> = {
        '/api/queues/%2F/orders': { messages_ready: 5, consumers: 2 },
        // just declared: the broker has not collected its statistics yet
        '/api/queues/%2F/fresh': { consumers: 0 },
      };
      const body = stats[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'Object Not Found' }));
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const result = await rabbitMqCollector(
        new ConfigReader({
          managementUrl: `http://guest:guest@127.0.0.1:${port}`,
          queues: ['orders', 'fresh', 'gone'],
        }),
      ).collect();
      expect(result.queues).toEqual([
        { name: 'orders', depth: 5, consumers: 2 },
      ]);
      expect(result.errors).toEqual([
        'fresh: the management API reports no message counts yet (statistics not collected)',
        'gone: no such queue in vhost /',
      ]);
    } finally {
      await new Promise(r => server.close(r));
    }
  });
});

describe('Celery collector (real Redis broker)', () => {
  const key = `pp-test-celery-${randomUUID()}`;
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    await redis.lpush(
      key,
      ...Array.from({ length: 42 }, (_, i) => `{"task":"t${i}"}`),
    );
  });
  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it('reads LLEN of each queue key; a queue without key is empty', async () => {
    const empty = `pp-test-celery-empty-${randomUUID()}`;
    const result = await celeryCollector(
      new ConfigReader({ redisUrl: REDIS_URL, queues: [key, empty] }),
    ).collect();
    expect(result).toEqual({
      queues: [
        { name: key, depth: 42 },
        { name: empty, depth: 0 },
      ],
      errors: [],
    });
  });

  it('reports a key that is not a list', async () => {
    const wrong = `pp-test-celery-str-${randomUUID()}`;
    await redis.set(wrong, 'x');
    try {
      const result = await celeryCollector(
        new ConfigReader({ redisUrl: REDIS_URL, queues: [wrong, key] }),
      ).collect();
      expect(result.queues).toEqual([{ name: key, depth: 42 }]);
      expect(result.errors[0]).toMatch(/WRONGTYPE/);
    } finally {
      await redis.del(wrong);
    }
  });

  it('fails when Redis cannot be reached', async () => {
    await expect(
      celeryCollector(
        new ConfigReader({
          redisUrl: 'redis://127.0.0.1:1',
          queues: ['celery'],
        }),
      ).collect(),
    ).rejects.toThrow(/ECONNREFUSED|Connection is closed/);
  });
});

/*
 * No Temporal server runs here and a fake gRPC frontend would be a project of its own, so the
 * Temporal collector is tested with a fake visibility client (the queries it sends, the mapping of
 * the counts) and against a closed port (the real @temporalio/client connection failing).
 */
describe('Temporal collector', () => {
  it('counts running and pending workflows per task queue with visibility queries', async () => {
    const queries: string[] = [];
    let closed = 0;
    const connect: TemporalConnect = async options => {
      expect(options).toMatchObject({
        address: 'temporal:7233',
        namespace: 'waooaw',
        tls: false,
      });
      return {
        async count(query) {
          queries.push(query);
          if (query.includes('agent-runs'))
            return query.includes('HistoryLength') ? 120 : 300;
          return query.includes('HistoryLength') ? 0 : 4;
        },
        async close() {
          closed++;
        },
      };
    };
    const result = await temporalCollector(
      new ConfigReader({
        address: 'temporal:7233',
        namespace: 'waooaw',
        taskQueues: ['agent-runs', 'billing'],
      }),
      connect,
    ).collect();
    expect(result.queues).toEqual([
      { name: 'agent-runs', depth: 120, pending: 120, running: 300 },
      { name: 'billing', depth: 0, pending: 0, running: 4 },
    ]);
    expect(queries).toEqual([
      'ExecutionStatus="Running" AND TaskQueue="agent-runs"',
      'ExecutionStatus="Running" AND TaskQueue="agent-runs" AND HistoryLength <= 2',
      'ExecutionStatus="Running" AND TaskQueue="billing"',
      'ExecutionStatus="Running" AND TaskQueue="billing" AND HistoryLength <= 2',
    ]);
    expect(closed).toBe(1);
  });

  it('counts the whole namespace when no task queues are listed, and closes after a failure', async () => {
    let closed = 0;
    const failing: TemporalConnect = async () => ({
      async count() {
        throw new Error('INVALID_ARGUMENT: invalid query');
      },
      async close() {
        closed++;
      },
    });
    await expect(
      temporalCollector(
        new ConfigReader({ address: 'x:7233' }),
        failing,
      ).collect(),
    ).rejects.toThrow(/invalid query/);
    expect(closed).toBe(1);
    const queries: string[] = [];
    const result = await temporalCollector(
      new ConfigReader({ address: 'x:7233' }),
      async () => ({
        count: async q => {
          queries.push(q);
          return 7;
        },
        close: async () => {},
      }),
    ).collect();
    expect(result.queues).toEqual([
      { name: 'default', depth: 7, pending: 7, running: 7 },
    ]);
    expect(queries[0]).toBe('ExecutionStatus="Running"');
  });

  it('reports an unreachable Temporal frontend through the real client as an error status', async () => {
    const collectors = createQueueCollectors({
      config: new ConfigReader({
        pp: {
          health: {
            queues: { temporal: { address: '127.0.0.1:1', timeoutMs: 1500 } },
          },
        },
      }),
      logger: mockServices.logger.mock(),
      db: {
        transaction: async (fn: any) => fn(() => ({ insert: async () => {} })),
      } as any,
    });
    const statuses = await collectors.collectAndStore(
      new Date('2026-11-25T10:00:00Z'),
    );
    const temporal = statuses.find(s => s.system === 'temporal')!;
    expect(temporal.status).toBe('error');
    // the real client got as far as the connection attempt
    expect(temporal.message).toMatch(
      /connect|UNAVAILABLE|ECONNREFUSED|deadline/i,
    );
    expect(temporal.message).not.toMatch(
      /Cannot find module|is not a function/,
    );
    expect(temporal.queues).toEqual([]);
  });
});

describe.each(databases.eachSupportedId())(
  'DatabaseQueueCollectors (%s)',
  id => {
    let knex: Knex;
    const key = `pp-test-celery-${randomUUID()}`;
    let redis: Redis;

    beforeAll(async () => {
      knex = await databases.init(id);
      await migrateHealthData(knex);
      redis = new Redis(REDIS_URL);
      await redis.lpush(key, 'a', 'b', 'c');
    });
    afterAll(async () => {
      await redis.del(key);
      redis.disconnect();
    });
    beforeEach(async () => {
      await knex('pp_queue_metrics').delete();
    });

    it('says not_configured for every system without configuration, and stores nothing', async () => {
      const collectors = new DatabaseQueueCollectors({
        config: new ConfigReader({}),
        logger: mockServices.logger.mock(),
        db: knex,
      });
      const statuses = await collectors.collectAndStore();
      expect(
        statuses.map(s => [s.system, s.status, s.queues, s.collected_at]),
      ).toEqual([
        ['temporal', 'not_configured', [], null],
        ['celery', 'not_configured', [], null],
        ['rabbitmq', 'not_configured', [], null],
      ]);
      expect(statuses[0].message).toMatch(/pp\.health\.queues\.temporal/);
      expect(await collectors.latest()).toEqual(statuses);
      expect(
        Number((await knex('pp_queue_metrics').count({ n: '*' }))[0].n),
      ).toBe(0);
    });

    it('stores snapshots and serves the latest one per system, errors included', async () => {
      let depth = 5;
      let temporalDown = false;
      const collectors = new DatabaseQueueCollectors({
        config: new ConfigReader({
          pp: {
            health: {
              queues: {
                celery: { redisUrl: REDIS_URL, queues: [key] },
                rabbitmq: { queues: ['x'] }, // neither url nor managementUrl: a configuration error
              },
            },
          },
        }),
        logger: mockServices.logger.mock(),
        db: knex,
        // the implicit first collection of latest(): before the explicit ones below, whatever
        // the wall clock says
        now: () => new Date('2026-11-25T09:59:30Z'),
        collectors: {
          temporal: {
            system: 'temporal',
            async collect() {
              if (temporalDown)
                throw new Error('14 UNAVAILABLE: connection refused');
              return {
                queues: [
                  { name: 'agent-runs', depth, pending: depth, running: 40 },
                ],
                errors: [],
              };
            },
          },
        },
      });
      // nothing stored yet: latest() collects once
      const first = await collectors.latest();
      expect(first.find(s => s.system === 'celery')).toMatchObject({
        status: 'ok',
        queues: [{ name: key, depth: 3 }],
      });
      expect(first.find(s => s.system === 'rabbitmq')).toMatchObject({
        status: 'error',
        message:
          'Invalid pp.health.queues.rabbitmq: pp.health.queues.rabbitmq needs url or managementUrl',
        queues: [],
      });

      await collectors.collectAndStore(new Date('2026-11-25T10:00:00Z'));
      depth = 150;
      await redis.lpush(key, 'd');
      await collectors.collectAndStore(new Date('2026-11-25T10:00:30Z'));
      const latest = await collectors.latest();
      expect(latest).toEqual([
        {
          system: 'temporal',
          status: 'ok',
          message: null,
          queues: [
            { name: 'agent-runs', depth: 150, pending: 150, running: 40 },
          ],
          collected_at: '2026-11-25T10:00:30.000Z',
        },
        {
          system: 'celery',
          status: 'ok',
          message: null,
          queues: [{ name: key, depth: 4 }],
          collected_at: '2026-11-25T10:00:30.000Z',
        },
        expect.objectContaining({
          system: 'rabbitmq',
          status: 'error',
          collected_at: '2026-11-25T10:00:30.000Z',
        }),
      ]);

      temporalDown = true;
      await collectors.collectAndStore(new Date('2026-11-25T10:01:00Z'));
      const down = (await collectors.latest())[0];
      expect(down).toEqual({
        system: 'temporal',
        status: 'error',
        message: '14 UNAVAILABLE: connection refused',
        queues: [],
        collected_at: '2026-11-25T10:01:00.000Z',
      });
      // spec columns are filled
      const rows = await knex('pp_queue_metrics')
        .where({ system: 'temporal', status: 'ok' })
        .orderBy('checked_at');
      expect(
        rows.map(r => [
          r.queue_name,
          Number(r.pending_count),
          Number(r.running_count),
        ]),
      ).toEqual([
        ['agent-runs', 5, 40],
        ['agent-runs', 5, 40],
        ['agent-runs', 150, 40],
      ]);
      expect(
        await collectors.prune(new Date('2026-11-25T10:00:30Z')),
      ).toBeGreaterThan(0);
      expect(
        await knex('pp_queue_metrics').where(
          'checked_at',
          '<',
          new Date('2026-11-25T10:00:30Z'),
        ),
      ).toEqual([]);
    });
  },
);

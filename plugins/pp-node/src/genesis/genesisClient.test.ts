import { ConfigReader } from '@backstage/config';
import { ppTestDatabases } from '../testUtils';
import {
  DatabasePpGenesisRequests,
  PpGenesisDispatcher,
  readPpGenesisConfig,
} from './genesisClient';
import { PP_DELIVERY_MAX_ATTEMPTS } from '../notify/DatabaseNotifier';
import { ppSignature } from '../http/signedWebhook';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

describe('readPpGenesisConfig', () => {
  it('reads the section at the key; a url without a secret is refused', () => {
    const read = (genesis: object) =>
      readPpGenesisConfig(
        new ConfigReader({ pp: { x: { genesis } } }),
        'pp.x.genesis',
      );
    expect(read({})).toEqual({
      url: undefined,
      secret: undefined,
      webhookSecret: undefined,
      timeoutMs: 10_000,
    });
    expect(
      read({ url: 'http://g', secret: 's', webhookSecret: 'w', timeoutMs: 5 }),
    ).toEqual({
      url: 'http://g',
      secret: 's',
      webhookSecret: 'w',
      timeoutMs: 5,
    });
    expect(() => read({ url: 'http://g' })).toThrow(
      'pp.x.genesis.url is set without pp.x.genesis.secret',
    );
  });
});

describe.each(databases.eachSupportedId())('PpGenesisDispatcher (%s)', id => {
  it('signs, retries with backoff, gives up after the last attempt and says so once', async () => {
    const knex = await databases.init(id);
    await knex.schema.createTable('pp_test_genesis_requests', t => {
      t.string('subject_id', 36).primary();
      t.string('status', 16).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.timestamp('next_attempt_at', { useTz: true }).nullable();
      t.text('last_error').nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('sent_at', { useTz: true }).nullable();
    });
    const requests = new DatabasePpGenesisRequests(knex, {
      name: 'pp_test_genesis_requests',
      idColumn: 'subject_id',
    });
    let now = new Date('2026-12-04T10:00:00Z');
    const posted: Array<{ body: string; headers: Record<string, string> }> = [];
    let status = 503;
    const givenUp: string[] = [];
    const dispatcher = new PpGenesisDispatcher({
      config: { url: 'http://genesis.test/v', secret: 'sec', timeoutMs: 1000 },
      requests,
      what: 'tests',
      body: async subject =>
        subject === 'gone' ? undefined : { label: subject, body: { subject } },
      onGivenUp: async (subject, error) => {
        givenUp.push(`${subject}: ${error}`);
      },
      fetch: (async (_url: string, init: any) => {
        posted.push({ body: init.body, headers: init.headers });
        return new Response('{}', { status });
      }) as any,
      now: () => now,
    });
    await requests.enqueue(knex, 'a', now);
    await requests.enqueue(knex, 'a', now); // queued once
    await requests.enqueue(knex, 'gone', now);
    expect(await dispatcher.sendDue()).toEqual({ sent: 0, failed: 1 });
    expect(await requests.get('gone')).toMatchObject({ status: 'sent' });
    const first = posted[0];
    expect(JSON.parse(first.body)).toEqual({ subject: 'a' });
    expect(first.headers['X-PP-Signature']).toBe(
      ppSignature('sec', first.headers['X-PP-Timestamp'], first.body),
    );
    expect(first.headers['X-PP-Delivery']).toBe('a:1');
    for (let i = 2; i <= PP_DELIVERY_MAX_ATTEMPTS; i++) {
      now = new Date(now.getTime() + 24 * 3600_000);
      expect(await dispatcher.sendDue()).toEqual({ sent: 0, failed: 1 });
    }
    expect(await requests.get('a')).toMatchObject({
      status: 'failed',
      attempts: PP_DELIVERY_MAX_ATTEMPTS,
      next_attempt_at: null,
      last_error: expect.stringMatching(/503/),
    });
    expect(givenUp).toEqual(['a: Genesis answered 503: {}']);
    now = new Date(now.getTime() + 24 * 3600_000);
    status = 202;
    expect(await dispatcher.sendDue()).toEqual({ sent: 0, failed: 0 });
    await knex.destroy();
  });
});

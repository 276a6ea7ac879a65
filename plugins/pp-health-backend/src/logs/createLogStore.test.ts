import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import { createLogStore } from './createLogStore';

describe('createLogStore', () => {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const logger = mockServices.logger.mock();
  afterAll(() => db.destroy());

  const create = (logs: object) =>
    createLogStore({
      config: new ConfigReader({ pp: { health: { logs } } }),
      db,
      logger,
    });

  it('uses the plugin database by default', async () => {
    expect((await create({})).backend).toBe('sqlite');
  });

  it('uses Elasticsearch when configured', async () => {
    const store = await create({
      backend: 'elasticsearch',
      elasticsearch: { node: 'http://127.0.0.1:9' },
    });
    expect(store.backend).toBe('elasticsearch');
  });

  it('refuses an unknown backend and Elasticsearch without a node', async () => {
    await expect(create({ backend: 'loki' })).rejects.toThrow(
      /postgres or elasticsearch, not loki/,
    );
    await expect(create({ backend: 'elasticsearch' })).rejects.toThrow(
      /elasticsearch/,
    );
  });
});

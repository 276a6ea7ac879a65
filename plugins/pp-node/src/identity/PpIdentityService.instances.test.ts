import { mockServices } from '@backstage/backend-test-utils';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ppTestDatabases, ppTestRedisUrl } from '../testUtils';
import { createPpIdentityService } from './PpIdentityService';

jest.setTimeout(60_000);

const databases = ppTestDatabases();
const redisUrl = ppTestRedisUrl();
const describeWithRedis =
  redisUrl && databases.supports('POSTGRES_15') ? describe : describe.skip;

/*
 * Two backend instances share PostgreSQL and Redis: an access change made through one is in force
 * on the other within 5 s (pushed through Redis pub/sub; the principal cache lives 5 s at most).
 */
describeWithRedis('the identity service across two instances', () => {
  it('refuses on B what A deactivated, revoked or logged out, within 5 s', async () => {
    const database = await databases.init('POSTGRES_15');
    const keyPrefix = `pp_inst_${randomUUID().slice(0, 8)}`;
    const config = mockServices.rootConfig({
      data: { pp: { redis: { url: redisUrl!, keyPrefix } } },
    });
    const make = () =>
      createPpIdentityService({
        database,
        logger: mockServices.logger.mock(),
        config,
      });
    const a = await make();
    const b = await make();
    try {
      const agent = await a.users.createUser(
        {
          name: 'Two-instance agent',
          kind: 'agent',
          roles: ['helpdesk_agent'],
          entityRef: 'component:default/genesis-validator',
          status: 'active',
        } as any,
        'test',
      );
      const { token } = await a.users.createApiToken(
        agent.id,
        't',
        null,
        'test',
      );
      const person = await a.users.createUser(
        {
          name: 'Two-instance person',
          email: 'two.instances@waooaw.com',
          kind: 'user',
          roles: ['viewer'],
          entityRef: null,
          status: 'active',
        } as any,
        'test',
      );
      const { session } = await a.sessions.start(person.id, randomUUID());

      const other = await a.users.createApiToken(agent.id, 'u', null, 'test');
      expect(await b.verifyBearerToken(other.token)).toEqual({
        userId: agent.id,
      });
      await a.users.revokeApiToken(agent.id, other.id);
      expect(await b.verifyBearerToken(other.token)).toBeUndefined();

      // B has seen both (and caches the principals)
      expect(await b.verifyBearerToken(token)).toEqual({ userId: agent.id });
      expect(await b.sessions.get(person.id, session.id)).toBeTruthy();
      expect((await b.getPrincipal(agent.id))?.status).toBe('active');

      // A deactivates the agent and ends the person's session
      await a.users.updateUser(agent.id, { status: 'inactive' });
      await a.accessChanged(agent.id);
      await a.sessions.end(person.id, session.id);

      const started = Date.now();
      while (
        (await b.verifyBearerToken(token)) !== undefined &&
        Date.now() - started < 5_000
      ) {
        await new Promise(r => setTimeout(r, 100));
      }
      expect(await b.verifyBearerToken(token)).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await b.getPrincipal(agent.id))?.status).toBe('inactive');
      // B cached the live session; the end is pushed to it (a lost push: 5 s at most)
      while (
        (await b.sessions.get(person.id, session.id)) &&
        Date.now() - started < 5_000
      ) {
        await new Promise(r => setTimeout(r, 100));
      }
      expect(await b.sessions.get(person.id, session.id)).toBeFalsy();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await a.close();
      await b.close();
      const redis = new Redis(redisUrl!);
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});

import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ppTestDatabases } from '../testUtils';
import {
  DatabaseIdentityStore,
  PP_ACCESS_EXPIRY_ACTOR,
} from './DatabaseIdentityStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();
const HOUR = 3600_000;

async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
  const knex: Knex = await databases.init(databaseId);
  await knex.migrate.latest({
    directory: resolvePackagePath('@internal/plugin-pp-node', 'migrations'),
  });
  let now = new Date('2026-12-02T10:00:00Z');
  const store = new DatabaseIdentityStore(knex, () => now);
  await store.syncRoles();
  const person = await store.createUser(
    {
      email: 'tb@waooaw.com',
      name: 'Tb',
      kind: 'user',
      roles: ['viewer'],
      entityRef: null,
      status: 'active',
    },
    'test',
  );
  return {
    knex,
    store,
    person,
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe.each(databases.eachSupportedId())(
  'Time-bound access in the store (%s)',
  databaseId => {
    it('grants a role until a time, stops counting it then, and the expiry run revokes it once', async () => {
      const { store, person, now, advance } = await setUp(databaseId);
      const until = new Date(now().getTime() + 3 * HOUR);
      const { user, changed } = await store.assignRole(
        person.id,
        'helpdesk_agent',
        'user:pp/admin',
        'on call',
        { expiresAt: until },
      );
      expect(changed).toBe(true);
      expect(user.roles).toEqual(['helpdesk_agent', 'viewer']);
      expect(user.role_expires_at).toEqual({
        helpdesk_agent: until.toISOString(),
      });
      expect(
        (await store.listUsers({ role: 'helpdesk_agent' })).total_count,
      ).toBe(1);

      advance(3 * HOUR - 1000);
      expect(await store.revokeExpiredRoles()).toEqual([]);
      expect((await store.requireUser(person.id)).roles).toContain(
        'helpdesk_agent',
      );

      // At its end the role no longer counts, even before the job revokes it.
      advance(1000);
      expect((await store.requireUser(person.id)).roles).toEqual(['viewer']);
      expect(
        (await store.listUsers({ role: 'helpdesk_agent' })).total_count,
      ).toBe(0);

      const revoked = await store.revokeExpiredRoles();
      expect(revoked).toEqual([
        {
          user: expect.objectContaining({ id: person.id, roles: ['viewer'] }),
          role: 'helpdesk_agent',
          expiredAt: until.toISOString(),
        },
      ]);
      expect(await store.revokeExpiredRoles()).toEqual([]);
      const [last] = (await store.listRoleChanges({ userId: person.id })).items;
      expect(last).toMatchObject({
        action: 'revoke',
        role: 'helpdesk_agent',
        changed_by: PP_ACCESS_EXPIRY_ACTOR,
        old_roles: ['helpdesk_agent', 'viewer'],
        new_roles: ['viewer'],
      });
    });

    it("the people list's version names the next expiry, read again only after a write or once the clock passes it", async () => {
      const { knex, store, person, now, advance } = await setUp(databaseId);
      let expiryReads = 0;
      knex.on('query', (q: { sql: string }) => {
        if (q.sql.includes('expires_at')) expiryReads += 1;
      });
      const first = new Date(now().getTime() + HOUR);
      const second = new Date(now().getTime() + 2 * HOUR);
      await store.assignRole(
        person.id,
        'helpdesk_agent',
        'user:pp/admin',
        'x',
        {
          expiresAt: first,
        },
      );
      await store.assignRole(
        person.id,
        'industry_manager',
        'user:pp/admin',
        'x',
        {
          expiresAt: second,
        },
      );
      expiryReads = 0;
      const v1 = await store.usersVersion();
      expect(v1).toMatch(new RegExp(`:${first.toISOString()}$`));
      expect(expiryReads).toBe(1);
      advance(HOUR / 2);
      expect(await store.usersVersion()).toBe(v1);
      expect(expiryReads).toBe(1);
      // the first grant ends: the version changes without a write
      advance(HOUR / 2);
      const v2 = await store.usersVersion();
      expect(v2).toMatch(new RegExp(`:${second.toISOString()}$`));
      expect(expiryReads).toBe(2);
      // a write changes the mark, and the expiry is read again
      await store.assignRole(
        person.id,
        'helpdesk_agent',
        'user:pp/admin',
        'x',
        {
          expiresAt: new Date(now().getTime() + HOUR / 4),
        },
      );
      expiryReads = 0;
      const v3 = await store.usersVersion();
      expect(v3).not.toBe(v2);
      expect(v3).toMatch(
        new RegExp(`:${new Date(now().getTime() + HOUR / 4).toISOString()}$`),
      );
      expect(expiryReads).toBe(1);
    });

    it('keeps admin permanent and refuses ends in the past or beyond 90 days', async () => {
      const { store, person, now } = await setUp(databaseId);
      const other = await store.createUser(
        {
          email: 'a2@waooaw.com',
          name: 'A2',
          kind: 'user',
          roles: [],
          entityRef: null,
        },
        'test',
      );
      await expect(
        store.assignRole(other.id, 'admin', 'x', null, {
          expiresAt: new Date(now().getTime() + HOUR),
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/admin role is permanent/),
      });
      await expect(
        store.assignRole(person.id, 'helpdesk_agent', 'x', null, {
          expiresAt: new Date(now().getTime() - 1),
        }),
      ).rejects.toMatchObject({ name: 'InputError' });
      await expect(
        store.assignRole(person.id, 'helpdesk_agent', 'x', null, {
          expiresAt: new Date(now().getTime() + 91 * 24 * HOUR),
        }),
      ).rejects.toMatchObject({ name: 'InputError' });
      await expect(
        store.createRoleRequest(other.id, 'admin', 'need it for a day', 24),
      ).rejects.toMatchObject({ name: 'InputError' });
      expect((await store.requireUser(other.id)).roles).toEqual([]);
    });

    it('renews or makes permanent a time-bound grant; the expiry run then leaves it alone', async () => {
      const { store, person, now, advance } = await setUp(databaseId);
      await store.assignRole(person.id, 'helpdesk_agent', 'x', null, {
        expiresAt: new Date(now().getTime() + HOUR),
      });
      const later = new Date(now().getTime() + 5 * HOUR);
      const renewed = await store.assignRole(
        person.id,
        'helpdesk_agent',
        'x',
        null,
        { expiresAt: later },
      );
      expect(renewed.changed).toBe(true);
      expect(renewed.user.role_expires_at?.helpdesk_agent).toBe(
        later.toISOString(),
      );
      advance(2 * HOUR);
      expect(await store.revokeExpiredRoles()).toEqual([]);
      const permanent = await store.assignRole(
        person.id,
        'helpdesk_agent',
        'x',
      );
      expect(permanent.changed).toBe(true);
      expect(permanent.user.role_expires_at).toEqual({});
      advance(10 * HOUR);
      expect(await store.revokeExpiredRoles()).toEqual([]);
      expect((await store.requireUser(person.id)).roles).toContain(
        'helpdesk_agent',
      );
    });

    it('approves a request for N hours as a grant that ends N hours after approval', async () => {
      const { store, person, now, advance } = await setUp(databaseId);
      const request = await store.createRoleRequest(
        person.id,
        'infrastructure_engineer',
        'incident 42 needs a look at the queues',
        4,
      );
      expect(request.duration_hours).toBe(4);
      advance(HOUR); // the clock runs from the approval
      const { request: decided, roleChange } = await store.decideRoleRequest(
        request.id,
        'approved',
        'user:pp/admin',
        null,
      );
      const end = new Date(now().getTime() + 4 * HOUR).toISOString();
      expect(decided).toMatchObject({
        status: 'approved',
        duration_hours: 4,
        expires_at: end,
      });
      expect(roleChange?.user.role_expires_at).toEqual({
        infrastructure_engineer: end,
      });
      advance(4 * HOUR);
      expect(
        (await store.revokeExpiredRoles()).map(g => [g.user.id, g.role]),
      ).toEqual([[person.id, 'infrastructure_engineer']]);
      // A permanent request stays permanent.
      const forever = await store.createRoleRequest(
        person.id,
        'helpdesk_agent',
        'joining the helpdesk team',
      );
      const approved = await store.decideRoleRequest(
        forever.id,
        'approved',
        'user:pp/admin',
        null,
      );
      expect(approved.request).toMatchObject({
        duration_hours: null,
        expires_at: null,
      });
      expect(approved.roleChange?.user.role_expires_at).toEqual({});
    });
  },
);

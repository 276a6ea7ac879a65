import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ppTestDatabases } from '../testUtils';
import { DatabaseIdentityStore } from './DatabaseIdentityStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
  const knex: Knex = await databases.init(databaseId);
  await knex.migrate.latest({
    directory: resolvePackagePath('@internal/plugin-pp-node', 'migrations'),
  });
  let now = new Date('2026-11-25T10:00:00Z');
  const store = new DatabaseIdentityStore(knex, () => now);
  await store.syncRoles();
  return {
    knex,
    store,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseIdentityStore (%s)',
  databaseId => {
    it('syncs the seven contract roles', async () => {
      const { knex } = await setUp(databaseId);
      const rows = await knex('pp_roles').orderBy('level');
      expect(rows.map(r => r.key)).toEqual(
        expect.arrayContaining([
          'admin',
          'subscription_manager',
          'agent_orchestrator',
          'infrastructure_engineer',
          'helpdesk_agent',
          'industry_manager',
          'viewer',
        ]),
      );
      expect(rows).toHaveLength(7);
      expect(JSON.parse(rows[0].permissions)).toEqual(['*:*']);
    });

    it('creates people as pending and logs their initial roles', async () => {
      const { store } = await setUp(databaseId);
      const user = await store.createUser(
        {
          email: 'Asha@WAOOAW.com',
          name: 'Asha',
          kind: 'user',
          roles: ['viewer', 'helpdesk_agent'],
          entityRef: null,
        },
        'user:pp/admin',
      );
      expect(user).toMatchObject({
        email: 'asha@waooaw.com',
        status: 'pending',
        roles: ['helpdesk_agent', 'viewer'],
      });
      const log = await store.listRoleChanges({ userId: user.id });
      expect(log.items).toHaveLength(2);
      await expect(
        store.createUser(
          {
            email: 'asha@waooaw.com',
            name: 'Again',
            kind: 'user',
            roles: [],
            entityRef: null,
          },
          'x',
        ),
      ).rejects.toThrow(/already exists/);
    });

    it('keeps admin exclusive and validates role names', async () => {
      const { store } = await setUp(databaseId);
      await expect(
        store.createUser(
          {
            email: 'a@waooaw.com',
            name: 'A',
            kind: 'user',
            roles: ['admin', 'viewer'],
            entityRef: null,
          },
          'x',
        ),
      ).rejects.toMatchObject({ name: 'InputError' });
      await expect(
        store.createUser(
          {
            email: 'a@waooaw.com',
            name: 'A',
            kind: 'user',
            roles: ['root' as any],
            entityRef: null,
          },
          'x',
        ),
      ).rejects.toThrow(/Unknown role 'root'/);
      const admin = await store.createUser(
        {
          email: 'boss@waooaw.com',
          name: 'Boss',
          kind: 'user',
          roles: ['admin'],
          entityRef: null,
        },
        'x',
      );
      await expect(
        store.assignRole(admin.id, 'viewer', 'x'),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      const viewer = await store.createUser(
        {
          email: 'v@waooaw.com',
          name: 'V',
          kind: 'user',
          roles: ['viewer'],
          entityRef: null,
        },
        'x',
      );
      await expect(
        store.assignRole(viewer.id, 'admin', 'x'),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      const combined = await store.assignRole(
        viewer.id,
        'agent_orchestrator',
        'x',
        'on-call',
      );
      expect(combined).toMatchObject({
        changed: true,
        user: { roles: ['agent_orchestrator', 'viewer'] },
      });
      expect(await store.assignRole(viewer.id, 'viewer', 'x')).toMatchObject({
        changed: false,
      });
      const revoked = await store.revokeRole(viewer.id, 'viewer', 'x');
      expect(revoked.user.roles).toEqual(['agent_orchestrator']);
      const log = await store.listRoleChanges({ userId: viewer.id });
      expect(log.items[0]).toMatchObject({
        action: 'revoke',
        role: 'viewer',
        old_roles: ['agent_orchestrator', 'viewer'],
        new_roles: ['agent_orchestrator'],
      });
    });

    it('applies a bulk assignment completely or not at all', async () => {
      const { store } = await setUp(databaseId);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push(
          (
            await store.createUser(
              {
                email: `u${i}@waooaw.com`,
                name: `U${i}`,
                kind: 'user',
                roles: [],
                entityRef: null,
              },
              'x',
            )
          ).id,
        );
      }
      const admin = await store.createUser(
        {
          email: 'adm@waooaw.com',
          name: 'Adm',
          kind: 'user',
          roles: ['admin'],
          entityRef: null,
        },
        'x',
      );
      await expect(
        store.bulkAssignRole([...ids, admin.id], 'viewer', 'x'),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      for (const id of ids)
        expect((await store.getUser(id))!.roles).toEqual([]);
      await expect(
        store.bulkAssignRole([...ids, 'missing'], 'viewer', 'x'),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      const done = await store.bulkAssignRole(ids, 'viewer', 'x');
      expect(done.map(d => d.user.roles)).toEqual([
        ['viewer'],
        ['viewer'],
        ['viewer'],
      ]);
    });

    it('lists with search, filters, sorting and paging', async () => {
      const { store, advance } = await setUp(databaseId);
      for (const [name, roles] of [
        ['Zed', ['viewer']],
        ['amy', []],
        ['Bob_x', ['helpdesk_agent']],
      ] as const) {
        await store.createUser(
          {
            email: `${name.toLowerCase()}@waooaw.com`,
            name,
            kind: 'user',
            roles: [...roles],
            entityRef: null,
          },
          'x',
        );
        advance(1000);
      }
      await store.createUser(
        {
          email: null,
          name: 'Genesis bot',
          kind: 'agent',
          roles: ['viewer'],
          entityRef: 'component:default/genesis-validator',
        },
        'x',
      );
      const all = await store.listUsers({ limit: 2 });
      expect(all.total_count).toBe(4);
      expect(all.items.map(u => u.name)).toEqual(['amy', 'Bob_x']);
      const page2 = await store.listUsers({ limit: 2, offset: 2 });
      expect(page2.items.map(u => u.name)).toEqual(['Genesis bot', 'Zed']);
      expect(
        (await store.listUsers({ search: '_x' })).items.map(u => u.name),
      ).toEqual(['Bob_x']);
      expect((await store.listUsers({ search: '%' })).items).toEqual([]);
      expect(
        (await store.listUsers({ role: 'viewer' })).items.map(u => u.name),
      ).toEqual(['Genesis bot', 'Zed']);
      expect((await store.listUsers({ kind: 'agent' })).items[0]).toMatchObject(
        { status: 'active', entity_ref: 'component:default/genesis-validator' },
      );
      expect(
        (await store.listUsers({ sort: 'created_at', order: 'desc' })).items[0]
          .name,
      ).toBe('Genesis bot');
    });

    it('activates a pending user at first sign-in', async () => {
      const { store } = await setUp(databaseId);
      const user = await store.createUser(
        {
          email: 'p@waooaw.com',
          name: 'P',
          kind: 'user',
          roles: [],
          entityRef: null,
        },
        'x',
      );
      const signedIn = await store.recordSignIn(user.id);
      expect(signedIn.status).toBe('active');
      expect(signedIn.last_active_at).toBe('2026-11-25T10:00:00.000Z');
    });

    it('approves a role request by assigning the role, once', async () => {
      const { store } = await setUp(databaseId);
      const user = await store.createUser(
        {
          email: 'r@waooaw.com',
          name: 'R',
          kind: 'user',
          roles: ['viewer'],
          entityRef: null,
        },
        'x',
      );
      const request = await store.createRoleRequest(
        user.id,
        'helpdesk_agent',
        'covering the queue',
      );
      await expect(
        store.createRoleRequest(user.id, 'helpdesk_agent', 'again'),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await expect(
        store.createRoleRequest(user.id, 'viewer', 'have it'),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(
        (await store.listRoleRequests({ status: 'pending' })).total_count,
      ).toBe(1);
      const { request: decided, roleChange } = await store.decideRoleRequest(
        request.id,
        'approved',
        'user:pp/admin',
        'ok',
      );
      expect(decided).toMatchObject({
        status: 'approved',
        decided_by: 'user:pp/admin',
        decision_note: 'ok',
      });
      expect(roleChange?.user.roles).toEqual(['helpdesk_agent', 'viewer']);
      await expect(
        store.decideRoleRequest(request.id, 'denied', 'x', null),
      ).rejects.toMatchObject({ name: 'ConflictError' });
    });

    it('verifies API tokens by hash until they are revoked or expire', async () => {
      const { store, knex, advance } = await setUp(databaseId);
      const agent = await store.createUser(
        {
          email: null,
          name: 'Agent',
          kind: 'agent',
          roles: ['viewer'],
          entityRef: null,
        },
        'x',
      );
      const created = await store.createApiToken(
        agent.id,
        'ci',
        new Date('2026-11-26T10:00:00Z'),
        'user:pp/admin',
      );
      expect(created.token).toMatch(/^pp_[0-9a-f]{32}_/);
      const row = await knex('pp_api_tokens').where({ id: created.id }).first();
      expect(row.token_hash).not.toContain(created.token);
      expect(JSON.stringify(row)).not.toContain(created.token);
      expect(await store.verifyApiToken(created.token)).toEqual({
        userId: agent.id,
        tokenId: created.id,
      });
      // One character changed (never to itself) must not verify.
      const last = created.token.slice(-1);
      const tampered = `${created.token.slice(0, -1)}${
        last === 'A' ? 'B' : 'A'
      }`;
      expect(await store.verifyApiToken(tampered)).toBeUndefined();
      advance(2 * 24 * 3600 * 1000);
      expect(await store.verifyApiToken(created.token)).toBeUndefined();
      const other = await store.createApiToken(agent.id, 'other', null, 'x');
      expect(await store.verifyApiToken(other.token)).toBeDefined();
      const revoked = await store.revokeApiToken(agent.id, other.id);
      expect(revoked.revoked_at).not.toBeNull();
      expect(await store.verifyApiToken(other.token)).toBeUndefined();
      expect(
        (await store.listApiTokens(agent.id)).map(t => t.name).sort(),
      ).toEqual(['ci', 'other']);
    });
  },
);

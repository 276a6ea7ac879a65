import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  PP_ROLES,
  PP_ROLE_KEYS,
  ppApiTokenCreatedSchema,
  ppApiTokenListSchema,
  ppAuditRecordListSchema,
  ppAuditVerificationSchema,
  ppRoleChangePageSchema,
  ppRoleListSchema,
  ppRoleRequestPageSchema,
  ppRoleRequestSchema,
  ppUserPageSchema,
  ppUserSchema,
} from '@internal/plugin-pp-common';
import { DatabaseAuditStore } from '../audit/DatabaseAuditStore';
import { ppTestDatabases } from '../testUtils';
import { DatabaseIdentityStore } from './DatabaseIdentityStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

/** What the pp-users router sends: the store's answers as JSON. */
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe.each(databases.eachSupportedId())(
  'the store answers match the pp-common schemas (%s)',
  databaseId => {
    it('users, roles, role changes and requests, API tokens, audit', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({
        directory: resolvePackagePath('@internal/plugin-pp-node', 'migrations'),
      });
      let now = new Date('2026-11-25T10:00:00Z');
      const store = new DatabaseIdentityStore(knex, () => now);
      await store.syncRoles();
      const person = await store.createUser(
        {
          email: 'asha@waooaw.com',
          name: 'Asha',
          kind: 'user',
          roles: ['viewer'],
          entityRef: null,
        },
        'user:pp/admin',
      );
      const agent = await store.createUser(
        {
          name: 'Bot',
          kind: 'agent',
          roles: [],
          entityRef: 'component:default/bot',
        } as any,
        'user:pp/admin',
      );
      ppUserSchema.parse(json(person));
      ppUserSchema.parse(json(agent));
      await store.assignRole(
        person.id,
        'helpdesk_agent',
        'user:pp/admin',
        null,
        {
          expiresAt: new Date('2026-12-01T00:00:00Z'),
        },
      );
      const timeBound = ppUserSchema.parse(
        json(await store.requireUser(person.id)),
      );
      expect(timeBound.role_expires_at).toHaveProperty('helpdesk_agent');
      ppUserPageSchema.parse(json(await store.listUsers({})));
      ppRoleChangePageSchema.parse(json(await store.listRoleChanges({})));
      ppRoleListSchema.parse(
        json({ items: PP_ROLE_KEYS.map(key => PP_ROLES[key]) }),
      );

      const permanent = await store.createRoleRequest(
        person.id,
        'infrastructure_engineer',
        'I am on call this week',
      );
      const bounded = await store.createRoleRequest(
        agent.id,
        'viewer',
        'Reads the dashboards',
        24,
      );
      ppRoleRequestSchema.parse(json(permanent));
      ppRoleRequestSchema.parse(json(bounded));
      now = new Date('2026-11-25T11:00:00Z');
      const { request } = await store.decideRoleRequest(
        bounded.id,
        'approved',
        'user:pp/admin',
        'ok',
      );
      expect(ppRoleRequestSchema.parse(json(request)).expires_at).not.toBe(
        null,
      );
      ppRoleRequestPageSchema.parse(
        json(await store.listRoleRequests({ status: 'approved' })),
      );
      ppRoleRequestPageSchema.parse(
        json(await store.listRoleRequests({ status: 'pending' })),
      );

      ppApiTokenCreatedSchema.parse(
        json(await store.createApiToken(agent.id, 'ci', null, 'user:pp/admin')),
      );
      ppApiTokenCreatedSchema.parse(
        json(
          await store.createApiToken(
            agent.id,
            'short',
            new Date('2026-12-25T00:00:00Z'),
            'user:pp/admin',
          ),
        ),
      );
      ppApiTokenListSchema.parse(
        json({ items: await store.listApiTokens(agent.id) }),
      );

      const audit = new DatabaseAuditStore(knex, {
        secret: 'test-audit-secret-0123456789abcdefghijklmnop',
        checkpointEvery: 2,
      });
      for (let i = 0; i < 3; i++) {
        await audit.append({
          principal: 'user:pp/admin',
          action: 'pp.users.create',
          outcome: i ? 'success' : 'denied',
          details: i ? { i } : undefined,
        } as any);
      }
      ppAuditRecordListSchema.parse(json({ items: await audit.list({}) }));
      ppAuditVerificationSchema.parse(json(await audit.verify()));
      await knex('pp_audit_logs').where({ id: 2 }).update({ action: 'x' });
      const broken = ppAuditVerificationSchema.parse(
        json(await audit.verify()),
      );
      expect(broken.ok).toBe(false);
      await audit.close?.();
    });
  },
);

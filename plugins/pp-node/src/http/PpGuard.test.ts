import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ppAuditReadPermission,
  ppHealthReadPermission,
  ppTicketsCreatePermission,
  ppUsersCreatePermission,
} from '@internal/plugin-pp-common';
import { ppTestDatabases } from '../testUtils';
import {
  createPpIdentityService,
  ppUserEntityRef,
} from '../identity/PpIdentityService';
import { createPpGuard } from './PpGuard';
import { ppPluginPrincipalId } from '../identity/DatabaseIdentityStore';
import { PP_ADMIN_TOKEN_SUBJECT } from './tokenAuth';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

/*
 * authorizeCredentials: the guard's decision for callers known only by their Backstage
 * credentials (actions invoked through the actions registry / MCP).
 */
describe('PpGuard.authorizeCredentials', () => {
  async function setUp() {
    const identity = await createPpIdentityService({
      database: await databases.init('SQLITE_3'),
      logger: mockServices.logger.mock(),
      config: mockServices.rootConfig({ data: {} }),
    });
    const guard = createPpGuard({
      httpAuth: mockServices.httpAuth.mock(),
      identity,
    });
    const create = (kind: 'user' | 'agent', roles: any[], status = 'active') =>
      identity.users.createUser(
        {
          email: kind === 'user' ? `${roles[0]}@waooaw.com` : undefined,
          name: `${kind} ${roles.join('+')}`,
          kind,
          roles,
          entityRef:
            kind === 'agent' ? 'component:default/helpdesk-agent' : null,
          status,
        } as any,
        'test',
      );
    return { identity, guard, create };
  }

  it('decides for a person by the PP rule of their roles, and audits a denial', async () => {
    const { identity, guard, create } = await setUp();
    const ines = await create('user', ['infrastructure_engineer']);
    const credentials = mockCredentials.user(ppUserEntityRef(ines.id));
    const ctx = await guard.authorizeCredentials(
      credentials,
      ppHealthReadPermission,
      'pp-health-overview',
    );
    expect(ctx.principal.id).toBe(ines.id);

    await expect(
      guard.authorizeCredentials(
        credentials,
        ppUsersCreatePermission,
        'pp-users-create',
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      // a sentence with role titles for people; the permission's name in its own field for agents
      message:
        'To add people you need the role Admin; user infrastructure_engineer has Infrastructure Engineer.',
      permission: 'pp.users.create',
      allowed_roles: ['admin'],
      roles: ['infrastructure_engineer'],
    });
    const audit = await identity.audit.list({ limit: 5 });
    expect(audit[0]).toMatchObject({
      action: 'pp-users-create',
      outcome: 'denied',
      resource: 'pp.users.create',
    });
    await identity.close();
  });

  it('decides for PP token principals by their roles, and refuses others', async () => {
    const { guard, create, identity } = await setUp();
    const agent = await create('agent', ['helpdesk_agent']);
    const asAgent = mockCredentials.service(`pp-principal:${agent.id}`);
    await expect(
      guard.authorizeCredentials(asAgent, ppTicketsCreatePermission, 'a'),
    ).resolves.toMatchObject({ principal: { id: agent.id } });
    await expect(
      guard.authorizeCredentials(asAgent, ppHealthReadPermission, 'a'),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });

    const admin = mockCredentials.service(PP_ADMIN_TOKEN_SUBJECT);
    await expect(
      guard.authorizeCredentials(admin, ppHealthReadPermission, 'a'),
    ).resolves.toMatchObject({ principal: { kind: 'bootstrap' } });

    // A Backstage plugin's own service credentials are not a PP principal.
    await expect(
      guard.authorizeCredentials(
        mockCredentials.service('plugin:catalog'),
        ppHealthReadPermission,
        'a',
      ),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });

    const off = await create('agent', ['helpdesk_agent'], 'inactive');
    await expect(
      guard.authorizeCredentials(
        mockCredentials.service(`pp-principal:${off.id}`),
        ppTicketsCreatePermission,
        'a',
      ),
    ).rejects.toThrow(/inactive/);
    await identity.close();
  });

  it('holds a person with an API token to the same rule as a signed-in person', async () => {
    // A viewer person's API token is a service principal to Backstage, which allows service
    // principals everything; the guard must still refuse user management and the audit log.
    const { guard, create, identity } = await setUp();
    const vik = await create('user', ['viewer']);
    const asToken = mockCredentials.service(`pp-principal:${vik.id}`);
    for (const permission of [ppUsersCreatePermission, ppAuditReadPermission]) {
      await expect(
        guard.authorizeCredentials(asToken, permission, 'a'),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    }
    await expect(
      guard.authorizeCredentials(asToken, ppHealthReadPermission, 'a'),
    ).resolves.toMatchObject({ principal: { id: vik.id } });
    await identity.close();
  });
});

/*
 * A PP backend plugin calling another PP plugin over HTTP with its own Backstage service token
 * (plugin-to-plugin, e.g. subscriptions opening helpdesk incidents): it acts as its registered
 * plugin principal, held to the PP rule of that principal's current roles and status.
 */
describe('PpGuard and plugin principals', () => {
  it.each(databases.eachSupportedId())(
    'authorizes a registered plugin by its roles and status, refuses others (%p)',
    async databaseId => {
      const identity = await createPpIdentityService({
        database: await databases.init(databaseId),
        logger: mockServices.logger.mock(),
        config: mockServices.rootConfig({ data: {} }),
      });
      let subject = 'plugin:pp-subscriptions';
      const httpAuth = mockServices.httpAuth.mock({
        credentials: jest.fn(async () =>
          mockCredentials.service(subject),
        ) as any,
      });
      const guard = createPpGuard({ httpAuth, identity });
      const headers: Record<string, string> = {
        authorization: 'Bearer backstage-plugin-token',
      };
      const req = () =>
        ({
          headers,
          header: (name: string) => headers[name.toLowerCase()],
          method: 'POST',
          originalUrl: '/api/pp-helpdesk/tickets',
        } as any);

      await expect(
        guard.authorize(req(), ppTicketsCreatePermission),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'The backend plugin pp-subscriptions is not a Platform Portal principal',
      });

      const registered = await identity.users.ensurePluginPrincipal({
        pluginId: 'pp-subscriptions',
        name: 'Subscriptions plugin',
        roles: ['helpdesk_agent'],
      });
      expect(registered).toMatchObject({
        id: ppPluginPrincipalId('pp-subscriptions'),
        kind: 'service',
        status: 'active',
      });
      const ctx = await guard.authorize(req(), ppTicketsCreatePermission);
      expect(ctx.principal).toMatchObject({
        id: 'plugin:pp-subscriptions',
        name: 'Subscriptions plugin',
        roles: ['helpdesk_agent'],
      });
      // its roles are the limit: no user management, no audit log
      await expect(
        guard.authorize(req(), ppUsersCreatePermission),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });

      // registering again leaves an admin's changes alone; deactivation is in force at once
      await identity.users.updateUser(registered.id, { status: 'inactive' });
      await identity.accessChanged(registered.id);
      await identity.users.ensurePluginPrincipal({
        pluginId: 'pp-subscriptions',
        name: 'Subscriptions plugin',
        roles: ['helpdesk_agent'],
      });
      await expect(
        guard.authorize(req(), ppTicketsCreatePermission),
      ).rejects.toThrow(/inactive/);
      // the same principal through the credentials path (actions)
      await expect(
        guard.authorizeCredentials(
          mockCredentials.service('plugin:pp-subscriptions'),
          ppTicketsCreatePermission,
          'a',
        ),
      ).rejects.toThrow(/inactive/);

      // another plugin is not this one
      subject = 'plugin:catalog';
      await expect(
        guard.authorize(req(), ppTicketsCreatePermission),
      ).rejects.toThrow(/catalog is not a Platform Portal principal/);
      await identity.close();
    },
  );
});

/*
 * The contract's `plugin` role: a route only another PP plugin may call with its own service
 * credentials (e.g. customers' contact addresses for SLA breach emails). A service principal's
 * API token, bound to a catalog entity, is not a plugin; nor is a person.
 */
describe('PpGuard.authorizePluginPrincipal', () => {
  it.each(databases.eachSupportedId())(
    'lets registered plugins through and refuses API tokens and people (%p)',
    async databaseId => {
      const identity = await createPpIdentityService({
        database: await databases.init(databaseId),
        logger: mockServices.logger.mock(),
        config: mockServices.rootConfig({ data: {} }),
      });
      await identity.users.ensurePluginPrincipal({
        pluginId: 'pp-sla',
        name: 'SLA plugin',
        roles: ['viewer'],
      });
      const service = await identity.users.createUser(
        {
          name: 'billing reporter',
          kind: 'service',
          roles: [],
          entityRef: 'component:default/billing',
          status: 'active',
        } as any,
        'test',
      );
      const apiToken = (
        await identity.users.createApiToken(service.id, 't', null, 'test')
      ).token;
      let credentials = mockCredentials.service('plugin:pp-sla');
      const httpAuth = mockServices.httpAuth.mock({
        credentials: jest.fn(async () => credentials) as any,
      });
      const guard = createPpGuard({ httpAuth, identity });
      const headers: Record<string, string> = {};
      const req = () =>
        ({
          headers,
          header: (name: string) => headers[name.toLowerCase()],
          method: 'GET',
          originalUrl: '/api/pp-subscriptions/x',
        } as any);

      headers.authorization = 'Bearer backstage-plugin-token';
      const ctx = await guard.authorizePluginPrincipal(req());
      expect(ctx).toMatchObject({
        pluginId: 'pp-sla',
        principal: { id: 'plugin:pp-sla' },
      });

      // a service principal's API token (bound to a catalog entity): not a plugin
      headers.authorization = `Bearer ${apiToken}`;
      credentials = mockCredentials.service('pp-token');
      await expect(guard.authorizePluginPrincipal(req())).rejects.toMatchObject(
        {
          name: 'NotAllowedError',
          message: 'Only another Platform Portal plugin may call this endpoint',
        },
      );
      await identity.close();
    },
  );
});

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

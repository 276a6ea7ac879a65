import { mockServices } from '@backstage/backend-test-utils';
import {
  PpNotificationMessage,
  PpNotifier,
  createPpIdentityService,
} from '@internal/plugin-pp-node';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { revokeExpiredGrants } from './expiry';

jest.setTimeout(60_000);
const databases = ppTestDatabases();
const HOUR = 3600_000;

describe.each(databases.eachSupportedId())(
  'the access expiry job (%s)',
  databaseId => {
    it('revokes an ended grant: sessions end, the change is logged and audited, the person is told', async () => {
      let now = new Date('2026-12-02T10:00:00Z');
      const identity = await createPpIdentityService({
        database: await databases.init(databaseId),
        logger: mockServices.logger.mock(),
        config: mockServices.rootConfig({ data: {} }),
        clock: () => now,
      });
      const sent: PpNotificationMessage[] = [];
      const notifier: Pick<PpNotifier, 'notify'> = {
        async notify(message) {
          sent.push(message);
          return [];
        },
      };
      try {
        const { users } = identity;
        const person = await users.createUser(
          {
            email: 'elevated@waooaw.com',
            name: 'Elevated',
            kind: 'user',
            roles: ['viewer'],
            entityRef: null,
            status: 'active',
          },
          'test',
        );
        await users.assignRole(
          person.id,
          'infrastructure_engineer',
          'x',
          null,
          {
            expiresAt: new Date(now.getTime() + 3 * HOUR),
          },
        );
        await identity.sessions.start(person.id, 'session-1');
        const run = () =>
          revokeExpiredGrants({
            identity,
            notifier,
            logger: mockServices.logger.mock(),
          });

        now = new Date(now.getTime() + 2 * HOUR);
        expect(await run()).toEqual([]);
        expect(
          await identity.sessions.get(person.id, 'session-1'),
        ).toBeDefined();
        expect(sent).toEqual([]);

        now = new Date(now.getTime() + HOUR);
        const revoked = await run();
        expect(revoked.map(g => g.role)).toEqual(['infrastructure_engineer']);
        expect((await users.requireUser(person.id)).roles).toEqual(['viewer']);
        expect(
          await identity.sessions.get(person.id, 'session-1'),
        ).toBeUndefined();
        expect((await identity.getPrincipal(person.id))?.roles).toEqual([
          'viewer',
        ]);
        const [change] = (await users.listRoleChanges({ userId: person.id }))
          .items;
        expect(change).toMatchObject({
          action: 'revoke',
          role: 'infrastructure_engineer',
          changed_by: 'pp-access-expiry',
        });
        const audit = await identity.audit.list({ limit: 20 });
        expect(audit).toContainEqual(
          expect.objectContaining({
            principal: 'pp-access-expiry',
            action: 'pp.users.roles.expire',
            resource: `user:${person.id}`,
            outcome: 'success',
          }),
        );
        expect(sent).toEqual([
          expect.objectContaining({
            topic: 'users.role.expired',
            to: { userIds: [person.id] },
            title: 'Your Infrastructure Engineer access has ended',
          }),
        ]);
        // Nothing left to do on the next run.
        expect(await run()).toEqual([]);
        expect(sent).toHaveLength(1);
      } finally {
        await identity.close();
      }
    });
  },
);

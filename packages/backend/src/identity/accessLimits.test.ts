import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';

jest.setTimeout(180_000);

const DAY = 24 * 3600 * 1000;

/**
 * Issue 10, users and identity: the last-admin rule under concurrency, API token lifetimes,
 * time-bound access and the dev sign-in's limits, through /pp/v1 on the real backend.
 */
describe.each(ppTestEngines())(
  'access limits through /pp/v1 (%s)',
  database => {
    let pp: PpTestBackend;
    let admin: string;

    beforeAll(async () => {
      pp = await startPpTestBackend({
        database,
        config: { pp: { auth: { bootstrapAdmins: ['chief@waooaw.com'] } } },
      });
      admin = pp.admin; // PP_ADMIN_TOKEN: not an admin principal itself
    });
    afterAll(async () => {
      await pp?.stop();
    });

    const post = (path: string, body: object, auth = admin) =>
      pp.http().post(path).set('Authorization', auth).send(body);
    const createUser = async (body: object) => {
      const res = await post('/pp/v1/users', body);
      expect(res.status).toBe(201);
      return res.body;
    };
    const activeAdmins = async () =>
      (
        await pp
          .http()
          .get('/pp/v1/users?role=admin&status=active&limit=200')
          .set('Authorization', admin)
      ).body;

    describe('the last admin', () => {
      it('8+ concurrent revokes and deactivations of every admin leave exactly one', async () => {
        for (let i = 0; i < 8; i++) {
          const kind = (['user', 'agent', 'service'] as const)[i % 3];
          await createUser({
            kind,
            name: `Admin ${i}`,
            roles: ['admin'],
            ...(kind === 'user' && { email: `race${i}@waooaw.com` }),
            ...(kind === 'service' && {
              entity_ref: 'component:default/payment-service',
            }),
          });
        }
        // People start pending; every admin must be active for the race.
        const all = await pp
          .http()
          .get('/pp/v1/users?role=admin&limit=200')
          .set('Authorization', admin);
        for (const u of all.body.items) {
          if (u.status !== 'active') {
            await pp
              .http()
              .put(`/pp/v1/users/${u.id}`)
              .set('Authorization', admin)
              .send({ status: 'active' })
              .expect(200);
          }
        }
        const before = await activeAdmins();
        expect(before.total_count).toBeGreaterThanOrEqual(8);
        const answers = await Promise.all(
          before.items.map((u: { id: string }, i: number) =>
            i % 2
              ? post(`/pp/v1/users/${u.id}/revoke-role`, { role: 'admin' })
              : pp
                  .http()
                  .put(`/pp/v1/users/${u.id}`)
                  .set('Authorization', admin)
                  .send({ status: 'inactive' }),
          ),
        );
        const statuses = answers.map(a => a.status);
        expect(statuses.filter(s => s === 200)).toHaveLength(
          before.total_count - 1,
        );
        const refused = answers.filter(a => a.status === 409);
        expect(refused).toHaveLength(1);
        expect(refused[0].body.error).toMatchObject({
          name: 'ConflictError',
          message: expect.stringMatching(/last active admin/),
        });
        expect((await activeAdmins()).total_count).toBe(1);
      });

      it('lets an agent admin be deactivated while a person admin remains', async () => {
        const agent = await createUser({
          kind: 'agent',
          name: 'Ops bot',
          roles: ['admin'],
        });
        expect((await activeAdmins()).total_count).toBe(2);
        await pp
          .http()
          .put(`/pp/v1/users/${agent.id}`)
          .set('Authorization', admin)
          .send({ status: 'inactive' })
          .expect(200);
        const [last] = (await activeAdmins()).items;
        const refused = await post(`/pp/v1/users/${last.id}/revoke-role`, {
          role: 'admin',
        });
        expect(refused.status).toBe(409);
      });
    });

    describe('API tokens', () => {
      it('expire after 90 days by default, at most 365, and list their last use', async () => {
        const agent = await createUser({
          kind: 'agent',
          name: 'Token bot',
          roles: ['viewer'],
        });
        const path = `/pp/v1/users/${agent.id}/api-tokens`;
        const plain = await post(path, { name: 'default' });
        expect(plain.status).toBe(201);
        const lifetime = Date.parse(plain.body.expires_at) - Date.now();
        expect(lifetime).toBeGreaterThan(90 * DAY - 60_000);
        expect(lifetime).toBeLessThanOrEqual(90 * DAY);

        const tooLong = await post(path, {
          name: 'long',
          expires_in_days: 366,
        });
        expect(tooLong.status).toBe(400);
        expect(tooLong.body.error).toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(/at most 365/),
        });
        expect(
          (await post(path, { name: 'year', expires_in_days: 365 })).status,
        ).toBe(201);

        await pp
          .http()
          .get('/pp/v1/roles')
          .set('Authorization', `Bearer ${plain.body.token}`)
          .expect(200);
        let listed: any;
        for (let i = 0; i < 50; i++) {
          listed = (
            await pp.http().get(path).set('Authorization', admin)
          ).body.items.find((t: { id: string }) => t.id === plain.body.id);
          if (listed.last_used_at) break;
          await new Promise(r => setTimeout(r, 100));
        }
        expect(listed).toMatchObject({
          expires_at: plain.body.expires_at,
          last_used_at: expect.any(String),
        });
      });
    });

    describe('time-bound access', () => {
      it('validates expires_at and duration_hours on assign-role (400), never for admin', async () => {
        const person = await createUser({
          email: 'tb.check@waooaw.com',
          name: 'Tb Check',
          roles: ['viewer'],
        });
        const assign = (body: object) =>
          post(`/pp/v1/users/${person.id}/assign-role`, body);
        const cases: Array<[object, RegExp]> = [
          [{ role: 'admin', duration_hours: 2 }, /admin is permanent/],
          [
            {
              role: 'admin',
              expires_at: new Date(Date.now() + DAY).toISOString(),
            },
            /admin is permanent/,
          ],
          [{ role: 'helpdesk_agent', expires_at: 'tomorrow' }, /ISO 8601/],
          [
            {
              role: 'helpdesk_agent',
              expires_at: new Date(Date.now() - 60_000).toISOString(),
            },
            /in the future/,
          ],
          [
            {
              role: 'helpdesk_agent',
              expires_at: new Date(Date.now() + DAY).toISOString(),
              duration_hours: 3,
            },
            /not both/,
          ],
          [{ role: 'helpdesk_agent', duration_hours: 0 }, /at least 1 hour/],
          [{ role: 'helpdesk_agent', duration_hours: 1.5 }, /whole number/],
          [{ role: 'helpdesk_agent', duration_hours: 2161 }, /at most 2160/],
        ];
        for (const [body, message] of cases) {
          const res = await assign(body);
          expect({ body, status: res.status }).toEqual({ body, status: 400 });
          expect(res.body.error.name).toBe('InputError');
          expect(res.body.error.message).toMatch(message);
        }
        // revoke-role takes no expiry
        expect(
          (
            await post(`/pp/v1/users/${person.id}/revoke-role`, {
              role: 'viewer',
              duration_hours: 2,
            })
          ).status,
        ).toBe(400);

        const granted = await assign({
          role: 'helpdesk_agent',
          duration_hours: 3,
        });
        expect(granted.status).toBe(200);
        expect(granted.body.roles).toEqual(['helpdesk_agent', 'viewer']);
        const end = Date.parse(granted.body.role_expires_at.helpdesk_agent);
        expect(end - Date.now()).toBeGreaterThan(3 * 3600_000 - 60_000);
        expect(end - Date.now()).toBeLessThanOrEqual(3 * 3600_000);
      });

      it('approves "elevation for N hours" as a grant that ends N hours after approval', async () => {
        const viewer = await pp.bearer('vik.viewer@waooaw.com');
        const bad = await post(
          '/pp/v1/users/role-request',
          {
            requested_role: 'admin',
            reason: 'break glass for the outage',
            duration_hours: 2,
          },
          viewer,
        );
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/admin is permanent/);
        const asked = await post(
          '/pp/v1/users/role-request',
          {
            requested_role: 'infrastructure_engineer',
            reason: 'look at the queues for incident 42',
            duration_hours: 4,
          },
          viewer,
        );
        expect(asked.status).toBe(201);
        expect(asked.body.duration_hours).toBe(4);
        const approved = await post(
          `/pp/v1/users/role-requests/${asked.body.id}/approve`,
          {},
        );
        expect(approved.status).toBe(200);
        const end = Date.parse(approved.body.expires_at);
        expect(end - Date.parse(approved.body.decided_at)).toBe(4 * 3600_000);
        const user = await pp
          .http()
          .get(`/pp/v1/users/${asked.body.user_id}`)
          .set('Authorization', admin);
        expect(user.body.role_expires_at).toEqual({
          infrastructure_engineer: approved.body.expires_at,
        });
      });
    });

    describe('the dev sign-in', () => {
      it('admits the seeded demo people only, never an added person or admin', async () => {
        const demo = await pp.signIn('hari.helpdesk@waooaw.com', {
          provider: 'pp-dev',
        });
        expect(demo.status).toBe(200);
        // the person's name, not the email a second time (Settings shows both)
        expect(demo.body.profile).toEqual(
          expect.objectContaining({
            email: 'hari.helpdesk@waooaw.com',
            displayName: expect.stringMatching(/^Hari/),
          }),
        );
        // An added admin, active and allowed by every other rule, and the bootstrap admin.
        const added = await createUser({
          email: 'added.admin@waooaw.com',
          name: 'Added Admin',
          roles: ['admin'],
        });
        await pp
          .http()
          .put(`/pp/v1/users/${added.id}`)
          .set('Authorization', admin)
          .send({ status: 'active' })
          .expect(200);
        for (const email of ['added.admin@waooaw.com', 'chief@waooaw.com']) {
          const refused = await pp.signIn(email, { provider: 'pp-dev' });
          expect(refused.status).toBe(403);
          expect(JSON.stringify(refused.body)).toMatch(
            /only for the seeded demo people|only for them/,
          );
        }
        // The same person through the regular sign-in rules is fine.
        expect((await pp.signIn('added.admin@waooaw.com')).status).toBe(200);
        const list = await pp.http().get('/api/pp-users/dev/demo-users');
        expect(list.status).toBe(200);
        expect(
          list.body.items.map((u: { email: string }) => u.email),
        ).not.toContain('chief@waooaw.com');
      });
    });
  },
);

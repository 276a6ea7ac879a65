import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';

jest.setTimeout(120_000);

describe.each(ppTestEngines())(
  'identity and access through /pp/v1 (%s)',
  database => {
    let pp: PpTestBackend;
    let admin: string;

    beforeAll(async () => {
      pp = await startPpTestBackend({
        database,
        config: { pp: { auth: { bootstrapAdmins: ['Boss@WAOOAW.com'] } } },
      });
      admin = await pp.bearer('founder@waooaw.com');
    });
    afterAll(async () => {
      await pp?.stop();
    });

    const createUser = async (body: object) => {
      const res = await pp
        .http()
        .post('/pp/v1/users')
        .set('Authorization', admin)
        .send(body);
      expect(res.status).toBe(201);
      return res.body;
    };

    describe('sign-in rules', () => {
      it('refuses other domains, unknown and inactive people, with the reason', async () => {
        // A refused sign-in is a 403 carrying the reason the sign-in page shows.
        const other = await pp.signIn('someone@gmail.com');
        expect(other.status).toBe(403);
        expect(JSON.stringify(other.body)).toContain(
          'Only @waooaw.com accounts may sign in',
        );

        const unknown = await pp.signIn('stranger@waooaw.com');
        expect(JSON.stringify(unknown.body)).toContain(
          'is not a Platform Portal user',
        );

        const user = await createUser({
          email: 'gone@waooaw.com',
          name: 'Gone',
          roles: ['viewer'],
        });
        await pp
          .http()
          .put(`/pp/v1/users/${user.id}`)
          .set('Authorization', admin)
          .send({ status: 'inactive' })
          .expect(200);
        const inactive = await pp.signIn('gone@waooaw.com');
        expect(inactive.status).toBe(403);
        expect(JSON.stringify(inactive.body)).toContain('account is inactive');
      });

      it('ensures the bootstrap admins exist as active admins', async () => {
        const bearer = await pp.bearer('boss@waooaw.com');
        const me = await pp
          .http()
          .get('/pp/v1/users/me')
          .set('Authorization', bearer);
        expect(me.body.user).toMatchObject({
          status: 'active',
          roles: ['admin'],
        });
        await pp
          .http()
          .get('/pp/v1/users')
          .set('Authorization', bearer)
          .expect(200);
      });

      it('makes a pending person active at first sign-in', async () => {
        const user = await createUser({
          email: 'new.hire@waooaw.com',
          name: 'New Hire',
          roles: ['viewer'],
        });
        expect(user.status).toBe('pending');
        const bearer = await pp.bearer('new.hire@waooaw.com');
        const me = await pp
          .http()
          .get('/pp/v1/users/me')
          .set('Authorization', bearer);
        expect(me.status).toBe(200);
        expect(me.body.user).toMatchObject({
          status: 'active',
          roles: ['viewer'],
        });
        expect(me.body.permissions).toContain('pp.health.read');
        expect(me.body.permissions).not.toContain('pp.users.read');
      });
    });

    describe('sessions', () => {
      it('keeps at most five: a sixth sign-in ends the oldest at once', async () => {
        await createUser({
          email: 'multi@waooaw.com',
          name: 'Multi',
          roles: ['viewer'],
        });
        const tokens: string[] = [];
        for (let i = 0; i < 6; i++)
          tokens.push(await pp.bearer('multi@waooaw.com'));
        const first = await pp
          .http()
          .get('/pp/v1/users/me')
          .set('Authorization', tokens[0]);
        expect(first.status).toBe(401);
        expect(first.body.error.message).toContain('session has ended');
        for (const t of tokens.slice(1)) {
          await pp
            .http()
            .get('/pp/v1/users/me')
            .set('Authorization', t)
            .expect(200);
        }
      });

      it('logout ends that session only; refresh extends it', async () => {
        await createUser({
          email: 'leaver@waooaw.com',
          name: 'Leaver',
          roles: ['viewer'],
        });
        const a = await pp.bearer('leaver@waooaw.com');
        const b = await pp.bearer('leaver@waooaw.com');
        const refreshed = await pp
          .http()
          .post('/pp/v1/auth/refresh')
          .set('Authorization', a);
        expect(refreshed.status).toBe(200);
        expect(new Date(refreshed.body.expires_at).getTime()).toBeGreaterThan(
          Date.now() + 14 * 24 * 3600e3,
        );
        await pp
          .http()
          .post('/pp/v1/auth/logout')
          .set('Authorization', a)
          .expect(204);
        await pp
          .http()
          .get('/pp/v1/users/me')
          .set('Authorization', a)
          .expect(401);
        await pp
          .http()
          .get('/pp/v1/users/me')
          .set('Authorization', b)
          .expect(200);
      });

      it('a role change ends every session of that user, and their refresh is refused', async () => {
        const user = await createUser({
          email: 'changing@waooaw.com',
          name: 'Changing',
          roles: ['viewer'],
        });
        const first = await pp.signIn('changing@waooaw.com');
        const bearer = `Bearer ${first.token}`;
        await pp
          .http()
          .get('/pp/v1/users/me')
          .set('Authorization', bearer)
          .expect(200);
        await pp
          .http()
          .post(`/pp/v1/users/${user.id}/assign-role`)
          .set('Authorization', admin)
          .send({ role: 'helpdesk_agent' })
          .expect(200);
        await pp
          .http()
          .get('/pp/v1/users/me')
          .set('Authorization', bearer)
          .expect(401);
        const refresh = await pp.signIn('changing@waooaw.com', {
          sessionId: first.sessionId,
          fresh: false,
        });
        expect(refresh.status).toBe(403);
        expect(JSON.stringify(refresh.body)).toContain('session has ended');
        const again = await pp.bearer('changing@waooaw.com');
        const me = await pp
          .http()
          .get('/pp/v1/users/me')
          .set('Authorization', again);
        expect(me.body.user.roles).toEqual(['helpdesk_agent', 'viewer']);
      });
    });

    describe('roles', () => {
      it('keeps admin exclusive and explains conflicts', async () => {
        const user = await createUser({
          email: 'ex@waooaw.com',
          name: 'Ex',
          roles: ['viewer'],
        });
        const res = await pp
          .http()
          .post(`/pp/v1/users/${user.id}/assign-role`)
          .set('Authorization', admin)
          .send({ role: 'admin' });
        expect(res.status).toBe(409);
        expect(res.body.error.message).toContain('exclusive');
        const bad = await pp
          .http()
          .post('/pp/v1/users')
          .set('Authorization', admin)
          .send({
            email: 'b@waooaw.com',
            name: 'B',
            roles: ['admin', 'viewer'],
          });
        expect(bad.status).toBe(400);
      });

      it('answers an unchanged people list with 304; a new person, a role change or a role running out changes it', async () => {
        const list = (etag?: string) => {
          const req = pp
            .http()
            .get('/pp/v1/users?limit=5&search=etag')
            .set('Authorization', admin);
          return etag ? req.set('If-None-Match', etag) : req;
        };
        const first = await list();
        expect(first.status).toBe(200);
        expect(first.headers['cache-control']).toBe('private, max-age=30');
        expect((await list(first.headers.etag)).status).toBe(304);

        const person = await createUser({
          email: 'etag.person@waooaw.com',
          name: 'Etag Person',
          roles: ['viewer'],
        });
        const added = await list(first.headers.etag);
        expect(added.status).toBe(200);
        expect(added.body.items.map((u: any) => u.name)).toEqual([
          'Etag Person',
        ]);

        // a role for three seconds: granted (a write), then running out (no write)
        const granted = await pp
          .http()
          .post(`/pp/v1/users/${person.id}/assign-role`)
          .set('Authorization', admin)
          .send({
            role: 'helpdesk_agent',
            reason: 'covering the queue this afternoon',
            expires_at: new Date(Date.now() + 3_000).toISOString(),
          });
        expect(granted.status).toBe(200);
        const withRole = await list(added.headers.etag);
        expect(withRole.status).toBe(200);
        expect(withRole.body.items[0].roles).toEqual([
          'helpdesk_agent',
          'viewer',
        ]);
        expect((await list(withRole.headers.etag)).status).toBe(304);
        await new Promise(r => setTimeout(r, 3_500));
        const expired = await list(withRole.headers.etag);
        expect(expired.status).toBe(200);
        expect(expired.body.items[0].roles).toEqual(['viewer']);
      });

      it('refuses a bulk assignment of more than 50 and applies nothing', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 3; i++)
          ids.push(
            (
              await createUser({
                email: `bulk${i}@waooaw.com`,
                name: `Bulk ${i}`,
              })
            ).id,
          );
        const tooMany = [
          ...ids,
          ...Array.from({ length: 48 }, (_, i) => `missing-${i}`),
        ];
        const res = await pp
          .http()
          .post('/pp/v1/users/bulk-assign-role')
          .set('Authorization', admin)
          .send({ user_ids: tooMany, role: 'viewer' });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain('at most 50');
        for (const id of ids) {
          const u = await pp
            .http()
            .get(`/pp/v1/users/${id}`)
            .set('Authorization', admin);
          expect(u.body.roles).toEqual([]);
        }
        const ok = await pp
          .http()
          .post('/pp/v1/users/bulk-assign-role')
          .set('Authorization', admin)
          .send({ user_ids: ids, role: 'viewer' });
        expect(ok.status).toBe(200);
        expect(ok.body.items.map((u: any) => u.roles)).toEqual([
          ['viewer'],
          ['viewer'],
          ['viewer'],
        ]);
      });

      it('answers check-permission and lists the roles', async () => {
        const viewer = await pp.bearer('vik.viewer@waooaw.com');
        const roles = await pp
          .http()
          .get('/pp/v1/roles')
          .set('Authorization', viewer);
        expect(
          roles.body.items.map((r: any) => [r.key, r.level]),
        ).toContainEqual(['helpdesk_agent', 3]);
        const check = (role: string, permission: string) =>
          pp
            .http()
            .post(`/pp/v1/roles/${role}/check-permission`)
            .set('Authorization', viewer)
            .send({ permission });
        expect((await check('viewer', 'tickets:read')).body.allowed).toBe(true);
        expect((await check('viewer', 'tickets:create')).body.allowed).toBe(
          false,
        );
        expect(
          (await check('helpdesk_agent', 'pp.tickets.update')).body.allowed,
        ).toBe(true);
        expect((await check('nobody', 'tickets:read')).status).toBe(404);
        expect((await check('viewer', 'drop tables')).status).toBe(400);
      });

      it('turns a role request into a role when an admin approves it', async () => {
        const viewer = await pp.bearer('vik.viewer@waooaw.com');
        const created = await pp
          .http()
          .post('/pp/v1/users/role-request')
          .set('Authorization', viewer)
          .send({
            requested_role: 'helpdesk_agent',
            reason: 'covering the helpdesk queue this week',
          });
        expect(created.status).toBe(201);
        const pending = await pp
          .http()
          .get('/api/pp-users/users/role-requests')
          .set('Authorization', admin);
        expect(pending.body.items.map((r: any) => r.id)).toContain(
          created.body.id,
        );
        await pp
          .http()
          .post(`/api/pp-users/users/role-requests/${created.body.id}/approve`)
          .set('Authorization', admin)
          .send({ note: 'ok' })
          .expect(200);
        // the approval changed roles, so the viewer's session ended
        await pp
          .http()
          .get('/pp/v1/users/me')
          .set('Authorization', viewer)
          .expect(401);
      });
    });

    describe('the order of checks', () => {
      it('answers 401 without a token, then 403 before looking at the body, then 400', async () => {
        await pp.http().post('/pp/v1/users').send({}).expect(401);
        const helpdesk = await pp.bearer('hari.helpdesk@waooaw.com');
        const denied = await pp
          .http()
          .post('/pp/v1/users')
          .set('Authorization', helpdesk)
          .send({ nonsense: true });
        expect(denied.status).toBe(403);
        expect(denied.body.error.name).toBe('NotAllowedError');
        const invalid = await pp
          .http()
          .post('/pp/v1/users')
          .set('Authorization', admin)
          .send({ name: '' });
        expect(invalid.status).toBe(400);
        expect(invalid.body.error.message).toMatch(/name: must not be empty/);
        await pp
          .http()
          .get('/pp/v1/users/not-a-user')
          .set('Authorization', admin)
          .expect(404);
      });
    });

    describe('agent principals and API tokens', () => {
      it('acts with the principal roles until the token is revoked', async () => {
        const agent = await createUser({
          kind: 'agent',
          name: 'Genesis bot',
          roles: ['agent_orchestrator'],
          entity_ref: 'component:default/genesis-validator',
        });
        const minted = await pp
          .http()
          .post(`/pp/v1/users/${agent.id}/api-tokens`)
          .set('Authorization', admin)
          .send({ name: 'ci', expires_in_days: 30 });
        expect(minted.status).toBe(201);
        const bearer = `Bearer ${minted.body.token}`;
        const me = await pp
          .http()
          .get('/pp/v1/users/me')
          .set('Authorization', bearer);
        expect(me.body.user).toMatchObject({
          kind: 'agent',
          roles: ['agent_orchestrator'],
        });
        await pp
          .http()
          .get('/pp/v1/roles')
          .set('Authorization', bearer)
          .expect(200);
        await pp
          .http()
          .get('/pp/v1/users')
          .set('Authorization', bearer)
          .expect(403);
        const listed = await pp
          .http()
          .get(`/pp/v1/users/${agent.id}/api-tokens`)
          .set('Authorization', admin);
        expect(listed.body.items[0]).not.toHaveProperty('token');
        await pp
          .http()
          .delete(
            `/api/pp-users/users/${agent.id}/api-tokens/${minted.body.id}`,
          )
          .set('Authorization', admin)
          .expect(204);
        await pp
          .http()
          .get('/pp/v1/roles')
          .set('Authorization', bearer)
          .expect(401);
      });

      it('treats PP_ADMIN_TOKEN as an admin service principal', async () => {
        const res = await pp
          .http()
          .get('/pp/v1/users?limit=1')
          .set('Authorization', pp.admin);
        expect(res.status).toBe(200);
        await pp
          .http()
          .get('/pp/v1/users')
          .set('Authorization', 'Bearer not-the-admin-token-0123456789abcdef')
          .expect(401);
      });
    });

    describe('audit', () => {
      it('records writes and denials in a chain that verifies', async () => {
        const viewer = await pp.bearer('ira.industry@waooaw.com');
        await pp
          .http()
          .get('/pp/v1/users')
          .set('Authorization', viewer)
          .expect(403);
        const log = await pp
          .http()
          .get('/pp/v1/audit?limit=200')
          .set('Authorization', admin);
        expect(log.status).toBe(200);
        const denial = log.body.items.find(
          (r: any) => r.outcome === 'denied' && r.action === 'pp.users.read',
        );
        expect(denial).toMatchObject({ resource: '/pp/v1/users' });
        expect(
          log.body.items.some(
            (r: any) =>
              r.action === 'pp.users.create' && r.outcome === 'success',
          ),
        ).toBe(true);
        const verify = await pp
          .http()
          .get('/pp/v1/audit/verify')
          .set('Authorization', admin);
        expect(verify.body).toMatchObject({ ok: true, first_broken_id: null });
        expect(verify.body.checked).toBeGreaterThan(10);
      });
    });
  },
);

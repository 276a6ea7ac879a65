import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';

jest.setTimeout(120_000);

describe.each(ppTestEngines())(
  'self-service role requests: /users/me/role-requests (%s)',
  database => {
    let pp: PpTestBackend;
    let viewer: string;
    let helpdesk: string;
    let admin: string;

    beforeAll(async () => {
      pp = await startPpTestBackend({ database });
      viewer = await pp.bearer('vik.viewer@waooaw.com');
      helpdesk = await pp.bearer('hari.helpdesk@waooaw.com');
      admin = await pp.bearer('founder@waooaw.com');
    });
    afterAll(async () => {
      await pp?.stop();
    });

    const request = (bearer: string, body: object) =>
      pp
        .http()
        .post('/pp/v1/users/role-request')
        .set('Authorization', bearer)
        .send(body);
    const mine = (bearer: string, query = '') =>
      pp
        .http()
        .get(`/pp/v1/users/me/role-requests${query}`)
        .set('Authorization', bearer);

    it('lists only my own requests, newest first, with paging and an ETag', async () => {
      const first = await request(viewer, {
        requested_role: 'agent_orchestrator',
        reason: 'I run the agent fleet on weekends',
      });
      expect(first.status).toBe(201);
      // created_at has millisecond resolution; keep the two apart so "newest first" is defined.
      await new Promise(resolve => setTimeout(resolve, 20));
      const second = await request(viewer, {
        requested_role: 'helpdesk_agent',
        reason: 'I cover the helpdesk rota on Fridays',
      });
      expect(second.status).toBe(201);

      const list = await mine(viewer);
      expect(list.status).toBe(200);
      expect(list.body.total_count).toBe(2);
      expect(list.body.items.map((r: any) => r.id)).toEqual([
        second.body.id,
        first.body.id,
      ]);
      expect(list.body.items[1]).toMatchObject({
        requested_role: 'agent_orchestrator',
        status: 'pending',
        decided_by: null,
      });
      expect(list.headers.etag).toBeTruthy();
      await mine(viewer).set('If-None-Match', list.headers.etag).expect(304);

      const paged = await mine(viewer, '?limit=1&offset=1');
      expect(paged.body).toMatchObject({ total_count: 2, limit: 1, offset: 1 });
      expect(paged.body.items.map((r: any) => r.id)).toEqual([first.body.id]);

      // Someone else sees none of them.
      const other = await mine(helpdesk);
      expect(other.status).toBe(200);
      expect(other.body.items).toEqual([]);
      expect(other.body.total_count).toBe(0);

      // The decision shows up in my list.
      await pp
        .http()
        .post(`/pp/v1/users/role-requests/${first.body.id}/deny`)
        .set('Authorization', admin)
        .send({ note: 'Ask your lead first' })
        .expect(200);
      const after = await mine(viewer);
      expect(after.body.items[1]).toMatchObject({
        id: first.body.id,
        status: 'denied',
        decision_note: 'Ask your lead first',
      });
    });

    it('refuses a role I hold and a second pending request for the same role', async () => {
      const held = await request(helpdesk, {
        requested_role: 'helpdesk_agent',
        reason: 'I would like this role please',
      });
      expect(held.status).toBe(409);
      expect(held.body.error.message).toContain('already have');

      const ok = await request(helpdesk, {
        requested_role: 'viewer',
        reason: 'Need read access to the dashboards',
      });
      expect(ok.status).toBe(201);
      const again = await request(helpdesk, {
        requested_role: 'viewer',
        reason: 'Need read access to the dashboards',
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain('already pending');
      expect((await mine(helpdesk)).body.total_count).toBe(1);
    });

    it('rejects bad paging and anonymous callers', async () => {
      expect((await mine(viewer, '?limit=0')).status).toBe(400);
      const anonymous = await pp.http().get('/pp/v1/users/me/role-requests');
      expect(anonymous.status).toBe(401);
      // Also reachable on the plugin's own base.
      await pp
        .http()
        .get('/api/pp-users/users/me/role-requests')
        .set('Authorization', viewer)
        .expect(200);
    });
  },
);

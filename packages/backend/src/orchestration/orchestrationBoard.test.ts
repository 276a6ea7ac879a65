import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';

/*
 * The creations board (`GET /pp/v1/agents/creations`, a portal route not in the contract file)
 * through the whole production composition: the /pp/v1 mount, real sign-in, the PP permission
 * policy and the pp-orchestration plugin, on SQLite and PostgreSQL. It is guarded like the
 * contract's routes.
 */

jest.setTimeout(300_000);

describe.each(ppTestEngines())(
  'orchestration board full stack (%s)',
  database => {
    let pp: PpTestBackend;
    let olu: string; // agent_orchestrator
    let vik: string; // viewer
    let sam: string; // subscription_manager

    beforeAll(async () => {
      pp = await startPpTestBackend({ database });
      olu = await pp.bearer('olu.orchestrator@waooaw.com');
      vik = await pp.bearer('vik.viewer@waooaw.com');
      sam = await pp.bearer('sam.subscriptions@waooaw.com');
    });

    afterAll(async () => {
      await pp?.stop();
    });

    it('401 without a token, 403 for a role that may not read agents, the board for a viewer with names', async () => {
      const created = await pp
        .http()
        .post('/pp/v1/agents/create')
        .set('Authorization', olu)
        .send({
          agent_name: 'Board Tutor',
          industry: 'education',
          specialty: 'jee-mathematics',
        });
      expect(created.status).toBe(201);

      expect((await pp.http().get('/pp/v1/agents/creations')).status).toBe(401);
      const denied = await pp
        .http()
        .get('/pp/v1/agents/creations')
        .set('Authorization', sam);
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');

      const board = await pp
        .http()
        .get('/pp/v1/agents/creations?q=board%20tutor')
        .set('Authorization', vik);
      expect(board.status).toBe(200);
      expect(board.body.items).toEqual([
        expect.objectContaining({
          agent_id: created.body.agent_id,
          // approved by Genesis, its code generation started at once
          status: 'generating',
          requested_by: created.body.created_by,
          requested_by_name: expect.stringMatching(/Olu/),
          current_step: expect.objectContaining({
            step: 'generation',
            overdue: false,
          }),
        }),
      ]);
      expect(board.body.status_counts).toEqual({ generating: 1 });

      const status = await pp
        .http()
        .get(`/pp/v1/agents/${created.body.agent_id}/creation-status`)
        .set('Authorization', vik);
      expect(status.status).toBe(200);
      expect(status.body.people[created.body.created_by]).toMatch(/Olu/);
    });
  },
);

import {
  PP_DELIVERY_MAX_ATTEMPTS,
  ppSignature,
  ppSignedHeaders,
} from '@internal/plugin-pp-node';
import {
  ppTestDatabases,
  startTestGenesisReceiver,
  type PpTestGenesisReceiver,
} from '@internal/plugin-pp-node/testUtils';
import request from 'supertest';
import { CLEAN_TEXTS, retuningTestApp } from './__testUtils__/retuningTestApp';
import { retuningMigrationConfig } from './DatabaseRetuningStore';
import { RetuningGenesisRequests } from './externalGenesis';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const OUTGOING_SECRET = 'pp-to-genesis-secret-0123456789';
const WEBHOOK_SECRET = 'genesis-to-pp-secret-0123456789';
const RETUNE = '/agents/ava-ads/retune';
const HOOK = '/agent-retuning/webhooks/genesis';
const body = {
  knowledge_version: 'v2026-12-04',
  reason: 'Improve accuracy on Q4 2024 ad formats',
};
const BIASED =
  'Women are bad at negotiating budgets, so pitch to their managers instead.';

type App = Awaited<ReturnType<typeof retuningTestApp>>;

describe.each(databases.eachSupportedId())(
  'retunings through the external Genesis (%s)',
  dbId => {
    let app: App;
    let genesis: PpTestGenesisReceiver;
    let requests: RetuningGenesisRequests;

    beforeAll(async () => {
      genesis = await startTestGenesisReceiver();
    });
    afterAll(async () => {
      await genesis?.close();
    });
    beforeEach(async () => {
      genesis.state.status = 202;
      genesis.received.length = 0;
      const knex = await databases.init(dbId);
      app = await retuningTestApp(knex, {
        genesis: {
          url: genesis.url,
          secret: OUTGOING_SECRET,
          webhookSecret: WEBHOOK_SECRET,
        },
      });
      requests = new RetuningGenesisRequests(knex);
    });

    const propose = async (texts = CLEAN_TEXTS, version = 'v2026-12-04') => {
      if (!(await app.knowledge.findVersion(version))) {
        app.knowledge.add(version, texts);
      }
      const res = await app.post(
        RETUNE,
        { ...body, knowledge_version: version },
        'Ina Industry',
      );
      expect(res.status).toBe(201);
      await app.service.genesisDispatcher!.flush();
      return res.body;
    };
    const verdict = (payload: object, headers?: Record<string, string>) => {
      const raw = JSON.stringify(payload);
      return request(app.app)
        .post(HOOK)
        .set('content-type', 'application/json')
        .set(
          headers ??
            ppSignedHeaders(WEBHOOK_SECRET, raw, { now: app.clock.now }),
        )
        .send(raw);
    };
    const read = async (id: string) =>
      (await app.get(`/agent-retuning/${id}`, 'Vik Viewer')).body;

    it('the proposal stays validating, verdict pending; Genesis gets it signed with the built-in findings', async () => {
      const r = await propose();
      expect(r).toMatchObject({
        status: 'validating',
        genesis: {
          verdict: 'pending',
          validator: 'genesis-agent',
          decided_at: null,
          reason: expect.stringMatching(/verdict is pending/),
        },
      });
      expect(r.genesis.checks).toHaveLength(5);
      expect(genesis.received).toHaveLength(1);
      const sent = genesis.received[0];
      const ts = String(sent.headers['x-pp-timestamp']);
      expect(sent.headers['x-pp-signature']).toBe(
        ppSignature(OUTGOING_SECRET, ts, sent.body),
      );
      expect(sent.headers['x-pp-delivery']).toBe(`${r.id}:1`);
      expect(JSON.parse(sent.body)).toMatchObject({
        kind: 'agent_retuning',
        retuning_id: r.id,
        agent_id: 'ava-ads',
        agent_name: 'Ava Ads',
        industry: 'marketing',
        knowledge_version: 'v2026-12-04',
        reason: body.reason,
        strategy: 'blue_green',
        built_in: { verdict: 'approved', checks: expect.any(Array) },
        callback: '/pp/v1/agent-retuning/webhooks/genesis',
      });
      expect(JSON.parse(sent.body).built_in.checks).toHaveLength(5);
      expect(await requests.get(r.id)).toMatchObject({
        status: 'sent',
        attempts: 1,
      });
      // admins cannot act before the verdict; the job leaves it waiting and sends nothing again
      const early = await app.post(
        `/agent-retuning/${r.id}/approve`,
        { reason: 'Looks right' },
        'Ada Admin',
      );
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(
        /not validated this retuning yet/,
      );
      await app.tick(60_000);
      expect((await read(r.id)).status).toBe('validating');
      expect(genesis.received).toHaveLength(1);
    });

    it('approved: awaiting_approval (audited, admins told), then an admin can approve; the same verdict again is idempotent', async () => {
      const r = await propose();
      const res = await verdict({ retuning_id: r.id, verdict: 'approved' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'awaiting_approval',
        genesis: { verdict: 'approved', validator: 'genesis-agent' },
      });
      expect(res.body.genesis.decided_at).not.toBeNull();
      expect(res.body.genesis.checks).toHaveLength(5); // the built-in findings stay
      const audit = await app
        .knex('pp_audit_logs')
        .where({ action: 'pp.retuning.awaiting_approval' })
        .first();
      expect(audit).toMatchObject({
        principal: 'plugin:pp-knowledge/genesis',
        resource: `agent-retuning:${r.id}`,
        outcome: 'success',
      });
      expect(
        await app.messages('knowledge.retuning.awaiting_approval'),
      ).toHaveLength(1);
      // delivered again (signed anew): the retuning as it is, nothing written twice
      app.clock.now = new Date(app.clock.now.getTime() + 1000);
      const again = await verdict({ retuning_id: r.id, verdict: 'approved' });
      expect(again.status).toBe(200);
      expect(again.body.version).toBe(res.body.version);
      expect(
        await app.messages('knowledge.retuning.awaiting_approval'),
      ).toHaveLength(1);
      // the opposite verdict now: 409
      const flip = await verdict({
        retuning_id: r.id,
        verdict: 'rejected',
        reason: 'Changed my mind',
      });
      expect(flip.status).toBe(409);
      expect(flip.body.error.message).toMatch(/awaiting approval/);
      const ok = await app.post(
        `/agent-retuning/${r.id}/approve`,
        { reason: 'Looks right' },
        'Ada Admin',
      );
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('deploying');
    });

    it('rejected (with Genesis’s checks): final on every write route, for every role', async () => {
      const r = await propose();
      const checks = [
        {
          key: 'duplicates',
          title: 'Duplicates',
          passed: false,
          detail: 'Near-duplicates of last quarter’s version.',
        },
      ];
      const noReason = await verdict({
        retuning_id: r.id,
        verdict: 'rejected',
      });
      expect(noReason.status).toBe(400);
      const res = await verdict({
        retuning_id: r.id,
        verdict: 'rejected',
        reason: 'Duplicates: near-duplicates of an older version.',
        checks,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'rejected',
        genesis: {
          verdict: 'rejected',
          validator: 'genesis-agent',
          reason: 'Duplicates: near-duplicates of an older version.',
          checks,
        },
      });
      const final = /Genesis rejected this retuning; a rejection is final/;
      for (const verb of ['approve', 'decline']) {
        const w = await app.post(
          `/agent-retuning/${r.id}/${verb}`,
          { reason: 'override it please' },
          'Ada Admin',
        );
        expect(w.status).toBe(409);
        expect(w.body.error.message).toMatch(final);
      }
      const ev = await app.post(
        `/agent-retuning/${r.id}/evaluations`,
        { side: 'green', accuracy: 0.9, samples: 200 },
        'Eval Service',
      );
      expect(ev.status).toBe(409);
      expect(ev.body.error.message).toMatch(final);
      for (const who of ['Ina Industry', 'Olu Orchestrator', 'Ada Admin']) {
        const again = await app.post(RETUNE, body, who);
        expect(again.status).toBe(409);
        expect(again.body.error.message).toMatch(/a rejection is final/);
      }
      // Genesis cannot undo it either
      app.clock.now = new Date(app.clock.now.getTime() + 1000);
      const flip = await verdict({ retuning_id: r.id, verdict: 'approved' });
      expect(flip.status).toBe(409);
      expect(flip.body.error.message).toMatch(final);
      await app.tick(60_000);
      expect(await read(r.id)).toMatchObject({
        status: 'rejected',
        decision: null,
        rollout: null,
      });
      const notices = await app.messages('knowledge.retuning.rejected');
      expect(notices).toHaveLength(1);
    });

    it('401 for a bad signature, a stale timestamp, a replay or a bearer token; 404 for an unknown retuning', async () => {
      const r = await propose();
      const payload = { retuning_id: r.id, verdict: 'approved' };
      const raw = JSON.stringify(payload);
      const good = ppSignedHeaders(WEBHOOK_SECRET, raw, { now: app.clock.now });
      for (const headers of [
        ppSignedHeaders('not-the-secret', raw, { now: app.clock.now }),
        ppSignedHeaders(WEBHOOK_SECRET, raw, {
          now: new Date(app.clock.now.getTime() - 6 * 60_000),
        }),
        {},
      ]) {
        const res = await verdict(payload, headers);
        expect(res.status).toBe(401);
        expect(res.body.error.name).toBe('AuthenticationError');
      }
      const bearer = await app.post(HOOK, payload, 'Ada Admin');
      expect(bearer.status).toBe(401);
      expect((await read(r.id)).status).toBe('validating');
      expect((await verdict(payload, good)).status).toBe(200);
      const replay = await verdict(payload, good);
      expect(replay.status).toBe(401);
      expect(replay.body.error.message).toMatch(/replay/);
      const unknown = await verdict({
        retuning_id: 'no-such-retuning',
        verdict: 'approved',
      });
      expect(unknown.status).toBe(404);
      const denied = await app.knex('pp_audit_logs').where({
        action: 'pp.webhooks.genesis-retuning',
        outcome: 'denied',
      });
      expect(denied.length).toBeGreaterThanOrEqual(5);
    });

    it('a failed built-in check rejects at once: nothing is sent to Genesis', async () => {
      const r = await propose([...CLEAN_TEXTS, BIASED]);
      expect(r).toMatchObject({
        status: 'rejected',
        genesis: { verdict: 'rejected', validator: 'built-in' },
      });
      expect(r.genesis.reason).toMatch(/^Bias: /);
      expect(genesis.received).toHaveLength(0);
      expect(await requests.get(r.id)).toBeUndefined();
      const flip = await verdict({ retuning_id: r.id, verdict: 'approved' });
      expect(flip.status).toBe(409);
      expect(flip.body.error.message).toMatch(/a rejection is final/);
    });

    it('Genesis down: retried by the job; given up after the last attempt, the retuning stays validating with a sentence and still takes a verdict', async () => {
      genesis.state.status = 503;
      const r = await propose();
      expect(await requests.get(r.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        last_error: expect.stringMatching(/503/),
      });
      for (let i = 2; i <= PP_DELIVERY_MAX_ATTEMPTS; i++) {
        await app.tick(24 * 3600_000);
      }
      expect(genesis.received).toHaveLength(PP_DELIVERY_MAX_ATTEMPTS);
      expect(await requests.get(r.id)).toMatchObject({
        status: 'failed',
        attempts: PP_DELIVERY_MAX_ATTEMPTS,
      });
      const after = await read(r.id);
      expect(after).toMatchObject({
        status: 'validating',
        genesis: { verdict: 'pending' },
      });
      expect(after.genesis.reason).toMatch(
        /could not be reached: PP gave up after 8 attempts/,
      );
      await app.tick(24 * 3600_000);
      expect(genesis.received).toHaveLength(PP_DELIVERY_MAX_ATTEMPTS);
      const res = await verdict({ retuning_id: r.id, verdict: 'approved' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('awaiting_approval');
    });

    it('a proposal a crash left in validating (before the hand-over): the job checks it and sends it', async () => {
      // a proposal stored, then the process died before the hand-over: no request, built-in
      const r = await propose();
      await app.store.transaction(async uow => {
        const row = (await uow.getForUpdate(r.id))!;
        await uow.update(
          { ...row, genesis: { ...row.genesis, validator: 'built-in' } },
          row.version,
        );
        await uow.tx('pp_knowledge_retuning_genesis_requests').delete();
      });
      genesis.received.length = 0;
      await app.tick();
      await app.service.genesisDispatcher!.flush();
      expect(await read(r.id)).toMatchObject({
        status: 'validating',
        genesis: { verdict: 'pending', validator: 'genesis-agent' },
      });
      expect(genesis.received.map(x => JSON.parse(x.body).retuning_id)).toEqual(
        [r.id],
      );
    });
  },
);

describe.each(databases.eachSupportedId())(
  'the retuning Genesis requests migration (%s)',
  dbId => {
    it('steps up and down', async () => {
      const knex = await databases.init(dbId);
      await knex.migrate.latest(retuningMigrationConfig);
      expect(
        await knex.schema.hasTable('pp_knowledge_retuning_genesis_requests'),
      ).toBe(true);
      // this migration only (later ones of the plugin may follow it)
      await knex.migrate.down({
        ...retuningMigrationConfig,
        name: '20270108100000_retuning_genesis_requests.js',
      });
      expect(
        await knex.schema.hasTable('pp_knowledge_retuning_genesis_requests'),
      ).toBe(false);
      expect(await knex.schema.hasTable('pp_knowledge_retunings')).toBe(true);
      await knex.migrate.latest(retuningMigrationConfig);
      expect(
        await knex.schema.hasTable('pp_knowledge_retuning_genesis_requests'),
      ).toBe(true);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'without an external Genesis (%s)',
  dbId => {
    it('the built-in validator decides at once; the webhook answers 401 (no secret)', async () => {
      const app = await retuningTestApp(await databases.init(dbId));
      app.knowledge.add('v2026-12-04', CLEAN_TEXTS);
      const res = await app.post(RETUNE, body, 'Ina Industry');
      expect(res.body).toMatchObject({
        status: 'awaiting_approval',
        genesis: { verdict: 'approved', validator: 'built-in' },
      });
      expect(app.service.genesisDispatcher).toBeUndefined();
      const raw = JSON.stringify({
        retuning_id: res.body.id,
        verdict: 'approved',
      });
      const hook = await request(app.app)
        .post(HOOK)
        .set('content-type', 'application/json')
        .set(ppSignedHeaders(WEBHOOK_SECRET, raw, { now: app.clock.now }))
        .send(raw);
      expect(hook.status).toBe(401);
    });

    it('a retuning handed to an external Genesis no longer configured: the job lets the built-in validator decide', async () => {
      const app = await retuningTestApp(await databases.init(dbId));
      app.knowledge.add('v2026-12-04', CLEAN_TEXTS);
      const { id } = (await app.post(RETUNE, body, 'Ina Industry')).body;
      await app.store.transaction(async uow => {
        const row = (await uow.getForUpdate(id))!;
        await uow.update(
          {
            ...row,
            status: 'validating',
            genesis: {
              ...row.genesis,
              verdict: 'pending',
              validator: 'genesis-agent',
              decided_at: null,
            },
            next_check_at: null,
          },
          row.version,
        );
      });
      await app.tick();
      expect(
        (await app.get(`/agent-retuning/${id}`, 'Vik Viewer')).body,
      ).toMatchObject({
        status: 'awaiting_approval',
        genesis: { verdict: 'approved', validator: 'built-in' },
      });
    });
  },
);

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { PP_HANDOFF_ITEM_KEYS } from '@internal/plugin-pp-common';
import {
  PpApiRegistry,
  ppApiRegistryServiceRef,
  ppSignedHeaders,
} from '@internal/plugin-pp-node';
import {
  ciRunDeliveries,
  FIXTURE_OWNER,
  githubSignature,
} from '@internal/plugin-pp-orchestration-backend/testUtils';
import { ppContract } from '../__testUtils__/contract';
import { ppUntil } from '../__testUtils__/until';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';

/*
 * Issue #15: a Genesis rejection is final, for every role. A rejected creation is sent every write
 * of the orchestration area — each POST/PUT/PATCH/DELETE of /pp/v1 under agents/, agent-handoff
 * and webhooks/genesis, from the contract and from what pp-orchestration has mounted, so a route
 * added later is covered without touching this test (one not built yet answers 404 until it is) —
 * as admin, as the bootstrap admin token and as agent orchestrator; the creation stays
 * `genesis_rejected` with the same history and verdict after each.
 */

jest.setTimeout(300_000);

const WEBHOOK_SECRET = 'genesis-webhook-secret-for-tests-0123456789';
const GITHUB_SECRET = 'github-webhook-secret-for-tests-0123456789';
const until = ppUntil({ intervalMs: 200, tries: 150 });
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];
const inArea = (p: string) =>
  /^\/pp\/v1\/(agents\/|agent-handoff(\/|$)|webhooks\/genesis$|upgrades\/)/.test(
    p,
  );

/** Genesis rejects it: it serves WAOOAW and shares the customer's data. */
const unsovereign = {
  agent_name: 'Data Broker',
  industry: 'sales',
  specialty: 'lead-prospecting',
  serves: 'waooaw',
  shares_customer_data_with: ['waooaw'],
};

/** The area's writes: the contract's, and every write route pp-orchestration mounted. */
function orchestrationWrites(registry: PpApiRegistry): string[] {
  const fromContract = ppContract.endpoints
    .filter(e => WRITES.includes(e.method) && inArea(e.path))
    .map(e => `${e.method} ${e.path}`);
  const mounted = registry
    .mountedRoutes('pp-orchestration')
    .map(r => ({
      method: r.method.toUpperCase(),
      path: `/pp/v1${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`,
    }))
    .filter(r => WRITES.includes(r.method) && inArea(r.path))
    .map(r => `${r.method} ${r.path}`);
  return [...new Set([...fromContract, ...mounted])].sort();
}

describe.each(ppTestEngines())(
  'a rejected creation is final (%s)',
  database => {
    let pp: PpTestBackend;
    let registry: PpApiRegistry;
    let rejected: { agent_id: string; creation_id: string };
    const callers: Record<string, string> = {};

    beforeAll(async () => {
      pp = await startPpTestBackend({
        database,
        config: {
          events: { modules: { github: { webhookSecret: GITHUB_SECRET } } },
          pp: {
            orchestration: {
              genesis: { webhookSecret: WEBHOOK_SECRET },
              github: { owner: FIXTURE_OWNER },
            },
          },
        },
        features: [
          createBackendModule({
            pluginId: 'pp-orchestration',
            moduleId: 'test-api-registry',
            register(env) {
              env.registerInit({
                deps: {
                  registry: ppApiRegistryServiceRef,
                  logger: coreServices.logger,
                },
                async init(deps) {
                  registry = deps.registry;
                },
              });
            },
          }),
        ],
      });
      callers.admin = await pp.bearer('founder@waooaw.com');
      callers['bootstrap admin token'] = pp.admin;
      callers.agent_orchestrator = await pp.bearer(
        'olu.orchestrator@waooaw.com',
      );
      const res = await pp
        .http()
        .post('/pp/v1/agents/create')
        .set('authorization', callers.agent_orchestrator)
        .send(unsovereign);
      if (res.status !== 201 || res.body.status !== 'genesis_rejected') {
        throw new Error(`The rejected creation: ${res.status} ${res.text}`);
      }
      rejected = {
        agent_id: res.body.agent_id,
        creation_id: res.body.creation_id,
      };
    });

    afterAll(async () => {
      await pp?.stop();
    });

    /** What must not change: state, verdict, history, completion. */
    const snapshot = async () => {
      const res = await pp
        .http()
        .get(`/pp/v1/agents/${rejected.agent_id}/creation-status`)
        .set('authorization', pp.admin);
      expect(res.status).toBe(200);
      const { status, genesis, history, completed_at, allowed_moves } =
        res.body;
      return { status, genesis, history, completed_at, allowed_moves };
    };

    /** A body that names the creation every way a route might take it, and asks to move it on. */
    const bodyFor = () => ({
      agent_id: rejected.agent_id,
      creation_id: rejected.creation_id,
      verdict: 'approved',
      reasons: [],
      status: 'genesis_approved',
      event: 'approve_genesis',
      notes: 'Trying to move a rejected creation on.',
      items: PP_HANDOFF_ITEM_KEYS.map(key => ({
        key,
        done: true,
        evidence: 'https://runbooks.example.com/data-broker',
      })),
    });

    const concrete = (p: string) =>
      p
        .replace('{agent_id}', rejected.agent_id)
        .replace(/\{[A-Za-z0-9_]+\}/g, rejected.creation_id);

    it('enumerates the area’s writes, built and still to come', () => {
      const writes = orchestrationWrites(registry);
      expect(writes).toEqual(
        expect.arrayContaining([
          'POST /pp/v1/agents/create',
          'POST /pp/v1/agent-handoff',
          'POST /pp/v1/agent-handoff/{handoff_id}/accept',
          'POST /pp/v1/webhooks/genesis',
        ]),
      );
      // every write pp-orchestration mounted is in the list
      for (const r of registry.mountedRoutes('pp-orchestration')) {
        if (r.method === 'get') continue;
        const path = `/pp/v1${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
        expect(writes).toContain(`${r.method.toUpperCase()} ${path}`);
      }
    });

    it('no write route moves it, for admin, the bootstrap token or an orchestrator', async () => {
      const before = await snapshot();
      expect(before.status).toBe('genesis_rejected');
      expect(before.allowed_moves).toEqual([]);
      const outcomes: string[] = [];
      for (const route of orchestrationWrites(registry)) {
        const [method, path] = route.split(' ');
        for (const [who, authorization] of Object.entries(callers)) {
          const res = await pp
            .http()
            [method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete'](
              concrete(path),
            )
            .set('authorization', authorization)
            .send(bodyFor());
          outcomes.push(`${route} as ${who}: ${res.status}`);
          expect({ route, who, after: await snapshot() }).toEqual({
            route,
            who,
            after: before,
          });
        }
      }
      // the webhook takes no bearer token, an admin's included
      expect(outcomes).toContain('POST /pp/v1/webhooks/genesis as admin: 401');
    });

    it('Genesis’s own signed webhook cannot approve it: 409, nothing changes', async () => {
      const before = await snapshot();
      for (const body of [
        { creation_id: rejected.creation_id, verdict: 'approved' },
        { agent_id: rejected.agent_id, verdict: 'approved' },
        {
          agent_id: rejected.agent_id,
          verdict: 'rejected',
          reasons: ['Rejected again.'],
        },
      ]) {
        const raw = JSON.stringify(body);
        const res = await pp
          .http()
          .post('/pp/v1/webhooks/genesis')
          .set('content-type', 'application/json')
          .set(ppSignedHeaders(WEBHOOK_SECRET, raw))
          .send(raw);
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({
          name: 'ConflictError',
          message: expect.stringMatching(/final/),
        });
      }
      expect(await snapshot()).toEqual(before);
    });

    it('GitHub’s signed CI deliveries do not move it either (an approved creation beside it passes CI)', async () => {
      const before = await snapshot();
      const approved = await pp
        .http()
        .post('/pp/v1/agents/create')
        .set('authorization', callers.agent_orchestrator)
        .send({
          agent_name: 'Lead Finder',
          industry: 'sales',
          specialty: 'lead-prospecting',
        });
      expect(approved.body.status).toBe('genesis_approved');
      // the rejected agent's repository reports a whole passing run, then the approved one's
      for (const agent of [rejected.agent_id, approved.body.agent_id]) {
        for (const d of ciRunDeliveries(agent)) {
          const raw = JSON.stringify(d.payload);
          const res = await pp
            .http()
            .post('/pp/v1/webhooks/github')
            .set('content-type', 'application/json')
            .set('x-github-event', d.event)
            .set('x-hub-signature-256', githubSignature(GITHUB_SECRET, raw))
            .send(raw);
          expect(res.status).toBe(202);
          await new Promise(r => setTimeout(r, 50));
        }
      }
      // the deliveries are processed in order: once the approved one has passed CI, the rejected
      // one's have been seen too
      await until(async () => {
        const res = await pp
          .http()
          .get(`/pp/v1/agents/${approved.body.agent_id}/creation-status`)
          .set('authorization', pp.admin);
        return res.body.status === 'ci_passed';
      }, 'the approved creation to pass CI');
      expect(await snapshot()).toEqual(before);
    });
  },
);

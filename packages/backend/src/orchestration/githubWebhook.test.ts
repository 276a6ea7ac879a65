import {
  FIXTURE_OWNER,
  ciRunDeliveries,
  githubSignature,
} from '@internal/plugin-pp-orchestration-backend/testUtils';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { ppUntil } from '../__testUtils__/until';

/*
 * GitHub's webhook through the whole production composition: `POST /pp/v1/webhooks/github` is
 * the events backend's HTTP ingress, whose GitHub module checks `X-Hub-Signature-256` with
 * events.modules.github.webhookSecret and re-publishes the delivery as github.<X-GitHub-Event>;
 * pp-orchestration feeds it to the agent's pipeline and moves the creation.
 */

jest.setTimeout(300_000);

const until = ppUntil({ intervalMs: 200, tries: 150 });
const SECRET = 'test-github-webhook-secret-0123456789';

describe.each(ppTestEngines())(
  'GitHub webhook → CI/CD pipeline (%s)',
  database => {
    let pp: PpTestBackend;

    beforeAll(async () => {
      pp = await startPpTestBackend({
        database,
        config: {
          events: { modules: { github: { webhookSecret: SECRET } } },
          pp: { orchestration: { github: { owner: FIXTURE_OWNER } } },
        },
      });
    });

    afterAll(async () => {
      await pp?.stop();
    });

    const deliver = (
      event: string,
      payload: object,
      signature: string | null,
      extra: Record<string, string> = {},
    ) => {
      const body = JSON.stringify(payload);
      const req = pp
        .http()
        .post('/pp/v1/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', event)
        .set('X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958');
      if (signature) req.set('X-Hub-Signature-256', signature);
      for (const [k, v] of Object.entries(extra)) req.set(k, v);
      return req.send(body);
    };

    it('a correctly signed run moves the creation to ci_passed; a wrong or missing signature is refused and changes nothing', async () => {
      const olu = await pp.bearer('olu.orchestrator@waooaw.com');
      const created = await pp
        .http()
        .post('/pp/v1/agents/create')
        .set('Authorization', olu)
        .send({
          agent_name: 'Webhook Hunter',
          industry: 'sales',
          specialty: 'lead-prospecting',
        });
      expect(created.status).toBe(201);
      const agent: string = created.body.agent_id;
      const deliveries = ciRunDeliveries(agent);
      const status = async () =>
        (
          await pp
            .http()
            .get(`/pp/v1/agents/${agent}/creation-status`)
            .set('Authorization', olu)
        ).body.status;

      // wrong secret, no signature, a tampered body: 403 from the GitHub module
      const first = deliveries[0];
      const wrong = await deliver(
        first.event,
        first.payload,
        githubSignature('not-the-secret', JSON.stringify(first.payload)),
      );
      expect(wrong.status).toBe(403);
      expect((await deliver(first.event, first.payload, null)).status).toBe(
        403,
      );
      const tampered = await deliver(
        first.event,
        { ...first.payload, action: 'completed' },
        githubSignature(SECRET, JSON.stringify(first.payload)),
      );
      expect(tampered.status).toBe(403);
      // a PP bearer token grants nothing on a signed route
      expect(
        (
          await deliver(first.event, first.payload, null, {
            Authorization: pp.admin,
          })
        ).status,
      ).toBe(403);
      await new Promise(r => setTimeout(r, 1000));
      // approved, its code generation started (the scaffolder): the refused deliveries moved nothing
      expect(await status()).toBe('generating');

      // signed deliveries: accepted (202) and fed in order
      for (const d of deliveries) {
        const res = await deliver(
          d.event,
          d.payload,
          githubSignature(SECRET, JSON.stringify(d.payload)),
        );
        expect(res.status).toBe(202);
        // the events bus delivers asynchronously: wait for each before the next, as GitHub paces them
        await new Promise(r => setTimeout(r, 50));
      }
      await until(
        async () => (await status()) === 'ci_passed',
        'the creation to pass CI',
      );
      const pipeline = await pp
        .http()
        .get(`/pp/v1/agents/${agent}/cicd-pipeline`)
        .set('Authorization', olu);
      expect(pipeline.status).toBe(200);
      expect(pipeline.body).toMatchObject({
        agent_id: agent,
        status: 'passed',
      });
      expect(pipeline.body.stages.map((s: any) => s.status)).toEqual(
        Array(5).fill('passed'),
      );
    });
  },
);

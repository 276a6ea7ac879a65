import { ppSignature, ppSignedHeaders } from '@internal/plugin-pp-node';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { ppUntil } from '../__testUtils__/until';

/*
 * The external Genesis through the production composition: with pp.orchestration.genesis.url set,
 * a creation waits in genesis_validating, PP posts it signed to Genesis (a local fake here), and
 * Genesis's signed verdict on /pp/v1/webhooks/genesis decides it.
 */

jest.setTimeout(300_000);

const OUTGOING_SECRET = 'pp-to-genesis-secret-for-tests-0123456789';
const WEBHOOK_SECRET = 'genesis-to-pp-secret-for-tests-0123456789';
const until = ppUntil({ intervalMs: 200, tries: 100 });

describe.each(ppTestEngines())('an external Genesis (%s)', database => {
  let pp: PpTestBackend;
  let server: Server;
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        received.push({
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.statusCode = 202;
        res.end();
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    pp = await startPpTestBackend({
      database,
      config: {
        pp: {
          orchestration: {
            genesis: {
              url: `http://127.0.0.1:${port}/validate`,
              secret: OUTGOING_SECRET,
              webhookSecret: WEBHOOK_SECRET,
            },
          },
        },
      },
    });
  });

  afterAll(async () => {
    await pp?.stop();
    await new Promise(r => server?.close(r));
  });

  it('sends the creation signed, and takes the signed verdict', async () => {
    const orchestrator = await pp.bearer('olu.orchestrator@waooaw.com');
    const created = await pp
      .http()
      .post('/pp/v1/agents/create')
      .set('authorization', orchestrator)
      .send({
        agent_name: 'Lead Hunter',
        industry: 'sales',
        specialty: 'lead-prospecting',
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'genesis_validating',
      genesis: null,
    });
    const { agent_id, creation_id } = created.body;

    await until(
      async () => received.some(r => JSON.parse(r.body).agent_id === agent_id),
      'the creation to reach Genesis',
    );
    const sent = received.find(r => JSON.parse(r.body).agent_id === agent_id)!;
    expect(sent.headers['x-pp-signature']).toBe(
      ppSignature(
        OUTGOING_SECRET,
        String(sent.headers['x-pp-timestamp']),
        sent.body,
      ),
    );

    const raw = JSON.stringify({ creation_id, verdict: 'approved' });
    const unsigned = await pp
      .http()
      .post('/pp/v1/webhooks/genesis')
      .set('authorization', pp.admin)
      .set('content-type', 'application/json')
      .send(raw);
    expect(unsigned.status).toBe(401);
    const headers = ppSignedHeaders(WEBHOOK_SECRET, raw);
    const approved = await pp
      .http()
      .post('/pp/v1/webhooks/genesis')
      .set('content-type', 'application/json')
      .set(headers)
      .send(raw);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      agent_id,
      status: 'genesis_approved',
      genesis: { verdict: 'approved', validator: 'genesis-agent' },
    });
    const replay = await pp
      .http()
      .post('/pp/v1/webhooks/genesis')
      .set('content-type', 'application/json')
      .set(headers)
      .send(raw);
    expect(replay.status).toBe(401);

    const status = await pp
      .http()
      .get(`/pp/v1/agents/${agent_id}/creation-status`)
      .set('authorization', orchestrator);
    // Genesis's approval, then the code generation it starts
    expect(status.body.history.slice(-2)).toMatchObject([
      { to: 'genesis_approved', actor: { kind: 'system', id: 'genesis' } },
      { to: 'generating', actor: { kind: 'system', id: 'scaffolder' } },
    ]);
    // the scaffolder runs the template (let it finish before the backend stops)
    for (let i = 0; i < 240; i++) {
      const s = await pp
        .http()
        .get(`/pp/v1/agents/${agent_id}/creation-status`)
        .set('authorization', orchestrator);
      if (['succeeded', 'failed'].includes(s.body.generation?.status)) break;
      await new Promise(r => setTimeout(r, 250));
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { PP_HANDOFF_ITEM_KEYS } from '@internal/plugin-pp-common';
import {
  PIPELINE_STAGES,
  agentEntity,
} from '@internal/plugin-pp-orchestration-backend';
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
import { repoRoot } from '../__testUtils__/catalogFiles';

/*
 * Issue #15, code generation through the whole production composition: Genesis approves, PP
 * starts the scaffolder's PP template (templates/pp-ai-agent) over HTTP, the template renders the
 * agent's repository and `pp:publish:local-git` pushes it to a bare git repository; the creation
 * records the repository and stays `generating` until its first CI run. The catalog's agent
 * entity provider registers the agent (lifecycle experimental, then production once accepted).
 */

// generous: under the whole suite's load the catalog reads the template and the scaffolder runs
// it slowly (a minute was not enough in CI)
jest.setTimeout(600_000);

const until = ppUntil({ intervalMs: 250, tries: 720 });
const SECRET = 'test-github-webhook-secret-0123456789';

describe.each(ppTestEngines())('code generation (%s)', database => {
  let pp: PpTestBackend;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'pp-codegen-test-'));
    pp = await startPpTestBackend({
      database,
      config: {
        events: { modules: { github: { webhookSecret: SECRET } } },
        // the PP template, and the teams: the handoff verifies the agent's owner team names
        // who is on call (catalog/org.yaml)
        catalog: {
          locations: [
            {
              type: 'file',
              target: join(repoRoot, 'templates/pp-ai-agent/template.yaml'),
              rules: [{ allow: ['Template'] }],
            },
            {
              type: 'file',
              target: join(repoRoot, 'catalog/org.yaml'),
              rules: [{ allow: ['Group', 'User'] }],
            },
          ],
        },
        pp: {
          orchestration: {
            github: { owner: FIXTURE_OWNER },
            codegen: { pollSeconds: 1 },
            catalogRefreshSeconds: 1,
          },
        },
      },
    });
  });

  afterAll(async () => {
    await pp?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const get = (path: string, who: string) =>
    pp.http().get(path).set('Authorization', who);

  it('approval → generated repository → CI → accepted: the agent is in the catalog, production', async () => {
    const olu = await pp.bearer('olu.orchestrator@waooaw.com');
    const ian = await pp.bearer('ines.infra@waooaw.com');
    const vik = await pp.bearer('vik.viewer@waooaw.com');
    const created = await pp
      .http()
      .post('/pp/v1/agents/create')
      .set('Authorization', olu)
      .send({
        agent_name: 'Codegen Tutor',
        industry: 'education',
        specialty: 'jee-mathematics',
        sla_targets: {
          response_time_p95_ms: 1500,
          uptime_percent: 99.5,
          error_rate_percent: 0.5,
        },
      });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('genesis_approved');
    const agent: string = created.body.agent_id;
    const status = async () =>
      (await get(`/pp/v1/agents/${agent}/creation-status`, olu)).body;

    // the generation started with the approval: generating, then the repository is published
    expect((await status()).status).toBe('generating');
    const done = await until(async () => {
      const s = await status();
      return s.generation?.status === 'succeeded' && s;
    }, 'the code generation to succeed');
    expect(done.status).toBe('generating');
    expect(done.generation).toMatchObject({
      attempt: 1,
      publisher: 'local-git',
      reason: null,
      catalog_entity_ref: `component:default/${agent}`,
    });
    expect(done.generation.task_id).toEqual(expect.any(String));
    expect(done.generation.repository_url).toMatch(
      new RegExp(`^file://.*/${agent}\\.git$`),
    );
    expect(done.history.map((e: any) => e.event)).toEqual([
      'request',
      'start_genesis',
      'approve_genesis',
      'start_generation',
    ]);

    // the repository: clone it and read what the template made
    const clone = join(work, agent);
    execFileSync('git', [
      'clone',
      '--quiet',
      fileURLToPath(done.generation.repository_url),
      clone,
    ]);
    const file = (p: string) => readFileSync(join(clone, p), 'utf8');
    expect(file('app/main.py')).toContain('AGENT_NAME = "Codegen Tutor"');
    expect(file('app/main.py')).toContain('@app.get("/health")');
    // the knowledge version a retuning rolls out (PP_KNOWLEDGE_VERSION) is reported by GET /agent
    expect(file('app/main.py')).toContain(
      'os.environ.get("PP_KNOWLEDGE_VERSION")',
    );
    expect(file('tests/test_main.py')).toContain(
      'def test_agent_reports_the_knowledge_version_it_runs',
    );
    // the LLM step is off by default: the deterministic logic
    expect(file('app/main.py')).toContain('from app.agent_logic import handle');
    expect(file('app/agent_logic.py')).toContain(
      'def handle(task: dict) -> dict:',
    );
    expect(file('app/agent_logic.py')).toContain(`AGENT_ID = "${agent}"`);
    expect(file('tests/test_main.py')).toContain(`"agent_id": "${agent}"`);
    expect(file('Dockerfile')).toContain('HEALTHCHECK --interval=30s');
    const ci = parse(file('.github/workflows/ci.yaml'));
    expect(ci.name).toBe('CI');
    expect(Object.values(ci.jobs).map((j: any) => j.name)).toEqual(
      PIPELINE_STAGES.map(s => s.job),
    );
    // GitHub's own expressions survive the template
    expect(file('.github/workflows/ci.yaml')).toContain('${{ github.sha }}');
    // catalog-info.yaml is the entity the catalog registers (its lifecycle before production)
    expect(parse(file('catalog-info.yaml'))).toEqual(
      agentEntity({
        agent_id: agent,
        agent_name: 'Codegen Tutor',
        industry: 'education',
        specialty: 'jee-mathematics',
        sla_targets: {
          response_time_p95_ms: 1500,
          uptime_percent: 99.5,
          error_rate_percent: 0.5,
        },
        status: 'generating',
        repository_url: done.generation.repository_url,
      }),
    );
    // the deployment: the readiness defaults of the template
    const [config, deployment] = parseAllDocuments(
      file('deploy/manifest.yaml'),
    ).map(d => d.toJS());
    expect(config.data).toMatchObject({
      PP_API_CALLS_PER_MINUTE: '100',
      PP_LLM_TOKENS_PER_HOUR: '50000',
      PP_CONCURRENT_EXECUTIONS: '5',
      PP_LOG_RETENTION_DAYS: '183',
      PP_METRIC_RETENTION_DAYS: '7',
    });
    const container = deployment.spec.template.spec.containers[0];
    expect(container.resources.limits).toEqual({ cpu: '2', memory: '2Gi' });
    expect(container.readinessProbe.periodSeconds).toBe(30);

    // the catalog: the agent, experimental until production ready
    const entity = async () =>
      (
        await get(
          `/api/catalog/entities/by-name/component/default/${agent}`,
          vik,
        )
      ).body;
    const registered = await until(
      async () => (await entity())?.spec?.lifecycle && entity(),
      'the agent in the catalog',
    );
    expect(registered).toMatchObject({
      kind: 'Component',
      metadata: {
        name: agent,
        title: 'Codegen Tutor',
        labels: {
          'pp.waooaw.com/industry': 'education',
          'pp.waooaw.com/specialty': 'jee-mathematics',
        },
        annotations: {
          'pp.waooaw.com/health-check-url': `http://${agent}.waooaw.internal:8000/health`,
          'pp.waooaw.com/sla-uptime-percent': '99.5',
          'backstage.io/source-location': `url:${done.generation.repository_url}`,
        },
      },
      spec: { type: 'ai-agent', lifecycle: 'experimental' },
    });

    // its first CI run: generating → ci_running → ci_passed
    for (const d of ciRunDeliveries(agent)) {
      const body = JSON.stringify(d.payload);
      const res = await pp
        .http()
        .post('/pp/v1/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', d.event)
        .set('X-GitHub-Delivery', `codegen-${Math.random()}`)
        .set('X-Hub-Signature-256', githubSignature(SECRET, body))
        .send(body);
      expect(res.status).toBe(202);
      await new Promise(r => setTimeout(r, 50));
    }
    await until(
      async () => (await status()).status === 'ci_passed',
      'the creation to pass CI',
    );
    expect(
      (await status()).history.map((e: any) => e.event).slice(4, 5),
    ).toEqual(['start_ci']);

    // the handoff, accepted: production ready, and production in the catalog
    const submitted = await pp
      .http()
      .post('/pp/v1/agent-handoff')
      .set('Authorization', olu)
      .send({
        agent_id: agent,
        items: PP_HANDOFF_ITEM_KEYS.map(key => ({
          key,
          done: true,
          evidence: `https://runbooks.example.com/${agent}/${key}`,
        })),
      });
    expect(submitted.status).toBe(201);
    // PP asks the SLA/OLA plugin: no SLA is defined yet, so the service team cannot accept
    const sla = (body: any) =>
      body.items.find((i: any) => i.key === 'sla_defined');
    expect(sla(submitted.body)).toMatchObject({
      verification: 'contradicted',
      note: expect.stringMatching(/No SLA is defined for this agent yet/),
    });
    const early = await pp
      .http()
      .post(`/pp/v1/agent-handoff/${submitted.body.handoff_id}/accept`)
      .set('Authorization', ian)
      .send({});
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/SLA/);
    const defined = await pp
      .http()
      .post('/pp/v1/sla-definitions')
      .set('Authorization', olu)
      .send({ agent_id: agent, type: 'premium' });
    expect(defined.status).toBe(201);
    const accepted = await pp
      .http()
      .post(`/pp/v1/agent-handoff/${submitted.body.handoff_id}/accept`)
      .set('Authorization', ian)
      .send({});
    expect(accepted.status).toBe(200);
    expect(sla(accepted.body.handoff ?? accepted.body)).toMatchObject({
      verification: 'verified',
      note: expect.stringMatching(/^A premium SLA \(version 1\) is in force/),
    });
    expect((await status()).status).toBe('production_ready');
    await until(
      async () => (await entity())?.spec?.lifecycle === 'production',
      'the agent to be production in the catalog',
    );
  });

  it('the scaffolder is for orchestrators: a viewer can neither run the template nor start a generation', async () => {
    const vik = await pp.bearer('vik.viewer@waooaw.com');
    const olu = await pp.bearer('olu.orchestrator@waooaw.com');
    const task = {
      templateRef: 'template:default/pp-ai-agent',
      values: {
        agent_id: 'viewer-made',
        agent_name: 'Viewer Made',
        industry: 'sales',
        specialty: 'lead-prospecting',
      },
    };
    const byViewer = await pp
      .http()
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', vik)
      .send(task);
    expect(byViewer.status).toBe(403);
    const tasksForViewer = await get('/api/scaffolder/v2/tasks', vik);
    expect(tasksForViewer.status).toBe(403);
    const generate = await pp
      .http()
      .post('/pp/v1/agents/no-such-agent/generate')
      .set('Authorization', vik)
      .send({});
    expect(generate.status).toBe(403);
    const byOrchestrator = await pp
      .http()
      .post('/pp/v1/agents/no-such-agent/generate')
      .set('Authorization', olu)
      .send({});
    expect(byOrchestrator.status).toBe(404);
  });
});

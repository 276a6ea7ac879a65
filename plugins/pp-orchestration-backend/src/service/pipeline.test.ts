import { mockCredentials } from '@backstage/backend-test-utils';
import { ppCicdPipelineSchema } from '@internal/plugin-pp-common';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import {
  CI_JOBS,
  ciRunDeliveries,
  workflowJobPayload,
  workflowRunPayload,
} from '../github/__fixtures__/githubWorkflowEvents';
import { orchestrationTestApp } from './__testUtils__/orchestrationTestApp';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

/*
 * The CI/CD pipeline fed by GitHub's workflow deliveries (as the events backend hands them over,
 * signature already checked: see packages/backend's githubWebhook test for the signature), and
 * `GET /agents/{agent_id}/cicd-pipeline`.
 */
describe.each(databases.eachSupportedId())('CI/CD pipeline (%s)', id => {
  let t: Awaited<ReturnType<typeof orchestrationTestApp>>;

  beforeAll(async () => {
    t = await orchestrationTestApp(await databases.init(id));
  });

  const replay = async (deliveries: { event: string; payload: object }[]) => {
    const outcomes = [];
    for (const d of deliveries) {
      outcomes.push(await t.feed.handle(`github.${d.event}`, d.payload));
    }
    return outcomes;
  };
  const status = async (agentId: string) =>
    (await t.get(`/agents/${agentId}/creation-status`, 'Vik Viewer')).body;
  const pipeline = (agentId: string, who: string | null = 'Vik Viewer') =>
    t.get(`/agents/${agentId}/cicd-pipeline`, who);

  it('GET: 401 without a token, 403 for other roles, 404 for an unknown agent, 400 for a bad id', async () => {
    const agent = await t.approvedAgent('Gate Keeper');
    expect((await pipeline(agent, null)).status).toBe(401);
    for (const who of ['Ian Infra', 'Sam Manager']) {
      const res = await pipeline(agent, who);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    const missing = await pipeline('no-such-agent', 'Olu Orchestrator');
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
    expect((await pipeline('Not%20An%20Id', 'Ada Admin')).status).toBe(400);
    // before any run: five pending stages
    const empty = await pipeline(agent, 'Olu Orchestrator');
    expect(empty.status).toBe(200);
    expect(ppCicdPipelineSchema.parse(empty.body)).toMatchObject({
      agent_id: agent,
      status: 'pending',
      run_id: null,
    });
    expect(empty.body.stages.map((s: any) => s.status)).toEqual(
      Array(5).fill('pending'),
    );
  });

  it('a passing run: generating → ci_running → ci_passed, stages with times and logs', async () => {
    const agent = await t.approvedAgent('Lead Hunter');
    expect((await status(agent)).status).toBe('generating');
    const deliveries = ciRunDeliveries(agent);
    const [first] = await replay(deliveries.slice(0, 1));
    // the generated repository's first run starts CI
    expect(first).toMatchObject({
      kind: 'recorded',
      moves: ['start_ci'],
      status: 'ci_running',
    });
    await replay(deliveries.slice(1, -2));
    expect((await status(agent)).status).toBe('ci_running');
    await replay(deliveries.slice(-2));
    const creation = await status(agent);
    expect(creation.status).toBe('ci_passed');
    expect(
      creation.history.slice(-3).map((h: any) => [h.event, h.actor.id]),
    ).toEqual([
      ['start_generation', 'scaffolder'],
      ['start_ci', 'github'],
      ['pass_ci', 'github'],
    ]);

    const res = await pipeline(agent);
    expect(res.status).toBe(200);
    const p = ppCicdPipelineSchema.parse(res.body);
    expect(p).toMatchObject({
      status: 'passed',
      run_id: 12_345_678_901,
      run_attempt: 1,
      failed_stage: null,
      run_url: `https://github.com/waooaw-agents/${agent}/actions/runs/12345678901`,
      started_at: '2026-12-21T09:00:02Z',
    });
    expect(p.stages.map(s => [s.key, s.status, s.duration_ms])).toEqual([
      ['lint', 'passed', 60_000],
      ['unit_tests', 'passed', 6 * 60_000],
      ['build_image', 'passed', 8 * 60_000],
      ['integration_tests', 'passed', 10 * 60_000],
      ['push', 'passed', 2 * 60_000],
    ]);
    expect(p.stages[4].log_url).toBe(
      `https://github.com/waooaw-agents/${agent}/actions/runs/12345678901/job/${CI_JOBS[4].id}`,
    );
    // every stage change is kept with its time and log link
    const changes = await t.store.transaction(uow =>
      uow.tx('pp_agent_pipeline_changes').orderBy('id'),
    );
    const lint = changes.filter((c: any) => c.stage === 'lint');
    expect(lint.map((c: any) => c.to_status)).toEqual([
      'queued',
      'running',
      'passed',
    ]);
    expect(lint[2].log_url).toContain(`/job/${CI_JOBS[0].id}`);
    // a repeated delivery changes nothing
    expect(await replay(deliveries.slice(-1))).toEqual([
      { kind: 'ignored', why: 'stale or repeated delivery' },
    ]);
    const audits = await t.audits('pp.agents.pipeline.moved');
    expect(
      audits
        .filter(a => a.details.agent_id === agent)
        .map(a => a.details.moves),
    ).toEqual([['start_ci'], ['pass_ci']]);
  });

  it('a failed stage halts the pipeline: ci_failed, the requester is notified; a new run starts CI again', async () => {
    const agent = await t.approvedAgent('Course Builder');
    await replay(ciRunDeliveries(agent, { failAt: 'Unit tests' }));
    const creation = await status(agent);
    expect(creation.status).toBe('ci_failed');
    const failed = creation.history.at(-1);
    expect(failed).toMatchObject({ event: 'fail_ci', actor: { id: 'github' } });
    expect(failed.reason).toContain('Unit tests (Pytest) failed');
    const p = (await pipeline(agent)).body;
    expect(p.status).toBe('failed');
    expect(p.failed_stage).toBe('unit_tests');
    expect(p.stages.map((s: any) => s.status)).toEqual([
      'passed',
      'failed',
      'halted',
      'halted',
      'halted',
    ]);
    const notices = await t.messages(`agent-creation:${creation.creation_id}`);
    const ciFailed = notices.filter(
      n => n.topic === 'orchestration.creation.ci-failed',
    );
    expect(ciFailed).toHaveLength(1);
    expect(ciFailed[0]).toMatchObject({
      to: { userIds: [t.userIds['Olu Orchestrator']] },
      severity: 'high',
    });
    expect(ciFailed[0].description).toContain('/job/');

    // a fix pushed: a new run starts CI again and passes
    const second = await replay(
      ciRunDeliveries(agent, { runId: 12_345_679_999 }),
    );
    expect(second[0]).toMatchObject({
      moves: ['start_ci'],
      status: 'ci_running',
    });
    expect((await status(agent)).status).toBe('ci_passed');
    // an event of the older run no longer changes anything
    expect(
      await t.feed.handle(
        'github.workflow_job',
        workflowJobPayload(agent, CI_JOBS[0], {
          action: 'completed',
          conclusion: 'failure',
        }),
      ),
    ).toEqual({ kind: 'ignored', why: 'stale or repeated delivery' });
    expect((await pipeline(agent)).body.status).toBe('passed');
  });

  it('ignores other owners, other workflows, unknown or unapproved agents, and non-workflow payloads', async () => {
    const agent = await t.approvedAgent('Quiet One');
    const run = workflowRunPayload(agent, { action: 'in_progress' });
    expect(
      await t.feed.handle('github.workflow_run', {
        ...run,
        repository: { ...run.repository, full_name: `someone-else/${agent}` },
      }),
    ).toMatchObject({
      kind: 'ignored',
      why: 'not a repository of waooaw-agents',
    });
    expect(
      await t.feed.handle(
        'github.workflow_run',
        workflowRunPayload(agent, {
          action: 'in_progress',
          workflow: 'Release',
        }),
      ),
    ).toMatchObject({ kind: 'ignored', why: 'not the CI workflow' });
    expect(
      await t.feed.handle(
        'github.workflow_run',
        workflowRunPayload('nobody-123456', { action: 'in_progress' }),
      ),
    ).toMatchObject({
      kind: 'ignored',
      why: 'no agent creation nobody-123456',
    });
    expect(
      await t.feed.handle('github.push', { ref: 'refs/heads/main' }),
    ).toMatchObject({
      kind: 'ignored',
    });
    expect(
      await t.feed.handle('github.workflow_run', { workflow_run: { id: 'x' } }),
    ).toMatchObject({ kind: 'ignored', why: 'not a workflow event' });
    // a creation Genesis rejected never moves
    const rejected = await t.post(
      '/agents/create',
      {
        agent_name: 'Data Broker',
        industry: 'sales',
        specialty: 'lead-prospecting',
        serves: 'waooaw',
        shares_customer_data_with: ['waooaw'],
      },
      'Olu Orchestrator',
    );
    expect(rejected.body.status).toBe('genesis_rejected');
    expect(
      await t.feed.handle(
        'github.workflow_run',
        workflowRunPayload(rejected.body.agent_id, { action: 'in_progress' }),
      ),
    ).toMatchObject({ kind: 'ignored' });
    expect((await status(agent)).status).toBe('generating');
    expect((await pipeline(agent)).body.status).toBe('pending');
  });

  it('a run of an agent whose code was not generated (back in genesis_approved) is recorded and moves nothing', async () => {
    const agent = await t.approvedAgent('Not Generated');
    await t.codegen.run();
    t.scaffolder.finish(agent, {
      status: 'failed',
      reason: 'step fetch: boom',
    });
    await t.codegen.run();
    expect((await status(agent)).status).toBe('genesis_approved');
    const [first] = await replay(ciRunDeliveries(agent).slice(0, 1));
    expect(first).toMatchObject({
      kind: 'recorded',
      moves: [],
      status: 'genesis_approved',
    });
    expect((await status(agent)).status).toBe('genesis_approved');
  });

  it('MCP: pp-agents-cicd-pipeline reads the same pipeline, with the same roles', async () => {
    const agent = await t.approvedAgent('Mcp Reader');
    await replay(ciRunDeliveries(agent).slice(0, 4));
    const action = t.actions.get('pp-agents-cicd-pipeline');
    const as = (who: string) =>
      mockCredentials.service(`pp-principal:${t.userIds[who]}`);
    const http = (await pipeline(agent)).body;
    expect(http.status).toBe('running');
    const out = await action.action({
      input: { agent_id: agent },
      credentials: as('Vik Viewer'),
    });
    expect(out.output.pipeline).toEqual(http);
    await expect(
      action.action({
        input: { agent_id: agent },
        credentials: as('Ian Infra'),
      }),
    ).rejects.toThrow(/need the role/);
  });
});

import { ppAgentCreationSchema } from '@internal/plugin-pp-common';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { ciRunDeliveries } from '../github/__fixtures__/githubWorkflowEvents';
import { mockServices } from '@backstage/backend-test-utils';
import { readCodegenConfig } from './CodeGeneration';
import { orchestrationTestApp } from '../service/__testUtils__/orchestrationTestApp';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

/*
 * Code generation's flow (the scaffolder faked; packages/backend's codeGeneration test runs the real
 * one): Genesis's approval starts it, the job starts the task and follows it; success records the
 * repository and leaves the creation generating until its first CI run; failure goes back to
 * genesis_approved with the reason and a notice; the orchestrator starts it again.
 */
describe('readCodegenConfig: the LLM step', () => {
  it('is off by default and on with pp.orchestration.codegen.llm.enabled', () => {
    expect(readCodegenConfig(mockServices.rootConfig()).useLlm).toBe(false);
    expect(
      readCodegenConfig(
        mockServices.rootConfig({
          data: {
            pp: { orchestration: { codegen: { llm: { enabled: true } } } },
          },
        }),
      ).useLlm,
    ).toBe(true);
  });
});

describe.each(databases.eachSupportedId())('code generation (%s)', id => {
  let t: Awaited<ReturnType<typeof orchestrationTestApp>>;

  beforeAll(async () => {
    t = await orchestrationTestApp(await databases.init(id));
  });

  const status = async (agentId: string) => {
    const res = await t.get(`/agents/${agentId}/creation-status`, 'Vik Viewer');
    return ppAgentCreationSchema.parse(res.body);
  };
  const generate = (agentId: string, who: string | null) =>
    t.post(`/agents/${agentId}/generate`, {}, who);

  it('approval → task started with the creation’s values → completed: repository recorded, still generating, then CI', async () => {
    const agent = await t.approvedAgent('Lead Hunter');
    let s = await status(agent);
    expect(s.status).toBe('generating');
    expect(s.generation).toMatchObject({
      attempt: 1,
      status: 'pending',
      publisher: 'local-git',
      task_id: null,
    });
    expect(s.history.at(-1)).toMatchObject({
      event: 'start_generation',
      actor: { kind: 'system', id: 'scaffolder' },
    });

    expect(await t.codegen.run()).toMatchObject({ started: 1 });
    const task = t.scaffolder.taskOf(agent);
    expect(task.values).toMatchObject({
      agent_id: agent,
      agent_name: 'Lead Hunter',
      industry: 'sales',
      industry_title: 'Sales',
      specialty: 'lead-prospecting',
      publisher: 'local-git',
      workflow_name: 'CI',
      sla_targets: {
        response_time_p95_ms: 2000,
        uptime_percent: 99.9,
        error_rate_percent: 1,
      },
    });
    // no readiness values of its own: the template's defaults apply
    expect(task.values).not.toHaveProperty('readiness');
    s = await status(agent);
    expect(s.generation).toMatchObject({ status: 'running', task_id: task.id });

    // still running: nothing changes
    expect(await t.codegen.run()).toEqual({
      started: 0,
      finished: 0,
      failed: 0,
    });
    t.scaffolder.finish(agent, {
      status: 'completed',
      output: { remoteUrl: `file:///repos/${agent}.git` },
    });
    expect(await t.codegen.run()).toMatchObject({ finished: 1 });
    s = await status(agent);
    expect(s.status).toBe('generating');
    expect(s.generation).toMatchObject({
      status: 'succeeded',
      repository_url: `file:///repos/${agent}.git`,
    });
    expect(s.generation!.finished_at).not.toBeNull();
    const generated = await t.get('/agents/generated', 'Vik Viewer');
    expect(generated.status).toBe(200);
    expect(
      generated.body.items.find((a: any) => a.agent_id === agent),
    ).toMatchObject({
      agent_name: 'Lead Hunter',
      status: 'generating',
      repository_url: `file:///repos/${agent}.git`,
    });

    // the first CI run moves it on
    for (const d of ciRunDeliveries(agent).slice(0, 1)) {
      await t.feed.handle(`github.${d.event}`, d.payload);
    }
    expect((await status(agent)).status).toBe('ci_running');
    const audits = await t.audits('pp.agents.generation.succeeded');
    expect(audits.map(a => a.details.agent_id)).toContain(agent);
  });

  it('the agent’s own readiness values go to the template', async () => {
    const readiness = {
      rate_limits: { api_calls_per_minute: 40, llm_tokens_per_hour: 9000 },
      quotas: { concurrent_executions: 2, memory_gb: 4, cpu: 1 },
      monitoring: {
        check_interval_seconds: 15,
        log_retention_days: 90,
        metric_retention_days: 14,
      },
    };
    t.readinessSource.source = async agentId =>
      agentId.startsWith('tuned-agent') ? readiness : undefined;
    try {
      const agent = await t.approvedAgent('Tuned Agent');
      await t.codegen.run();
      expect(t.scaffolder.taskOf(agent).values.readiness).toEqual(readiness);
    } finally {
      t.readinessSource.source = async () => undefined;
    }
  });

  it('the template runs its LLM step (use_llm) only when pp.orchestration.codegen.llm.enabled', async () => {
    const plain = await t.approvedAgent('Plain Agent');
    await t.codegen.run();
    expect(t.scaffolder.taskOf(plain).values).not.toHaveProperty('use_llm');

    t.codegenConfig.useLlm = true;
    try {
      const llm = await t.approvedAgent('Llm Agent');
      await t.codegen.run();
      const values = t.scaffolder.taskOf(llm).values;
      expect(values.use_llm).toBe(true);
      // the endpoint and its key stay in the action's config, never in the task
      expect(JSON.stringify(values)).not.toMatch(/apiKey|api_key|sk-/);
    } finally {
      t.codegenConfig.useLlm = false;
    }
  });

  it('a failed task: back to genesis_approved with the reason, the requester told; orchestrators start it again, viewers cannot', async () => {
    const agent = await t.approvedAgent('Broken Template');
    await t.codegen.run();
    t.scaffolder.finish(agent, {
      status: 'failed',
      reason: 'step publish-local: the disk is full',
    });
    expect(await t.codegen.run()).toMatchObject({ failed: 1 });
    let s = await status(agent);
    expect(s.status).toBe('genesis_approved');
    expect(s.generation).toMatchObject({
      status: 'failed',
      reason: 'step publish-local: the disk is full',
    });
    expect(s.history.at(-1)).toMatchObject({
      event: 'fail_generation',
      actor: { id: 'scaffolder' },
      reason: 'Code generation failed: step publish-local: the disk is full',
    });
    const notices = await t.messages(`agent-creation:${s.creation_id}`);
    expect(notices.at(-1)).toMatchObject({
      topic: 'orchestration.creation.generation-failed',
      title: 'Code generation failed for Broken Template',
      to: { userIds: [t.userIds['Olu Orchestrator']] },
    });
    // the step timing of the failed attempt is closed
    expect(s.steps.find(x => x.step === 'generation')?.ended_at).not.toBeNull();

    // who may start it again: orchestrators and admins
    expect((await generate(agent, null)).status).toBe(401);
    for (const who of ['Vik Viewer', 'Ian Infra', 'Sam Manager']) {
      const res = await generate(agent, who);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    expect((await status(agent)).status).toBe('genesis_approved');
    expect((await generate('no-such-agent', 'Olu Orchestrator')).status).toBe(
      404,
    );
    const again = await generate(agent, 'Olu Orchestrator');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      status: 'generating',
      generation: { attempt: 2, status: 'pending', reason: null },
    });
    // while generating, another start is a 409
    const twice = await generate(agent, 'Ada Admin');
    expect(twice.status).toBe(409);
    await t.codegen.run();
    s = await status(agent);
    expect(s.generation).toMatchObject({ attempt: 2, status: 'running' });
    expect(
      s.steps
        .filter(x => x.step === 'generation')
        .map(x => x.ended_at === null),
    ).toEqual([false, true]);
  });

  it('a task the scaffolder will not start fails the attempt (after the retry window)', async () => {
    t.scaffolder.startError = new Error(
      'the scaffolder answered 404: no template',
    );
    try {
      const agent = await t.approvedAgent('Unstartable');
      expect(await t.codegen.run()).toMatchObject({ failed: 1 });
      const s = await status(agent);
      expect(s.status).toBe('genesis_approved');
      expect(s.generation?.reason).toContain('no template');
    } finally {
      t.scaffolder.startError = undefined;
    }
  });

  it('a generation is overdue past its 15-minute budget', async () => {
    const agent = await t.approvedAgent('Slow Generation');
    await t.codegen.run();
    const before = t.clock.now;
    t.clock.now = new Date(before.getTime() + 16 * 60_000);
    try {
      const s = await status(agent);
      expect(s.status).toBe('generating');
      expect(s.overdue).toBe(true);
      expect(s.steps.at(-1)).toMatchObject({
        step: 'generation',
        overdue: true,
        ended_at: null,
      });
    } finally {
      t.clock.now = before;
    }
  });

  it('a rejected creation is never generated', async () => {
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
    const agent = rejected.body.agent_id;
    await t.codegen.run();
    expect(() => t.scaffolder.taskOf(agent)).toThrow();
    const res = await generate(agent, 'Ada Admin');
    expect(res.status).toBe(409);
    const s = await status(agent);
    expect(s.status).toBe('genesis_rejected');
    expect(s.generation).toBeNull();
  });
});

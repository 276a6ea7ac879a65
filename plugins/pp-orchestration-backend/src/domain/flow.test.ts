import {
  Creation,
  CreationActor,
  CreationEvent,
  newCreation,
  overdueSteps,
  stepTimings,
  transition,
} from './creation';
import {
  genesisVerdictEvent,
  validateCreationRequest,
  withGenesisDefaults,
} from './genesis';
import { evaluateChecklist, HANDOFF_ITEMS } from './handoff';
import {
  PIPELINE_STAGES,
  PipelineEventFacts,
  PipelineState,
  emptyPipeline,
  pipelineFailureReason,
  pipelineMove,
  reducePipeline,
} from './pipeline';

/*
 * The domain modules together, the way the service will use them: the Genesis verdict moves the
 * creation, GitHub's events move the pipeline and the pipeline moves the creation, the checklist
 * gates the handoff.
 */

const T0 = Date.parse('2026-12-03T08:00:00Z');
const at = (min: number) => new Date(T0 + min * 60_000);
const iso = (min: number) => at(min).toISOString();
const ana: CreationActor = { kind: 'user', id: 'user:default/ana' };
const ravi: CreationActor = { kind: 'user', id: 'user:default/ravi' };
const genesis: CreationActor = { kind: 'system', id: 'genesis' };
const github: CreationActor = { kind: 'system', id: 'github' };

function apply(c: Creation, e: CreationEvent, min: number): Creation {
  const r = transition(c, e, at(min));
  if (!r.ok) throw new Error(r.error.message);
  return r.creation;
}

/** Feeds GitHub events to the pipeline, and the moves they call for to the creation. */
function feed(
  creation: Creation,
  pipeline: PipelineState,
  events: Array<[number, PipelineEventFacts]>,
): [Creation, PipelineState] {
  let c = creation;
  let p = pipeline;
  for (const [min, e] of events) {
    const next = reducePipeline(p, e);
    const move = pipelineMove(p, next);
    if (move) {
      c = apply(
        c,
        {
          type: move,
          actor: github,
          reason: move === 'fail_ci' ? pipelineFailureReason(next) : undefined,
        },
        min,
      );
    }
    p = next;
  }
  return [c, p];
}

const job = (
  stage: number,
  status: 'queued' | 'in_progress' | 'completed',
  conclusion: 'success' | 'failure' | null,
  start: number,
  end: number | null,
  attempt = 1,
): [number, PipelineEventFacts] => [
  end ?? start,
  {
    kind: 'workflow_job',
    run_id: 7,
    run_attempt: attempt,
    job_id: 100 * attempt + stage,
    name: PIPELINE_STAGES[stage].job,
    status,
    conclusion,
    started_at: iso(start),
    completed_at: end === null ? null : iso(end),
    html_url: `https://github.com/waooaw/agent-x/actions/runs/7/job/${
      100 * attempt + stage
    }`,
  },
];

describe('a creation from request to production_ready', () => {
  it('goes through Genesis, generation, a failed and a re-run pipeline, and the handoff', () => {
    let c = newCreation('c-42', ana, at(0));
    c = apply(
      c,
      { type: 'start_genesis', actor: { kind: 'system', id: 'pp' } },
      0,
    );
    const verdict = validateCreationRequest(
      withGenesisDefaults({
        agent_name: 'Lead Qualifier',
        industry: 'sales',
        specialty: 'lead-prospecting',
      }),
    );
    c = apply(c, genesisVerdictEvent(verdict, genesis), 1);
    c = apply(
      c,
      { type: 'start_generation', actor: { kind: 'system', id: 'scaffolder' } },
      1,
    );

    // attempt 1: unit tests fail; the creation is ci_failed with the reason and the log link
    let p = emptyPipeline();
    [c, p] = feed(c, p, [
      job(0, 'in_progress', null, 10, null),
      job(0, 'completed', 'success', 10, 12),
      job(1, 'completed', 'failure', 12, 19),
    ]);
    expect(c.status).toBe('ci_failed');
    expect(c.history[c.history.length - 1].reason).toBe(
      'Unit tests (Pytest) failed (https://github.com/waooaw/agent-x/actions/runs/7/job/101)',
    );

    // attempt 2: re-run failed jobs: the pipeline passes, the creation follows
    [c, p] = feed(c, p, [
      job(1, 'in_progress', null, 30, null, 2),
      ...[1, 2, 3, 4].map(i =>
        job(i, 'completed', 'success', 30 + (i - 1) * 5, 35 + (i - 1) * 5, 2),
      ),
    ]);
    expect(p.status).toBe('passed');
    expect(c.status).toBe('ci_passed');

    // the handoff: refused until the checklist is ticked with evidence, accepted when complete
    const facts = {
      image_pushed: p.stages[4].status === 'passed',
      health_check: { healthy: true, checked_at: at(100) },
      alert_thresholds: true,
      on_call: true,
      sla_defined: true,
    };
    const partial = evaluateChecklist(
      [{ key: 'runbook', done: true, evidence: 'https://wiki/runbook' }],
      facts,
      at(60),
    );
    const refused = transition(
      c,
      { type: 'submit_handoff', actor: ana, checklist: partial },
      at(60),
    );
    expect(!refused.ok && refused.error.kind).toBe('unmet');

    const ticked = HANDOFF_ITEMS.map(i => ({
      key: i.key,
      done: true,
      evidence: `https://wiki/agents/lead-qualifier/${i.key}`,
    }));
    c = apply(
      c,
      {
        type: 'submit_handoff',
        actor: ana,
        checklist: evaluateChecklist(ticked, facts, at(60)),
      },
      60,
    );
    c = apply(
      c,
      {
        type: 'accept_handoff',
        actor: ravi,
        checklist: evaluateChecklist(ticked, facts, at(105)),
      },
      105,
    );
    expect(c.status).toBe('production_ready');

    expect(
      stepTimings(c, at(200)).map(s => [s.step, s.elapsed_ms / 60_000]),
    ).toEqual([
      ['genesis', 1],
      ['generation', 9],
      ['ci', 9],
      ['ci', 20],
      ['handoff', 55],
    ]);
    expect(overdueSteps(c, at(200))).toEqual([]);
    expect(c.history.map(h => h.to)).toEqual([
      'requested',
      'genesis_validating',
      'genesis_approved',
      'generating',
      'ci_running',
      'ci_failed',
      'ci_running',
      'ci_passed',
      'handoff_pending',
      'production_ready',
    ]);
  });

  it('stops for good at a Genesis rejection', () => {
    let c = newCreation('c-43', ana, at(0));
    c = apply(c, { type: 'start_genesis', actor: genesis }, 0);
    const verdict = validateCreationRequest(
      withGenesisDefaults({
        agent_name: 'Growth Hacker',
        industry: 'marketing',
        specialty: 'content-strategy',
        shares_customer_data_with: ['WAOOAW growth team'],
      }),
    );
    c = apply(c, genesisVerdictEvent(verdict, genesis), 2);
    expect(c.status).toBe('genesis_rejected');
    // GitHub events for a repository that should not exist move nothing
    const [after] = feed(c, emptyPipeline(), []);
    expect(after).toBe(c);
    const r = transition(
      c,
      {
        type: 'start_generation',
        actor: { kind: 'user', id: 'user:default/admin' },
      },
      at(3),
    );
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'conflict', allowed: [] },
    });
  });
});

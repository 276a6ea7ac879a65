import {
  PP_AGENT_CREATION_STATUSES,
  PP_AGENT_INDUSTRIES,
  PP_CICD_STAGE_KEYS,
  PP_CICD_STAGE_STATUSES,
  PP_CREATION_STEPS,
  PP_GENESIS_RULES,
  PP_HANDOFF_ITEM_KEYS,
  ppAgentCreationSchema,
  ppCicdPipelineSchema,
} from '@internal/plugin-pp-common';
import {
  CREATION_STATUSES,
  STEP_BUDGETS,
  allowedMoves,
  newCreation,
  stepTimings,
} from './creation';
import { GENESIS_RULES, validateCreationRequest } from './genesis';
import { HANDOFF_ITEMS } from './handoff';
import { INDUSTRIES, SPECIALTIES } from './industries';
import { PIPELINE_STAGES, emptyPipeline } from './pipeline';

/** The domain's tables and the API's enums (`pp-common/src/orchestration.ts`) name the same things. */
describe('the domain and the API contract', () => {
  it('share the enums', () => {
    expect(CREATION_STATUSES).toBe(PP_AGENT_CREATION_STATUSES);
    expect(INDUSTRIES).toBe(PP_AGENT_INDUSTRIES);
    expect(GENESIS_RULES.map(r => r.key)).toEqual([...PP_GENESIS_RULES]);
    expect(STEP_BUDGETS.map(s => s.step)).toEqual([...PP_CREATION_STEPS]);
    expect(PIPELINE_STAGES.map(s => s.key)).toEqual([...PP_CICD_STAGE_KEYS]);
    expect(HANDOFF_ITEMS.map(i => i.key)).toEqual([...PP_HANDOFF_ITEM_KEYS]);
    expect(PP_CICD_STAGE_STATUSES).toContain('halted');
  });

  it('has a specialty for every industry', () => {
    for (const industry of INDUSTRIES) {
      expect(SPECIALTIES.some(s => s.industry === industry)).toBe(true);
    }
  });

  it('maps a creation and a pipeline onto the response schemas', () => {
    const now = new Date('2026-12-03T08:00:00Z');
    const c = newCreation('c-1', { kind: 'user', id: 'user:default/ana' }, now);
    const verdict = validateCreationRequest({
      agent_name: 'x',
      industry: 'sales',
      specialty: 'sales-forecasting',
      serves: 'customer',
      shares_customer_data_with: [],
      data_access: ['salesforce'],
      permissions: ['salesforce:read'],
      audit_enabled: true,
    });
    expect(() =>
      ppAgentCreationSchema.parse({
        creation_id: c.id,
        agent_id: 'lead-qualifier',
        agent_name: 'Lead Qualifier',
        industry: 'sales',
        specialty: 'sales-forecasting',
        status: c.status,
        genesis_status: 'approved',
        genesis: { ...verdict, decided_at: now.toISOString() },
        allowed_moves: allowedMoves(c.status),
        steps: stepTimings(c, now).map(s => ({
          ...s,
          started_at: s.started_at.toISOString(),
          ended_at: s.ended_at?.toISOString() ?? null,
        })),
        overdue: false,
        history: c.history.map(h => ({
          ...h,
          at: h.at.toISOString(),
          reason: h.reason ?? null,
        })),
        created_by: 'user:default/ana',
        created_at: now.toISOString(),
        completed_at: null,
      }),
    ).not.toThrow();
    const p = emptyPipeline();
    expect(() =>
      ppCicdPipelineSchema.parse({
        agent_id: 'lead-qualifier',
        ...p,
        stages: p.stages.map(s => ({ ...s })),
      }),
    ).not.toThrow();
  });
});

import {
  ppAgentKnowledgeSchema,
  ppRetuningEvaluationAcceptedSchema,
  ppRetuningEvaluationSchema,
  ppRetuningPageSchema,
  ppRetuningSchema,
} from '@internal/plugin-pp-common';
import {
  PpApiRouter,
  PpGuard,
  parseInput,
  readJsonBody,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
import type { RetuningApi } from './retuningApi';
import type { RetuningService } from './RetuningService';

const evaluationParams = z.object({
  retuning_id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a retuning id'),
});

/**
 * The retuning block of the contract on the knowledge plugin's router (helper C passes it):
 * propose, approve, decline, evaluations (service principals), the list, one, an agent's knowledge.
 */
export function registerRetuningRoutes(
  routes: PpApiRouter,
  deps: { api: RetuningApi; service: RetuningService; guard: PpGuard },
) {
  const { api, guard, service } = deps;
  routes.post('/agents/{agent_id}/retune', {
    command: api.retune,
    summary: 'Propose retuning an agent on a knowledge version',
    description:
      'Genesis validates the proposal at once (bias, harmful content, constitutional alignment, duplicates, data quality): rejected is final for every role and route; approved waits for an admin. With an external Genesis configured (`pp.knowledge.retuning.genesis`), a proposal the built-in checks pass is answered still `validating` with `genesis.verdict` `pending` (the built-in findings on it): Genesis posts its verdict later to `POST /agent-retuning/webhooks/genesis`; a failed built-in check rejects it at once. One active retuning per agent (409).',
    status: 201,
    response: ppRetuningSchema,
    errors: [409],
  });
  routes.post('/agent-retuning/{retuning_id}/approve', {
    command: api.approve,
    headers: { 'If-Match': 'if_match' },
    summary: 'Approve a retuning Genesis approved (admins): the rollout starts',
    description:
      'Blue-green (10 % for the watch, then 100 %) or canary (10, 25, 50 %), rolled back on error rate > 5 %, p95 > 2× baseline, complaints > 3 or accuracy more than 5 % below blue; then checked 1 h, 24 h and 7 days after.',
    response: ppRetuningSchema,
    errors: [409, 412],
  });
  routes.post('/agent-retuning/{retuning_id}/decline', {
    command: api.decline,
    headers: { 'If-Match': 'if_match' },
    summary: 'Decline a retuning Genesis approved (admins)',
    response: ppRetuningSchema,
    errors: [409, 412],
  });
  routes.post('/agent-retuning/{retuning_id}/evaluations', {
    summary:
      'Report blue or green accuracy during a retuning (the agent’s evaluation service)',
    description:
      'For a service principal of the agent’s own evaluation service (the agent’s catalog entity, its health service’s, or an entity its `pp.waooaw.com/evaluation-service` annotation names; any other service gets 403): the accuracy of the blue or green side on the agent’s evaluation set. The accuracy gate compares the latest green figure with the latest blue one. 409 outside deploying and monitoring (a rejected retuning answers that its rejection is final).',
    access: 'service',
    body: ppRetuningEvaluationSchema,
    status: 202,
    response: ppRetuningEvaluationAcceptedSchema,
    errors: [409],
    handler: async (req, res) => {
      const ctx = await guard.authorizeServicePrincipal(req, res);
      const { retuning_id } = parseInput(evaluationParams, req.params, 'path');
      const body = parseInput(
        ppRetuningEvaluationSchema,
        await readJsonBody(
          req,
          ctx,
          'POST /pp/v1/agent-retuning/{retuning_id}/evaluations',
        ),
        'request body',
      );
      const out = await service.reportEvaluation(ctx.principal, {
        ...body,
        retuning_id,
      });
      await guard.audit(ctx, {
        action: 'pp.retuning.evaluation',
        resource: `agent-retuning:${retuning_id}`,
        details: {
          side: body.side,
          accuracy: body.accuracy,
          samples: body.samples,
        },
      });
      res.status(202).json(out);
    },
  });
  routes.get('/agent-retuning', {
    command: api.list,
    summary: 'Retuning proposals, newest first',
    description:
      'A versioned read: an unchanged list answers 304 to If-None-Match (poll at the suggested max-age).',
    response: ppRetuningPageSchema,
    maxAgeSeconds: 10,
  });
  routes.get('/agent-retuning/{retuning_id}', {
    command: api.get,
    summary:
      'A retuning: Genesis verdict, decision, rollout, post-deployment checks',
    description:
      'A versioned read: an unchanged retuning answers 304 to If-None-Match (poll at the suggested max-age while it deploys).',
    response: ppRetuningSchema,
    maxAgeSeconds: 10,
  });
  routes.get('/agents/{agent_id}/knowledge', {
    command: api.agentKnowledge,
    summary:
      'The knowledge an agent runs on, its active retuning and its history',
    response: ppAgentKnowledgeSchema,
  });
}

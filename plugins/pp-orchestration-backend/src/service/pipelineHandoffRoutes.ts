import {
  ppCicdPipelineSchema,
  ppHandoffPageSchema,
  ppHandoffSchema,
} from '@internal/plugin-pp-common';
import type { PpApiRouter } from '@internal/plugin-pp-node';
import { PipelineHandoffApi } from './pipelineHandoffApi';

/**
 * HTTP of the pipeline and handoff part of the Agent Orchestration block, relative to /pp/v1.
 * (GitHub's webhook is the events backend's: `/pp/v1/webhooks/github`.)
 */
export function addPipelineHandoffRoutes(
  routes: PpApiRouter,
  api: PipelineHandoffApi,
) {
  routes.get('/agents/{agent_id}/cicd-pipeline', {
    command: api.pipeline,
    summary: 'An agent’s CI/CD pipeline: stages, status, durations, logs',
    description:
      'The agent repository’s latest CI run (attempt) as GitHub’s signed `workflow_run` / `workflow_job` webhooks reported it: the five stages (lint, unit tests, build image, integration tests, push) with their status, times, durations against the expected ones, and the job log links. A failed stage halts the later ones. Five pending stages before the first run.',
    response: ppCicdPipelineSchema,
  });
  routes.get('/agent-handoff', {
    command: api.handoffQueue,
    summary: 'The handoff review queue, nearest OLA deadline first',
    description:
      'Handoffs of a status (default `pending`), paged, sorted by their 24 h review deadline, each with its evaluated checklist and OLA state (on_track, reminder_due, breached, met, met_late).',
    response: ppHandoffPageSchema,
  });
  routes.post('/agent-handoff', {
    command: api.submitHandoff,
    summary: 'Hand a CI-passed agent off to the service team',
    description:
      'Submits the 8-item checklist with evidence for a `ci_passed` (or `handoff_rejected`) creation: every item ticked with evidence (a link or a note of 10+ characters). PP verifies what it can itself (image pushed: CI stage 5 passed; health check: the health plugin’s last check, unverifiable when it has none): an item its facts contradict is shown unsatisfied (`complete: false`) and must be fixed before the accept. The creation becomes `handoff_pending` and the service team’s 24 h review OLA starts (reminder at 80 %, breach at 100 %).',
    status: 201,
    response: ppHandoffSchema,
    errors: [404, 409],
  });
  routes.post('/agent-handoff/{handoff_id}/accept', {
    command: api.acceptHandoff,
    summary: 'Accept a handoff: the agent is production ready',
    description:
      'The checklist is evaluated again now and must be complete; the creation becomes `production_ready` (final) and the creation team is notified. 409 when the handoff was decided already or the checklist is no longer complete.',
    response: ppHandoffSchema,
    errors: [404, 409],
  });
  routes.post('/agent-handoff/{handoff_id}/reject', {
    command: api.rejectHandoff,
    summary: 'Reject a handoff with a reason',
    description:
      'Back to the creation team with what to fix (a reason of 10+ characters): the creation becomes `handoff_rejected`; it is submitted again, or goes through CI again after a fix. 409 when the handoff was decided already.',
    response: ppHandoffSchema,
    errors: [404, 409],
  });
}

import {
  PpAuditEntry,
  PpGuard,
  PpWebhookDeliveries,
  createPpApiRouter,
  ppAuditErrors,
  ppSignedWebhookHandler,
  ppSignedWebhookHeaders,
} from '@internal/plugin-pp-node';
import {
  ppAgentCreationSchema,
  ppGeneratedAgentListSchema,
  ppGenesisWebhookSchema,
} from '@internal/plugin-pp-common';
import { CreationCommands } from './CreationCommands';
import { toApiCreation } from './CreationQueries';
import { OrchestrationApi } from './orchestrationApi';
import { PipelineHandoffApi } from './pipelineHandoffApi';
import { addPipelineHandoffRoutes } from './pipelineHandoffRoutes';
import { CreationListApi, mountCreationList } from './creationList';
import { ReadinessApi, addReadinessRoutes } from './readinessApi';
import { addUpgradeRoutes } from '../rollouts/upgradeRoutes';
import type { UpgradesApi } from '../rollouts/upgradesApi';

/**
 * HTTP of the Agent Orchestration block of the contract, relative to /pp/v1: the creation slice
 * (create, creation status), the CI/CD pipeline and the handoff (`pipelineHandoffRoutes.ts`).
 */
export async function createRouter(options: {
  api: OrchestrationApi;
  guard: PpGuard;
  /** the CI/CD pipeline and handoff routes (`pipelineHandoffRoutes.ts`) */
  pipelineHandoff?: PipelineHandoffApi;
  /** the portal's creations board (`GET /agents/creations`) */
  list?: CreationListApi;
  /** an agent's operational readiness (`GET`/`PUT /agents/{agent_id}/readiness`) */
  readiness?: ReadinessApi;
  /** the agent upgrades (`rollouts/upgradeRoutes.ts`) */
  upgrades?: UpgradesApi;
  /** Genesis's signed webhook: the verdicts of the external Genesis (the plugin always mounts it). */
  genesisWebhook?: {
    commands: CreationCommands;
    deliveries: PpWebhookDeliveries;
    /** `pp.orchestration.genesis.webhookSecret`; without it every call is a 401 */
    secret: string | undefined;
    audit?: (entry: PpAuditEntry) => Promise<void>;
    now?: () => Date;
  };
}) {
  const { api, guard } = options;
  const routes = createPpApiRouter({
    pluginId: 'pp-orchestration',
    title: 'Agent orchestration',
    guard,
  });

  routes.post('/agents/create', {
    command: api.create,
    summary: 'Request a new agent (Genesis validates it)',
    description:
      'Records the creation and runs the Genesis gate: with the built-in validator (the default) in the same request, the answer is the creation `genesis_approved` (code generation comes next) or `genesis_rejected` with one reason per failed rule (customer sovereignty, data privacy, transparency, least privilege). With an external Genesis configured, the answer is the creation `genesis_validating`; Genesis posts its verdict to `POST /webhooks/genesis`. A rejection is final: no role, admin included, can move the creation on. The requester is notified of the verdict.',
    status: 201,
    response: ppAgentCreationSchema,
  });
  routes.get('/agents/{agent_id}/creation-status', {
    command: api.creationStatus,
    summary: 'An agent creation’s state, Genesis verdict, step timings',
    description:
      'Its status, the moves allowed next, the Genesis verdict, every step attempt against the spec’s budget (Genesis 5 min, code generation 15 min, CI 35 min, handoff 2 days) with `overdue` flags, and the history.',
    response: ppAgentCreationSchema,
  });

  if (api.generate && api.generated) {
    routes.post('/agents/{agent_id}/generate', {
      command: api.generate,
      summary: 'Start an approved agent’s code generation again',
      description:
        'After a failed code generation (the creation is back in `genesis_approved`, the reason in its history and `generation`) or a failed CI run: starts the PP template in the scaffolder again (`start_generation` → `generating`) and answers the creation with its new pending attempt. 409 from any other state; a Genesis rejection is final, for every role.',
      response: ppAgentCreationSchema,
      errors: [404, 409],
    });
    routes.get('/agents/generated', {
      command: api.generated,
      summary: 'The agents whose repository was generated',
      description:
        'Every creation whose code generation succeeded, with its repository and status: what the catalog’s agent entity provider registers (`ai-agent` Components, lifecycle `production` once production ready).',
      response: ppGeneratedAgentListSchema,
    });
  }
  if (options.pipelineHandoff) {
    addPipelineHandoffRoutes(routes, options.pipelineHandoff);
  }
  // the portal's board: its own file, beside the contract routes
  if (options.list) mountCreationList(routes, options.list);
  if (options.readiness) addReadinessRoutes(routes, options.readiness);
  if (options.upgrades) addUpgradeRoutes(routes, options.upgrades);
  if (options.genesisWebhook) {
    const genesisWebhook = options.genesisWebhook;
    const now = genesisWebhook.now ?? (() => new Date());
    routes.post('/webhooks/genesis', {
      access: 'signed',
      summary: 'Genesis’s verdict on a creation (signed webhook)',
      description:
        'The external Genesis posts its verdict on a creation waiting in `genesis_validating`, named by `creation_id` or `agent_id`: `approved` moves it to `genesis_approved`, `rejected` (with its reasons) to `genesis_rejected`, which is final. Any other state is a 409 naming the allowed moves (a rejected creation cannot be approved). The move, its history entry (actor: system `genesis`), the requester’s notice and the audit record are written together.',
      headers: ppSignedWebhookHeaders('pp.orchestration.genesis.webhookSecret'),
      body: ppGenesisWebhookSchema,
      status: 200,
      response: ppAgentCreationSchema,
      errors: [404, 409],
      handler: ppSignedWebhookHandler({
        source: 'genesis',
        route: 'POST /pp/v1/webhooks/genesis',
        secret: () => genesisWebhook.secret,
        deliveries: genesisWebhook.deliveries,
        schema: ppGenesisWebhookSchema,
        audit: genesisWebhook.audit,
        now,
        handle: async input =>
          toApiCreation(
            await genesisWebhook.commands.recordGenesisVerdict(input, input),
            now(),
          ),
      }),
    });
  }

  routes.router.use(ppAuditErrors(guard));
  return routes;
}

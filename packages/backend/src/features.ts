import appBackend from '@backstage/plugin-app-backend';
import proxyBackend from '@backstage/plugin-proxy-backend';
import authBackend from '@backstage/plugin-auth-backend';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogBackendModuleLogs from '@backstage/plugin-catalog-backend-module-logs';
import permissionBackend from '@backstage/plugin-permission-backend';
import searchBackend from '@backstage/plugin-search-backend';
import searchBackendModulePg from '@backstage/plugin-search-backend-module-pg';
import searchBackendModuleCatalog from '@backstage/plugin-search-backend-module-catalog';
import userSettingsBackend from '@backstage/plugin-user-settings-backend';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import signalsBackend from '@backstage/plugin-signals-backend';
import mcpActionsBackend from '@backstage/plugin-mcp-actions-backend';
import {
  ppActionsServiceFactory,
  ppAuthServiceFactory,
  ppExternalTokenHandlerFactory,
} from '@internal/plugin-pp-node';
import ppUsersPlugin, {
  ppAuthModule,
  ppPermissionPolicyModule,
} from '@internal/plugin-pp-users-backend';
import ppHelpdeskPlugin from '@internal/plugin-pp-helpdesk-backend';
import ppHealthPlugin from '@internal/plugin-pp-health-backend';
import ppSubscriptionsPlugin, {
  ppCustomerPortalWebhookModule,
} from '@internal/plugin-pp-subscriptions-backend';
import ppSlaPlugin from '@internal/plugin-pp-sla-backend';
import ppKnowledgePlugin from '@internal/plugin-pp-knowledge-backend';
import ppOrchestrationPlugin, {
  ppAgentCatalogModule,
  ppScaffolderModule,
} from '@internal/plugin-pp-orchestration-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import catalogBackendModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderBackendModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import ppOrchestrationArgoRolloutsModule, {
  ppKnowledgeArgoRolloutsModule,
} from '@internal/plugin-pp-orchestration-backend-module-argo-rollouts';
import eventsBackend from '@backstage/plugin-events-backend';
import eventsBackendModuleGithub from '@backstage/plugin-events-backend-module-github';
import { ppRootHttpRouterFactory, ppV1Mounts } from './ppV1';
import { ppSearchCollatorsModule } from './search/ppSearchCollators';
import { ppApiEntitiesModule } from './catalog/ppApiEntities';
import { ppRootHealthServiceFactory } from './runtime/ppRootHealth';
import { ppHttpRouterServiceFactory } from './runtime/ppHttpRouter';

/** The PP backend plugins installed in this backend; /pp/v1 paths of others answer 404. */
export const installedPpPluginIds = [
  'pp-users',
  'pp-helpdesk',
  'pp-health',
  'pp-subscriptions',
  'pp-orchestration',
  'pp-sla',
  'pp-knowledge',
];

/**
 * Contract endpoints of an installed plugin that are not built yet: until they are, they answer
 * 404 and the RBAC matrix and the OpenAPI contract test leave out exactly these. Remove an entry
 * with the route that implements it.
 */
export const pendingPpEndpoints: string[] = [
  // pp-orchestration (#15): every contract route is built (GitHub's webhook is the events
  // backend's); none pending
];

/**
 * Everything the backend runs, in one list so tests boot exactly the production composition.
 */
export const backendFeatures = [
  // The root router: /pp/v1 and the PP access gate in front of every plugin's routes.
  ppRootHttpRouterFactory(ppV1Mounts),
  // Readiness also reports PostgreSQL and Redis: not ready while either is unreachable.
  ppRootHealthServiceFactory,
  // Every plugin's router: Backstage's, with PostgreSQL/Redis outages answered 503 + Retry-After.
  ppHttpRouterServiceFactory,
  // PP bearer tokens (PP_ADMIN_TOKEN, agent and service API tokens) authenticate in every plugin.
  ppExternalTokenHandlerFactory,
  // Every plugin's auth service: Backstage's, remembering verified user tokens until they expire.
  ppAuthServiceFactory,
  // What AI agents list and call through MCP: the PP rules per role, PP token callers as themselves.
  ppActionsServiceFactory,

  appBackend,
  proxyBackend,

  // auth: Google and the embedded default's dev sign-in, both through the PP sign-in rules
  authBackend,
  ppAuthModule,

  // catalog: services, agents and teams come from catalog YAML
  catalogBackend,
  catalogBackendModuleLogs,
  // one API entity (OpenAPI 3.1) per PP plugin, generated from its routes
  ppApiEntitiesModule,
  // the generated AI agents (ai-agent Components, from pp-orchestration's creations)
  ppAgentCatalogModule,
  // Template entities (the PP template, templates/pp-ai-agent)
  catalogBackendModuleScaffolderEntityModel,

  // scaffolder: the PP template generates each approved agent's repository (pp-orchestration
  // starts it); published to GitHub in production, to a local bare git repository by default
  scaffolderBackend,
  scaffolderBackendModuleGithub,
  ppScaffolderModule,

  // permission framework, decided by the PP role policy
  permissionBackend,
  ppPermissionPolicyModule,

  // search: PostgreSQL engine when available, in-memory Lunr otherwise
  searchBackend,
  searchBackendModulePg,
  searchBackendModuleCatalog,
  // tickets, services' health and people (admins), each found only by those who may open it
  ppSearchCollatorsModule,

  userSettingsBackend,
  // events: the bus between plugins and instances, and signed webhooks' HTTP ingress
  // (/pp/v1/webhooks/* map onto /api/events/http/<topic>)
  eventsBackend,
  ppCustomerPortalWebhookModule,
  // GitHub's webhooks (/pp/v1/webhooks/github): signature checked with
  // events.modules.github.webhookSecret (no secret, no route), re-published per event type
  // (github.workflow_run, github.workflow_job) for pp-orchestration's CI/CD pipelines
  eventsBackendModuleGithub,
  notificationsBackend,
  signalsBackend,

  // AI agents reach PP actions through MCP
  mcpActionsBackend,

  // Platform Portal plugins
  ppUsersPlugin,
  ppHelpdeskPlugin,
  ppHealthPlugin,
  ppSubscriptionsPlugin,
  ppOrchestrationPlugin,
  ppSlaPlugin,
  ppKnowledgePlugin,
  // the argo-rollouts deployment target of agent upgrades; used only when
  // pp.orchestration.deployment.target is argo-rollouts (its Kubernetes client is made on first use)
  ppOrchestrationArgoRolloutsModule,
  // the same target for the knowledge plugin's agent retunings (the knowledge version in the agent
  // container's PP_KNOWLEDGE_VERSION, the image untouched); used only when
  // pp.knowledge.retuning.deployment.target is argo-rollouts
  ppKnowledgeArgoRolloutsModule,
];

import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';

// `name` (the extension's) and `params.name` (the widget's, see ppHomeCards in pp-common).
const welcomeWidget = HomePageWidgetBlueprint.make({
  name: 'welcome',
  params: {
    name: 'PlatformPortalWelcome',
    title: 'Where to go',
    description: 'The areas of the Platform Portal you may open',
    components: async () => {
      const { WelcomeCard } = await import('./WelcomeCard');
      return { Content: WelcomeCard };
    },
  },
});

/**
 * A PP plugin's home card as a widget. The plugin exports the card (its content, which uses the
 * plugin's API and routes); the home page layout shows it only to people with the permission
 * ppHomeCards names for it.
 */
const ppCard = (
  extensionName: string,
  params: { name: string; title: string; description: string },
  load: () => Promise<() => JSX.Element>,
) =>
  HomePageWidgetBlueprint.make({
    name: extensionName,
    params: {
      ...params,
      components: async () => ({ Content: await load() }),
    },
  });

const health = () => import('@internal/plugin-pp-health');
const helpdesk = () => import('@internal/plugin-pp-helpdesk');
const users = () => import('@internal/plugin-pp-users');
const subscriptions = () => import('@internal/plugin-pp-subscriptions');
const orchestration = () => import('@internal/plugin-pp-orchestration');
const sla = () => import('@internal/plugin-pp-sla');

const ppCards = [
  ppCard(
    'pp-health-summary',
    {
      name: 'PpHealthSummary',
      title: 'Platform health',
      description: 'Services up, degraded and down, uptime and open alerts',
    },
    async () => (await health()).HealthSummaryCard,
  ),
  ppCard(
    'pp-open-alerts',
    {
      name: 'PpOpenAlerts',
      title: 'Open alerts',
      description: 'Firing health alerts, each linking to its service',
    },
    async () => (await health()).OpenAlertsCard,
  ),
  ppCard(
    'pp-queue-backlog',
    {
      name: 'PpQueueBacklog',
      title: 'Queue backlog',
      description: 'Work waiting in Temporal, Celery and RabbitMQ',
    },
    async () => (await health()).QueueBacklogCard,
  ),
  ppCard(
    'pp-my-tickets',
    {
      name: 'PpMyTickets',
      title: 'My tickets',
      description: 'Open tickets assigned to me, most urgent first',
    },
    async () => (await helpdesk()).MyTicketsCard,
  ),
  ppCard(
    'pp-sla-at-risk',
    {
      name: 'PpSlaAtRisk',
      title: 'SLA breaches imminent',
      description: 'Open tickets past 80 % of their SLA, or past it',
    },
    async () => (await helpdesk()).SlaAtRiskCard,
  ),
  ppCard(
    'pp-unassigned-tickets',
    {
      name: 'PpUnassignedTickets',
      title: 'Unassigned queue',
      description: 'Tickets nobody has picked up yet',
    },
    async () => (await helpdesk()).UnassignedTicketsCard,
  ),
  ppCard(
    'pp-subscriptions-at-risk',
    {
      name: 'PpSubscriptionsAtRisk',
      title: 'Subscriptions at risk',
      description: 'Subscriptions whose health score is at risk or critical',
    },
    async () => (await subscriptions()).SubscriptionsAtRiskCard,
  ),
  ppCard(
    'pp-overdue-creations',
    {
      name: 'PpOverdueCreations',
      title: 'Creations overdue',
      description: 'Agent creations whose step is over its time budget',
    },
    async () => (await orchestration()).OverdueCreationsCard,
  ),
  ppCard(
    'pp-sla-breaches',
    {
      name: 'PpSlaBreaches',
      title: 'SLA breaches',
      description: 'Agents that missed an SLA target in the last 30 days',
    },
    async () => (await sla()).SlaBreachesCard,
  ),
  ppCard(
    'pp-role-requests',
    {
      name: 'PpRoleRequests',
      title: 'Pending role requests',
      description: 'Role requests waiting for an admin',
    },
    async () => (await users()).RoleRequestsCard,
  ),
  ppCard(
    'pp-audit-chain',
    {
      name: 'PpAuditChain',
      title: 'Audit log',
      description: 'Whether the audit hash chain is intact',
    },
    async () => (await users()).AuditChainCard,
  ),
  ppCard(
    'pp-user-counts',
    {
      name: 'PpUserCounts',
      title: 'People',
      description: 'People active, not signed in yet and deactivated',
    },
    async () => (await users()).UserCountsCard,
  ),
];

const homeLayout = HomePageLayoutBlueprint.make({
  params: {
    loader: async () => (await import('./HomePageLayout')).HomePageLayout,
  },
});

/** The Platform Portal home page: its banner, search bar and each person's cards. */
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [homeLayout, welcomeWidget, ...ppCards],
});

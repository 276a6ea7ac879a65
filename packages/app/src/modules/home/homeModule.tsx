import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const welcome = `
**WAOOAW's operations hub** for the AI-agent marketplace: the platform's microservices, its
AI agents and the people who run them, in one place. AI agents use the same functions through
the \`/pp/v1\` API and MCP tools.

- [Microservices](/catalog?filters%5Bkind%5D=component&filters%5Btype%5D=service): the 13
  monitored services, registered in catalog YAML
- [AI agents](/catalog?filters%5Bkind%5D=component&filters%5Btype%5D=ai-agent): the Genesis
  validator and the marketplace agents
- [Teams](/catalog?filters%5Bkind%5D=group): who owns what

**Areas**: Users & roles (admins) are live. Health, Helpdesk, Subscriptions, Agent orchestration,
SLA/OLA and Industry knowledge arrive as Platform Portal plugins.
`;

const welcomeWidget = HomePageWidgetBlueprint.make({
  name: 'welcome',
  params: {
    name: 'PlatformPortalWelcome',
    title: 'Platform Portal',
    description: 'What the Platform Portal is and where to start',
    components: async () => ({
      Content: () => <MarkdownContent content={welcome} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [welcomeWidget],
});

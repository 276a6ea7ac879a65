import { LoggerService } from '@backstage/backend-plugin-api';
import { PpRoleKey } from '@internal/plugin-pp-common';
import { DatabaseIdentityStore } from '@internal/plugin-pp-node';

/** Who created the seeded demo people (`created_by`); the dev sign-in admits only them. */
export const DEMO_SEED_ACTOR = 'pp-demo-seed';

/**
 * DEMO DATA, for the embedded default only (`pp.demo.enabled`): one person per role, so the dev
 * sign-in can show every role's view. Never seeded in production.
 */
export const DEMO_USERS: ReadonlyArray<{
  email: string;
  name: string;
  role: PpRoleKey;
}> = [
  {
    email: 'founder@waooaw.com',
    name: 'Farah Founder (demo admin)',
    role: 'admin',
  },
  {
    email: 'sam.subscriptions@waooaw.com',
    name: 'Sam Subscriptions (demo)',
    role: 'subscription_manager',
  },
  {
    email: 'olu.orchestrator@waooaw.com',
    name: 'Olu Orchestrator (demo)',
    role: 'agent_orchestrator',
  },
  {
    email: 'ines.infra@waooaw.com',
    name: 'Ines Infra (demo)',
    role: 'infrastructure_engineer',
  },
  {
    email: 'hari.helpdesk@waooaw.com',
    name: 'Hari Helpdesk (demo)',
    role: 'helpdesk_agent',
  },
  {
    email: 'ira.industry@waooaw.com',
    name: 'Ira Industry (demo)',
    role: 'industry_manager',
  },
  { email: 'vik.viewer@waooaw.com', name: 'Vik Viewer (demo)', role: 'viewer' },
];

/** Adds the demo people that are missing; leaves existing ones (and their edits) alone. */
export async function seedDemoUsers(
  users: DatabaseIdentityStore,
  logger: LoggerService,
): Promise<void> {
  let added = 0;
  for (const demo of DEMO_USERS) {
    if (await users.getUserByEmail(demo.email)) continue;
    await users.createUser(
      {
        email: demo.email,
        name: demo.name,
        kind: 'user',
        roles: [demo.role],
        entityRef: null,
        status: 'active',
      },
      DEMO_SEED_ACTOR,
    );
    added += 1;
  }
  if (added) logger.info(`Seeded ${added} demo users (pp.demo.enabled)`);
}

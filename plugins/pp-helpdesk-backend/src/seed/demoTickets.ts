import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PpCreateTicketRequest,
  PpTicketStatus,
} from '@internal/plugin-pp-common';
import {
  DatabaseIdentityStore,
  PpTransactionalNotifier,
  principalFromUser,
} from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { HelpdeskSettings } from '../service/config';
import { TicketService } from '../service/TicketService';

/**
 * The demo tickets' back-dated history is not news: replaying it writes no notices (the first real
 * change of a demo ticket is told as usual, through the plugin's notifier).
 */
const demoHistoryTellsNobody: PpTransactionalNotifier = {
  enqueue: async () => undefined,
  flush: () => undefined,
  notify: async () => [],
  deliverDue: async () => ({ sent: 0, retrying: 0, failed: 0 }),
  listDeliveries: async () => [],
  listMessages: async () => [],
};

/**
 * DEMO DATA, for the embedded default only (`pp.demo.enabled`): a handful of tickets across
 * priorities, types and statuses, linked to catalog services and agents, each labelled `demo`, so
 * the queue is not empty on first start. They are created through the real TicketService (with a
 * clock set back in time), so history, SLA due times and flags are exactly what real use gives.
 * Never seeded in production.
 */
const DEMO_TICKETS: Array<
  PpCreateTicketRequest & {
    minutesAgo: number;
    reporter: string;
    assignee?: string;
    steps?: Array<{ status: PpTicketStatus; reason?: string; notes?: string }>;
    comment?: string;
  }
> = [
  {
    type: 'incident',
    priority: 'critical',
    title: 'Payments failing with 502 from payment-service',
    description:
      'Checkout returns 502 for about 30 % of requests since the last deploy. Razorpay callbacks time out.',
    entity_ref: 'component:default/payment-service',
    minutesAgo: 13,
    reporter: 'ines.infra@waooaw.com',
  },
  {
    type: 'incident',
    priority: 'high',
    title: 'Agent execution engine queue backlog growing',
    description: 'Queue depth above 5k for 40 minutes; executions start late.',
    entity_ref: 'component:default/agent-execution-engine',
    minutesAgo: 100,
    reporter: 'olu.orchestrator@waooaw.com',
    assignee: 'ines.infra@waooaw.com',
    steps: [{ status: 'in_progress' }],
    comment: 'Scaling workers from 4 to 8 while we look for the slow consumer.',
  },
  {
    type: 'support',
    priority: 'medium',
    title: 'Customer cannot see trial agents in the marketplace',
    description:
      'A customer on the Growth plan reports an empty marketplace after sign-in. Could be a cache issue.',
    entity_ref: 'component:default/marketplace-service',
    minutesAgo: 300,
    reporter: 'sam.subscriptions@waooaw.com',
    assignee: 'hari.helpdesk@waooaw.com',
    steps: [{ status: 'in_progress' }, { status: 'on_hold' }],
    comment: 'Waiting for the customer to send a HAR file.',
  },
  {
    type: 'feature_request',
    priority: 'low',
    title: 'Export ticket queue as CSV',
    description:
      'Helpdesk would like a CSV export of the filtered queue for the weekly review.',
    minutesAgo: 60 * 20,
    reporter: 'hari.helpdesk@waooaw.com',
  },
  {
    type: 'support',
    priority: 'high',
    title: 'Genesis validator rejects valid agent manifests',
    description:
      'Manifests with a nested tools block fail validation since v2.3.',
    entity_ref: 'component:default/genesis-validator-service',
    minutesAgo: 60 * 5,
    reporter: 'olu.orchestrator@waooaw.com',
    assignee: 'hari.helpdesk@waooaw.com',
    steps: [
      { status: 'in_progress' },
      {
        status: 'resolved',
        notes:
          'Schema fixed in genesis-validator 2.3.1; manifests validate again.',
      },
    ],
  },
  {
    type: 'support',
    priority: 'medium',
    title: 'Reset notification preferences for the ops team',
    description: 'Ops team members get duplicate emails for every alert.',
    entity_ref: 'component:default/notification-service',
    minutesAgo: 60 * 30,
    reporter: 'vik.viewer@waooaw.com',
    assignee: 'hari.helpdesk@waooaw.com',
    steps: [
      { status: 'in_progress' },
      {
        status: 'resolved',
        notes: 'Duplicate subscriptions removed; one email per alert now.',
      },
      { status: 'closed' },
    ],
  },
];

export async function seedDemoTickets(options: {
  db: Knex;
  users: DatabaseIdentityStore;
  settings: HelpdeskSettings;
  logger: LoggerService;
  /** Demo users are seeded by pp-users; wait for them this long. */
  waitMs?: number;
}): Promise<number> {
  const { db, users, settings, logger } = options;
  const existing = await db('pp_tickets')
    .where('labels', 'like', '%"demo"%')
    .first('id');
  if (existing) return 0;
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  const person = async (email: string) => {
    for (;;) {
      const user = await users.getUserByEmail(email);
      if (user) return principalFromUser(user);
      if (Date.now() > deadline) return undefined;
      await new Promise(r => setTimeout(r, 500));
    }
  };
  let created = 0;
  for (const demo of DEMO_TICKETS) {
    const reporter = await person(demo.reporter);
    if (!reporter) {
      logger.warn(
        `Demo tickets: demo user ${demo.reporter} not found; skipped`,
      );
      continue;
    }
    // The ticket lives its demo history on a clock that started `minutesAgo` minutes ago.
    let at = Date.now() - demo.minutesAgo * 60_000;
    const clock = () => new Date(at);
    const service = await TicketService.create({
      database: { getClient: async () => db, migrations: { skip: true } },
      users,
      notifier: demoHistoryTellsNobody,
      settings,
      logger,
      now: clock,
    });
    const {
      minutesAgo,
      reporter: _r,
      assignee,
      steps,
      comment,
      ...input
    } = demo;
    let ticket = await service.create(
      { ...input, labels: ['demo', ...(input.labels ?? [])] },
      reporter,
    );
    const worker = assignee ? await person(assignee) : undefined;
    at += 4 * 60_000;
    if (worker) {
      ticket = await service.assign(ticket.id, worker.id, reporter, {
        version: ticket.version,
      });
    }
    for (const step of steps ?? []) {
      at += 6 * 60_000;
      ticket = await service.transition(
        ticket.id,
        {
          status: step.status,
          resolution_notes: step.notes,
          reason: step.reason,
        },
        worker ?? reporter,
        { version: ticket.version },
      );
    }
    if (comment) {
      at += 60_000;
      await service.comment(ticket.id, comment, worker ?? reporter);
    }
    created += 1;
  }
  logger.info(`Seeded ${created} demo helpdesk tickets (label "demo")`);
  return created;
}

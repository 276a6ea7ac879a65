import { Knex } from 'knex';

/*
 * DEMO / DEV ONLY. The demo Customer Portal of the embedded default: CP's three tables in a
 * SQLite database of their own, seeded with clearly labelled demo customers ("Demo …") of the
 * catalog's AI agents and ~30 days of runs, including failing, churned and paused cases. Used only when
 * `pp.customerPortal.database` is not configured and `pp.demo.enabled` is true; it is created and
 * seeded at startup, never in the request path. Like the real CP, the tables hold customer core
 * data (industry_data, strategic_plans) that PP must never read: the connector's allow-list keeps
 * it out, and the tests prove it with these tables.
 */

/** Creates CP's tables as the demo (and the tests) use them, sensitive columns included. */
export async function createCpTables(db: Knex) {
  await db.schema.createTable('agents', t => {
    t.string('id', 64).primary();
    t.string('name', 200).notNullable();
    t.string('industry', 100).nullable();
    t.text('system_prompt').nullable(); // not allow-listed
  });
  await db.schema.createTable('subscriptions', t => {
    t.string('id', 64).primary();
    t.string('customer_id', 64).notNullable();
    t.string('customer_name', 200).notNullable();
    t.string('agent_id', 64).notNullable();
    t.string('plan', 64).nullable();
    t.string('status', 32).notNullable();
    t.float('expected_runs_per_day').nullable();
    t.string('started_at', 32).nullable();
    t.string('canceled_at', 32).nullable();
    // the customer's contact for operational notices (SLA breaches); allow-listed
    t.string('contact_email', 254).nullable();
    // DEMO: the plan's monthly price, for the demo CP port's refunds (never read by the connector)
    t.float('monthly_price').nullable();
    // customer core data: never read by PP
    t.text('industry_data').nullable();
    t.text('strategic_plans').nullable();
    t.text('payment_card_last4').nullable();
  });
  await db.schema.createTable('agent_runs', t => {
    t.string('id', 64).primary();
    t.string('subscription_id', 64).notNullable();
    t.string('agent_id', 64).notNullable();
    t.string('status', 32).notNullable();
    t.text('inputs').nullable();
    t.text('outputs').nullable();
    t.text('actions').nullable();
    t.text('error_message').nullable();
    t.string('created_at', 32).notNullable();
    t.string('started_at', 32).nullable();
    t.string('finished_at', 32).nullable();
    // customer core data copied into the run by CP: never read by PP
    t.text('customer_industry_data').nullable();
    t.text('customer_strategic_plan').nullable();
    t.index(['subscription_id', 'created_at']);
  });
  // DEMO: the customers' operational settings per subscription (CP's own settings store in the
  // real system, read through CP's API by the CP port, never by the connector)
  await db.schema.createTable('demo_subscription_settings', t => {
    t.string('subscription_id', 64).primary();
    t.text('working_hours').nullable(); // JSON {days, start, end, timezone}
    t.float('approval_threshold_amount').nullable();
    t.float('data_freshness_hours').nullable();
    t.float('error_tolerance_percent').nullable();
    t.float('budget_limit_amount').nullable();
    t.string('budget_limit_period', 8).nullable();
    t.string('currency', 3).nullable();
    t.string('updated_at', 32).nullable();
  });
  // DEMO: the demo CP port's idempotency record (CP's own, in the real system)
  await db.schema.createTable('demo_cancel_requests', t => {
    t.string('idempotency_key', 200).primary();
    t.string('subscription_id', 64).notNullable();
    t.string('refund', 16).notNullable();
    t.text('reason').notNullable();
    t.float('refund_amount').nullable();
    t.string('canceled_at', 32).notNullable();
  });
}

/** DEMO: monthly plan prices of the demo CP. */
export const DEMO_PLAN_PRICES: Record<string, number> = {
  trial: 0,
  starter: 49,
  standard: 149,
  pro: 399,
};

/**
 * The demo's agents are the catalog's AI agents (catalog/agents.yaml: the `pp.waooaw.com/agent-id`
 * annotation and the title), so an agent's Subscriptions tab shows its demo subscriptions. The
 * customers and their runs are the demo part ("Demo …").
 */
const AGENTS = [
  {
    id: 'marketing-content-strategist',
    name: 'Marketing Content Strategist',
    industry: 'marketing',
  },
  {
    id: 'education-jee-math-tutor',
    name: 'JEE Math Tutor',
    industry: 'education',
  },
  {
    id: 'sales-prospecting-sdr',
    name: 'Sales Prospecting SDR',
    industry: 'sales',
  },
];

interface DemoCase {
  id: string;
  customer: string;
  agent: string;
  plan: string;
  status: string;
  cadence: number | null;
  /** Runs per day actually made, failure share, days since the last run (churned). */
  perDay: number;
  failShare: number;
  quietDays?: number;
  /** The last n runs fail (consecutive failures). */
  lastFailures?: number;
}

const CASES: DemoCase[] = [
  {
    id: 'demo-sub-001',
    customer: 'Demo Bakery Ltd',
    agent: 'marketing-content-strategist',
    plan: 'pro',
    status: 'active',
    cadence: 2,
    perDay: 2,
    failShare: 0.02,
  },
  {
    id: 'demo-sub-002',
    customer: 'Demo Coaching Centre',
    agent: 'education-jee-math-tutor',
    plan: 'standard',
    status: 'active',
    cadence: 4,
    perDay: 4,
    failShare: 0.05,
  },
  {
    id: 'demo-sub-003',
    customer: 'Demo Realty Group',
    agent: 'sales-prospecting-sdr',
    plan: 'pro',
    status: 'active',
    cadence: 3,
    perDay: 3,
    failShare: 0.6,
  },
  {
    id: 'demo-sub-004',
    customer: 'Demo Fitness Studio',
    agent: 'marketing-content-strategist',
    plan: 'starter',
    status: 'active',
    cadence: 2,
    perDay: 1,
    failShare: 0.15,
  },
  {
    id: 'demo-sub-005',
    customer: 'Demo Dental Clinic',
    agent: 'marketing-content-strategist',
    plan: 'starter',
    status: 'churned',
    cadence: 1,
    perDay: 1,
    failShare: 0.3,
    quietDays: 18,
  },
  {
    id: 'demo-sub-006',
    customer: 'Demo Book Shop',
    agent: 'marketing-content-strategist',
    plan: 'standard',
    status: 'paused',
    cadence: 1,
    perDay: 0.3,
    failShare: 0.1,
  },
  {
    id: 'demo-sub-007',
    customer: 'Demo Law Partners',
    agent: 'sales-prospecting-sdr',
    plan: 'trial',
    status: 'trial',
    cadence: null,
    perDay: 1,
    failShare: 0.1,
    lastFailures: 7,
  },
  {
    id: 'demo-sub-008',
    customer: 'Demo Language School',
    agent: 'education-jee-math-tutor',
    plan: 'pro',
    status: 'active',
    cadence: 6,
    perDay: 6,
    failShare: 0.01,
  },
  {
    id: 'demo-sub-009',
    customer: 'Demo Travel Agency',
    agent: 'marketing-content-strategist',
    plan: 'standard',
    status: 'canceled',
    cadence: 1,
    perDay: 1,
    failShare: 0.6,
    quietDays: 25,
  },
  {
    id: 'demo-sub-010',
    customer: 'Demo Garden Centre',
    agent: 'marketing-content-strategist',
    plan: 'standard',
    status: 'active',
    cadence: 2,
    perDay: 1.6,
    failShare: 0.2,
  },
];

/** DEMO: the customers' operational settings of some demo subscriptions. */
const DEMO_SETTINGS = [
  {
    subscription_id: 'demo-sub-001',
    working_hours: {
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '18:00',
      timezone: 'Asia/Kolkata',
    },
    approval_threshold_amount: 500,
    data_freshness_hours: 24,
    error_tolerance_percent: 5,
    budget_limit_amount: 300,
    budget_limit_period: 'month',
    currency: 'USD',
  },
  {
    subscription_id: 'demo-sub-004',
    working_hours: {
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      start: '07:00',
      end: '21:00',
      timezone: 'Europe/London',
    },
    approval_threshold_amount: 100,
    data_freshness_hours: 6,
    error_tolerance_percent: 10,
    budget_limit_amount: 20,
    budget_limit_period: 'day',
    currency: 'GBP',
  },
  {
    subscription_id: 'demo-sub-002',
    working_hours: null,
    approval_threshold_amount: null,
    data_freshness_hours: 48,
    error_tolerance_percent: 2,
    budget_limit_amount: 12000,
    budget_limit_period: 'month',
    currency: 'INR',
  },
];

const ERRORS = [
  'Upstream LLM timeout after 60s',
  'CRM API returned 401 (token expired)',
  'Output failed validation: missing field "subject"',
  'Rate limited by publishing API (429)',
];

/** DEMO: `ops@<customer>.example`, e.g. ops@demo-bakery-ltd.example. */
export function demoContactEmail(customer: string): string {
  return `ops@${customer
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.example`;
}

/** A small deterministic generator: the demo is the same on every start. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Seeds the demo CP (idempotent: does nothing when subscriptions exist). Returns the run count. */
export async function seedDemoCustomerPortal(
  db: Knex,
  now: Date = new Date(),
): Promise<number> {
  if (!(await db.schema.hasTable('subscriptions'))) await createCpTables(db);
  const [{ n }] = await db('subscriptions').count({ n: '*' });
  if (Number(n) > 0) return 0;
  const random = rng(14);
  await db('agents').insert(
    AGENTS.map(a => ({
      ...a,
      system_prompt: 'DEMO internal prompt (not for PP)',
    })),
  );
  const day = 24 * 3600 * 1000;
  const runs: any[] = [];
  for (const c of CASES) {
    await db('subscriptions').insert({
      id: c.id,
      customer_id: c.id.replace('sub', 'cust'),
      customer_name: c.customer,
      agent_id: c.agent,
      plan: c.plan,
      status: c.status,
      expected_runs_per_day: c.cadence,
      // DEMO: a labelled demo address on the reserved .example domain (never delivered anywhere real)
      contact_email: demoContactEmail(c.customer),
      monthly_price: DEMO_PLAN_PRICES[c.plan] ?? null,
      started_at: new Date(now.getTime() - 90 * day).toISOString(),
      canceled_at:
        c.status === 'canceled' || c.status === 'churned'
          ? new Date(now.getTime() - (c.quietDays ?? 0) * day).toISOString()
          : null,
      industry_data: `DEMO SECRET industry data of ${c.customer}`,
      strategic_plans: `DEMO SECRET strategic plan of ${c.customer}`,
      payment_card_last4: '4242',
    });
    const mine: any[] = [];
    for (let d = 30; d >= (c.quietDays ?? 0); d--) {
      const count = Math.floor(c.perDay + random());
      for (let k = 0; k < count; k++) {
        const created = new Date(
          now.getTime() - d * day + Math.floor(random() * day * 0.9) - day,
        );
        if (created.getTime() >= now.getTime()) continue;
        const failed = random() < c.failShare;
        mine.push({ c, created, failed });
      }
    }
    mine.sort((a, b) => a.created.getTime() - b.created.getTime());
    if (c.lastFailures) {
      for (const r of mine.slice(-c.lastFailures)) r.failed = true;
    }
    mine.forEach((r, i) => {
      const started = new Date(r.created.getTime() + 2000);
      const finished = new Date(
        started.getTime() + 20_000 + Math.floor(random() * 40_000),
      );
      runs.push({
        id: `${c.id}-run-${String(i + 1).padStart(4, '0')}`,
        subscription_id: c.id,
        agent_id: c.agent,
        status: r.failed ? 'failed' : 'succeeded',
        inputs: JSON.stringify({
          task: 'demo task',
          day: r.created.toISOString().slice(0, 10),
        }),
        outputs: JSON.stringify(r.failed ? null : { summary: 'Demo output' }),
        actions: JSON.stringify(
          r.failed ? [] : [{ type: 'publish', target: 'demo-channel' }],
        ),
        error_message: r.failed
          ? ERRORS[Math.floor(random() * ERRORS.length)]
          : null,
        created_at: r.created.toISOString(),
        started_at: started.toISOString(),
        finished_at: finished.toISOString(),
        customer_industry_data: `DEMO SECRET industry data of ${c.customer}`,
        customer_strategic_plan: `DEMO SECRET strategic plan of ${c.customer}`,
      });
    });
  }
  // DEMO: settings for some subscriptions; the others have none (every value null)
  await db('demo_subscription_settings').insert(
    DEMO_SETTINGS.map(x => ({
      ...x,
      working_hours: x.working_hours ? JSON.stringify(x.working_hours) : null,
      updated_at: new Date(now.getTime() - 10 * day).toISOString(),
    })),
  );
  for (let i = 0; i < runs.length; i += 100) {
    await db('agent_runs').insert(runs.slice(i, i + 100));
  }
  return runs.length;
}

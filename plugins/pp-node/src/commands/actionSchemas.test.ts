import {
  ppCreateTicketRequestSchema,
  ppLogQuerySchema,
  ppMicroserviceDetailSchema,
  ppTicketDetailSchema,
  ppTicketQuerySchema,
  ppUserSchema,
} from '@internal/plugin-pp-common';
import { z } from 'zod';
import { z as z3 } from 'zod/v3';
import { ppActionInputSchema, ppActionOutputSchema } from './actionSchemas';

const person = { id: 'u1', name: 'Ines', email: 'ines@example.com' };
const at = '2026-12-02T10:00:00.000Z';

const ticketDetail = {
  id: '0b9f2c1e-1d7e-4a53-9a53-3a0e7c1f0a11',
  key: 'TKT-000123',
  type: 'incident',
  priority: 'high',
  status: 'in_progress',
  title: 'payment-service is down',
  reporter: person,
  assignee: null,
  entity_ref: 'component:default/payment-service',
  labels: ['payments'],
  escalation_level: 0,
  sla: {
    policy: {
      response_minutes: 120,
      resolution_minutes: 1440,
      escalation_path: 'infrastructure_engineer',
    },
    response_due_at: at,
    resolution_due_at: at,
    first_response_at: null,
    due_at: at,
    response_state: 'ok',
    resolution_state: 'breach_imminent',
    paused_seconds: 0,
    paused_since: null,
    breach_imminent_at: at,
    breached_at: null,
  },
  version: 3,
  created_at: at,
  updated_at: at,
  description: 'It answers 503 since 10:00.',
  resolution_notes: null,
  escalated_to: null,
  escalation_reason: null,
  escalated_at: null,
  resolved_at: null,
  closed_at: null,
  attachments: [],
  allowed_transitions: ['on_hold', 'escalated', 'resolved'],
  timeline: [
    { kind: 'comment', id: 'c1', at, actor: person, body: 'Looking.' },
    {
      kind: 'change',
      id: 'h1',
      at,
      actor: person,
      field: 'status',
      old_value: 'open',
      new_value: 'in_progress',
    },
  ],
};

const microserviceDetail = {
  service_id: 'payment-service',
  entity_ref: 'component:default/payment-service',
  title: 'Payment service',
  owner: 'group:default/payments',
  health_check_url: 'http://payment/health',
  status: 'degraded',
  status_reason: 'error rate 12 % over the last hour (threshold 5 %)',
  last_seen_at: at,
  last_ok_at: at,
  p50_response_ms: 40,
  p95_response_ms: 220.5,
  error_rate: 0.12,
  uptime_24h_percent: 99.1,
  cpu_percent: null,
  memory_percent: 61,
  disk_percent: null,
  open_alerts: 1,
  data_source: 'demo',
  description: null,
  window: '24h',
  bucket_seconds: 3600,
  series: [
    {
      at,
      checks: 60,
      p50_response_ms: 40,
      p95_response_ms: 220,
      max_response_ms: 900,
      error_rate: 0.1,
      uptime_percent: 100,
    },
  ],
  recent_checks: [
    {
      id: 'k1',
      service_id: 'payment-service',
      source: 'check',
      status: 'degraded',
      response_time_ms: 300,
      http_status: 200,
      error_rate: 1,
      error: null,
      checked_at: at,
      data_source: 'demo',
    },
  ],
  alerts: [
    {
      id: 'a1',
      alert_type: 'high_error_rate',
      severity: 'warning',
      status: 'firing',
      service_id: 'payment-service',
      subject: null,
      message: 'error rate 12 %',
      value: 12,
      threshold: 5,
      started_at: at,
      resolved_at: null,
      updated_at: at,
      silenced: false,
      silence_id: null,
    },
  ],
  silences: [
    {
      id: 's1',
      kind: 'maintenance',
      service_id: null,
      alert_type: 'service_down',
      starts_at: at,
      ends_at: at,
      reason: 'db upgrade',
      created_by: person,
      created_at: at,
      ended_by: null,
      state: 'scheduled',
    },
  ],
};

/** The v4 and the bridged v3 schema agree on `value`. */
function expectSameVerdict(
  v4: z.ZodType,
  v3: z3.ZodTypeAny,
  value: unknown,
): boolean {
  const ok = v4.safeParse(value).success;
  expect({ value, v3: v3.safeParse(value).success }).toEqual({ value, v3: ok });
  return ok;
}

describe('ppActionOutputSchema', () => {
  const ticketOut = z.object({ ticket: ppTicketDetailSchema });
  const ticketV3 = ppActionOutputSchema(ticketOut)(z3);
  const serviceOut = z.object({ service: ppMicroserviceDetailSchema });
  const serviceV3 = ppActionOutputSchema(serviceOut)(z3);

  it('accepts what the contract schema accepts', () => {
    expect(
      expectSameVerdict(ticketOut, ticketV3, { ticket: ticketDetail }),
    ).toBe(true);
    expect(
      expectSameVerdict(serviceOut, serviceV3, { service: microserviceDetail }),
    ).toBe(true);
    // optional fields may be left out
    const { silences: _s, ...withoutSilences } = microserviceDetail;
    expect(
      expectSameVerdict(serviceOut, serviceV3, { service: withoutSilences }),
    ).toBe(true);
  });

  it('refuses what breaks the shape: a missing field, a wrong enum, a wrong type, a non-null null', () => {
    const broken = [
      { ticket: { ...ticketDetail, key: undefined } },
      { ticket: { ...ticketDetail, status: 'done' } },
      { ticket: { ...ticketDetail, version: '3' } },
      { ticket: { ...ticketDetail, version: 3.5 } },
      { ticket: { ...ticketDetail, description: null } },
      { ticket: { ...ticketDetail, reporter: { id: 'u1' } } },
      {
        ticket: {
          ...ticketDetail,
          timeline: [{ kind: 'vote', id: 'x', at, actor: person }],
        },
      },
    ];
    for (const value of broken) {
      expect(expectSameVerdict(ticketOut, ticketV3, value)).toBe(false);
    }
    expect(
      expectSameVerdict(serviceOut, serviceV3, {
        service: { ...microserviceDetail, window: '2d' },
      }),
    ).toBe(false);
  });

  it('lets fields the schema does not name pass through, at every level', () => {
    const extra = {
      ticket: {
        ...ticketDetail,
        new_field: 1,
        reporter: { ...person, team: 'payments' },
        sla: { ...ticketDetail.sla, extra: true },
      },
    };
    expect(ticketV3.parse(extra)).toEqual(extra);
  });

  it('keeps the descriptions of fields and of named schemas', () => {
    const ticket = ticketV3.shape.ticket as z3.AnyZodObject;
    expect(ticket.description).toBe(ppTicketDetailSchema.meta()?.description);
    expect(ticket.shape.key.description).toContain('TKT-000123');
    const assignee = ticket.shape.assignee;
    expect(assignee.description).toBe('null when unassigned.');
    const service = serviceV3.shape.service as z3.AnyZodObject;
    expect(service.shape.service_id.description).toBe(
      ppMicroserviceDetailSchema.shape.service_id.description,
    );
  });

  it('builds a valid output schema for records and named schemas', () => {
    const out = z.object({ user: ppUserSchema });
    const v3 = ppActionOutputSchema(out)(z3);
    const user = {
      id: 'u1',
      kind: 'agent',
      email: null,
      name: 'Agent',
      status: 'active',
      roles: ['helpdesk_agent'],
      role_expires_at: { helpdesk_agent: at },
      entity_ref: 'component:default/agent',
      created_at: at,
      updated_at: at,
      last_active_at: null,
    };
    expect(expectSameVerdict(out, v3, { user })).toBe(true);
    expect(
      expectSameVerdict(out, v3, { user: { ...user, roles: ['root'] } }),
    ).toBe(false);
  });
});

describe('ppActionInputSchema', () => {
  const createV3 = ppActionInputSchema(ppCreateTicketRequestSchema)(z3);
  const create = {
    type: 'incident',
    priority: 'critical',
    title: 'payment-service is down',
    description: 'It answers 503.',
  };

  it('accepts the requests the contract schema accepts', () => {
    for (const value of [
      create,
      { ...create, entity_ref: 'component:default/payment-service' },
      { ...create, entity_ref: null, labels: ['a', 'b'], assignee_id: 'me' },
      { ...create, assignee_id: null },
      { ...create, unknown_field: 1 },
    ]) {
      expect(
        expectSameVerdict(ppCreateTicketRequestSchema, createV3, value),
      ).toBe(true);
    }
  });

  it('refuses the requests the contract schema refuses', () => {
    for (const value of [
      {},
      { ...create, type: 'bug' },
      { ...create, priority: undefined },
      { ...create, title: 'ab' },
      { ...create, title: 'x'.repeat(201) },
      { ...create, description: '' },
      { ...create, labels: Array.from({ length: 21 }, (_, i) => `l${i}`) },
      { ...create, labels: [''] },
      { ...create, labels: ['x'.repeat(41)] },
      { ...create, assignee_id: '' },
      { ...create, entity_ref: 7 },
      'not an object',
    ]) {
      expect(
        expectSameVerdict(ppCreateTicketRequestSchema, createV3, value),
      ).toBe(false);
    }
  });

  it('refuses unknown fields of a strict schema, checks patterns and date-times', () => {
    const v3 = ppActionInputSchema(ppLogQuerySchema)(z3);
    for (const [value, ok] of [
      [{}, true],
      [{ service: 'payment-service', levels: ['error'], limit: 10 }, true],
      [{ from: '2026-12-02T10:00:00Z', to: '2026-12-02T12:00:00+01:00' }, true],
      [{ service: 'Payment Service' }, false],
      [{ from: 'yesterday' }, false],
      [{ levels: ['loud'] }, false],
      [{ limit: 0 }, false],
      [{ limit: 1.5 }, false],
      [{ surprise: true }, false],
    ] as const) {
      expect(expectSameVerdict(ppLogQuerySchema, v3, value)).toBe(ok);
    }
    expect(v3.shape.service.description).toContain('payment-service');
  });

  it('takes the parsed side of a query schema with io output (arrays, numbers)', () => {
    const v3 = ppActionInputSchema(ppTicketQuerySchema, { io: 'output' })(z3);
    expect(v3.safeParse({ status: ['open'], limit: 5 }).success).toBe(true);
    expect(v3.safeParse({ status: ['nope'] }).success).toBe(false);
    expect(v3.safeParse({ limit: 500 }).success).toBe(false);
    // what the registry passes on, the command's schema takes
    expect(
      ppTicketQuerySchema.safeParse(
        v3.parse({ status: ['open', 'closed'], limit: 5 }),
      ).success,
    ).toBe(true);
  });

  it('makes the same schema once per zod', () => {
    const build = ppActionInputSchema(ppCreateTicketRequestSchema);
    expect(build(z3)).toBe(build(z3));
  });
});

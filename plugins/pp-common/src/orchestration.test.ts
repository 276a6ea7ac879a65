import {
  ppAgentCreateRequestSchema,
  ppHandoffCreateRequestSchema,
  ppHandoffRejectRequestSchema,
} from './orchestration';

describe('ppAgentCreateRequestSchema', () => {
  it('fills the Genesis fields a wizard leaves out with the sovereign defaults', () => {
    expect(
      ppAgentCreateRequestSchema.parse({
        agent_name: ' Lead Qualifier ',
        industry: 'sales',
        specialty: 'lead-prospecting',
      }),
    ).toEqual({
      agent_name: 'Lead Qualifier',
      industry: 'sales',
      specialty: 'lead-prospecting',
      serves: 'customer',
      shares_customer_data_with: [],
      audit_enabled: true,
    });
  });

  it.each([
    ['an unknown industry', { industry: 'gambling' }],
    ['a short name', { agent_name: 'ab' }],
    ['a specialty with spaces', { specialty: 'Lead prospecting' }],
    ['a NUL in the name', { agent_name: 'Lead\u0000Qualifier' }],
    ['an SLA uptime over 100 %', { sla_targets: { uptime_percent: 101 } }],
    ['a permission with capitals', { permissions: ['Salesforce:read'] }],
  ])('refuses %s', (_name, change) => {
    expect(
      ppAgentCreateRequestSchema.safeParse({
        agent_name: 'Lead Qualifier',
        industry: 'sales',
        specialty: 'lead-prospecting',
        ...change,
      }).success,
    ).toBe(false);
  });

  it('keeps what Genesis must judge, even when it will reject it', () => {
    const r = ppAgentCreateRequestSchema.parse({
      agent_name: 'Lead Qualifier',
      industry: 'sales',
      specialty: 'lead-prospecting',
      serves: 'waooaw',
      permissions: ['admin:*'],
      audit_enabled: false,
    });
    expect(r).toMatchObject({
      serves: 'waooaw',
      permissions: ['admin:*'],
      audit_enabled: false,
    });
  });
});

describe('ppHandoffCreateRequestSchema', () => {
  it('takes each checklist item once', () => {
    const item = { key: 'runbook', done: true, evidence: 'https://wiki/x' };
    expect(
      ppHandoffCreateRequestSchema.safeParse({
        agent_id: 'lead-qualifier',
        items: [item],
      }).success,
    ).toBe(true);
    expect(
      ppHandoffCreateRequestSchema.safeParse({
        agent_id: 'lead-qualifier',
        items: [item, item],
      }).success,
    ).toBe(false);
    expect(
      ppHandoffCreateRequestSchema.safeParse({
        agent_id: 'lead-qualifier',
        items: [{ ...item, key: 'coffee' }],
      }).success,
    ).toBe(false);
  });
});

describe('ppHandoffRejectRequestSchema', () => {
  it('needs a reason of 10+ characters', () => {
    expect(
      ppHandoffRejectRequestSchema.safeParse({ reason: ' no ' }).success,
    ).toBe(false);
    expect(
      ppHandoffRejectRequestSchema.parse({
        reason: ' The runbook is missing ',
      }),
    ).toEqual({ reason: 'The runbook is missing' });
  });
});

import { newCreation, transition } from './creation';
import {
  AgentCreationRequest,
  genesisVerdictEvent,
  validateCreationRequest,
  withGenesisDefaults,
} from './genesis';
import { SPECIALTIES, allowedSources, permissionSource } from './industries';

const good: AgentCreationRequest = {
  agent_name: 'Lead Qualifier',
  industry: 'sales',
  specialty: 'lead-prospecting',
  serves: 'customer',
  shares_customer_data_with: [],
  data_access: ['customer_inputs', 'salesforce', 'linkedin_sales_navigator'],
  permissions: [
    'customer_inputs:read',
    'customer_outputs:write',
    'salesforce:read',
    'salesforce:write',
    'linkedin_sales_navigator:read',
  ],
  audit_enabled: true,
};

describe('validateCreationRequest', () => {
  it('approves a request that passes every rule', () => {
    expect(validateCreationRequest(good)).toEqual({
      verdict: 'approved',
      reasons: [],
      rules: [
        { rule: 'customer_sovereignty', passed: true },
        { rule: 'data_privacy', passed: true },
        { rule: 'transparency', passed: true },
        { rule: 'least_privilege', passed: true },
      ],
      validator: 'built-in',
    });
  });

  it.each(SPECIALTIES.map(s => [s.key, s]))(
    'approves the most a %s agent may ask for',
    (_key, s) => {
      const v = validateCreationRequest({
        ...good,
        industry: s.industry,
        specialty: s.key,
        data_access: allowedSources(s.industry)
          .map(a => a.key)
          .filter(k => s.permissions.some(p => permissionSource(p) === k)),
        permissions: [...s.permissions],
      });
      expect(v.reasons).toEqual([]);
      expect(v.verdict).toBe('approved');
    },
  );

  it.each<[string, Partial<AgentCreationRequest>, string, string]>([
    // --- customer sovereignty
    [
      'an agent serving WAOOAW',
      { serves: 'waooaw' },
      'customer_sovereignty',
      'Customer sovereignty: the agent must serve the customer, not WAOOAW, but it declares that it serves WAOOAW rather than the customer.',
    ],
    [
      "sharing the customer's data with WAOOAW",
      { shares_customer_data_with: ['WAOOAW analytics'] },
      'customer_sovereignty',
      "Customer sovereignty: the agent must serve the customer, not WAOOAW, but it shares the customer's data with WAOOAW analytics.",
    ],
    [
      'both sovereignty problems in one sentence',
      { serves: 'waooaw', shares_customer_data_with: ['waooaw', 'acme'] },
      'customer_sovereignty',
      "Customer sovereignty: the agent must serve the customer, not WAOOAW, but it declares that it serves WAOOAW rather than the customer and it shares the customer's data with waooaw and acme.",
    ],
    // --- data privacy
    [
      'customer core data',
      {
        data_access: [...good.data_access, 'strategic_plans'],
      },
      'data_privacy',
      "Data privacy: it declares access to customer core data (The customer's strategic plans), which no agent may read.",
    ],
    [
      "another industry's source",
      { data_access: [...good.data_access, 'google_ads'] },
      'data_privacy',
      "Data privacy: Google Ads is not among the sources allowed for sales agents (The customer's run inputs, Salesforce and LinkedIn Sales Navigator).",
    ],
    [
      'an unknown source',
      { data_access: [...good.data_access, 'twitter_firehose', 'meta_ads'] },
      'data_privacy',
      "Data privacy: twitter_firehose and Meta Ads are not among the sources allowed for sales agents (The customer's run inputs, Salesforce and LinkedIn Sales Navigator).",
    ],
    [
      'permissions reaching an undeclared source',
      { data_access: ['customer_inputs', 'linkedin_sales_navigator'] },
      'data_privacy',
      'Data privacy: its permissions reach Salesforce, which its declared data access does not name.',
    ],
    // --- transparency
    [
      'audit disabled',
      { audit_enabled: false },
      'transparency',
      "Transparency: audit is not enabled, so the agent's actions would not be recorded for review.",
    ],
    // --- least privilege
    [
      'a permission beyond the specialty',
      {
        specialty: 'sales-forecasting',
        permissions: [
          'customer_inputs:read',
          'salesforce:read',
          'salesforce:write',
        ],
      },
      'least_privilege',
      'Least privilege: a Sales forecasting agent needs at most customer_inputs:read, customer_outputs:write and salesforce:read, but the request also asks for salesforce:write.',
    ],
    [
      'a specialty of another industry',
      { specialty: 'jee-mathematics' },
      'least_privilege',
      'Least privilege: "jee-mathematics" is not a known sales specialty, so there is no permission baseline to hold the request to.',
    ],
  ])('rejects %s', (_name, change, rule, sentence) => {
    const v = validateCreationRequest({ ...good, ...change });
    expect(v.verdict).toBe('rejected');
    expect(v.reasons).toEqual([sentence]);
    expect(v.rules.filter(r => !r.passed)).toEqual([
      { rule, passed: false, reason: sentence },
    ]);
  });

  it('gives one reason per failed rule, in rule order', () => {
    const v = validateCreationRequest({
      ...good,
      serves: 'waooaw',
      data_access: ['customer_inputs', 'customer_industry_data', 'salesforce'],
      permissions: [...good.permissions, 'admin:*'],
      audit_enabled: false,
    });
    expect(v.verdict).toBe('rejected');
    expect(v.rules.map(r => r.passed)).toEqual([false, false, false, false]);
    expect(v.reasons).toHaveLength(4);
    expect(v.reasons.map(r => r.split(':')[0])).toEqual([
      'Customer sovereignty',
      'Data privacy',
      'Transparency',
      'Least privilege',
    ]);
    expect(v.reasons[1]).toContain("The customer's industry data");
    expect(v.reasons[1]).toContain('reach LinkedIn Sales Navigator and admin,');
    expect(v.reasons[3]).toContain('also asks for admin:*');
  });

  it('rejects an unknown industry under data privacy and least privilege', () => {
    const v = validateCreationRequest({ ...good, industry: 'gambling' });
    expect(v.rules.filter(r => !r.passed).map(r => r.rule)).toEqual([
      'data_privacy',
      'least_privilege',
    ]);
    expect(v.reasons[0]).toContain(
      'no data sources are allowed for the industry "gambling"',
    );
  });

  it('treats sharing with the customer as no sharing', () => {
    expect(
      validateCreationRequest({
        ...good,
        shares_customer_data_with: ['customer', ' Customer ', ''],
      }).verdict,
    ).toBe('approved');
  });
});

describe('genesisVerdictEvent', () => {
  const genesis = { kind: 'system' as const, id: 'genesis' };
  const validating = {
    ...newCreation('c-1', genesis, new Date(0)),
    status: 'genesis_validating' as const,
  };

  it('approves the creation with the verdict in the history', () => {
    const e = genesisVerdictEvent(validateCreationRequest(good), genesis);
    const r = transition(validating, e, new Date(1000));
    expect(r.ok && r.creation.status).toBe('genesis_approved');
    expect(r.ok && r.entry.details).toMatchObject({
      validator: 'built-in',
      verdict: 'approved',
    });
  });

  it('rejects it with the reasons, finally', () => {
    const v = validateCreationRequest({
      ...good,
      audit_enabled: false,
      serves: 'waooaw',
    });
    const r = transition(
      validating,
      genesisVerdictEvent(v, genesis),
      new Date(1000),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.creation.status).toBe('genesis_rejected');
    expect(r.entry.reason).toBe(v.reasons.join(' '));
    expect(r.entry.reason).toMatch(/^Customer sovereignty: .* Transparency: /);
  });

  it('gives an external rejection without reasons a reason', () => {
    const e = genesisVerdictEvent(
      {
        verdict: 'rejected',
        reasons: [],
        rules: [],
        validator: 'genesis-agent',
      },
      genesis,
    );
    expect(e.reason).toBe('Genesis rejected the request without a reason.');
  });
});

describe('withGenesisDefaults', () => {
  it.each(SPECIALTIES.map(s => [s.key, s]))(
    'fills a %s request the form left short, and Genesis approves it',
    (_key, s) => {
      const r = withGenesisDefaults({
        agent_name: 'New agent',
        industry: s.industry,
        specialty: s.key,
      });
      expect(r.permissions).toEqual(s.permissions);
      expect(r.data_access[0]).toBe('customer_inputs');
      expect(r).toMatchObject({
        serves: 'customer',
        shares_customer_data_with: [],
        audit_enabled: true,
      });
      expect(validateCreationRequest(r).verdict).toBe('approved');
    },
  );

  it('fills lead-prospecting with the sources its permissions reach', () => {
    expect(
      withGenesisDefaults({
        agent_name: 'x',
        industry: 'sales',
        specialty: 'lead-prospecting',
      }).data_access,
    ).toEqual(['customer_inputs', 'linkedin_sales_navigator', 'salesforce']);
  });

  it('keeps what was given, for Genesis to judge', () => {
    const r = withGenesisDefaults({
      agent_name: 'x',
      industry: 'sales',
      specialty: 'sales-forecasting',
      permissions: ['salesforce:read', 'salesforce:write'],
      audit_enabled: false,
    });
    expect(r.permissions).toEqual(['salesforce:read', 'salesforce:write']);
    expect(r.data_access).toEqual(['customer_inputs', 'salesforce']);
    expect(
      validateCreationRequest(r)
        .rules.filter(x => !x.passed)
        .map(x => x.rule),
    ).toEqual(['transparency', 'least_privilege']);
  });

  it('gives an unknown specialty no permissions, and Genesis no baseline', () => {
    const r = withGenesisDefaults({
      agent_name: 'x',
      industry: 'sales',
      specialty: 'astrology',
    });
    expect(r.permissions).toEqual([]);
    expect(validateCreationRequest(r).verdict).toBe('rejected');
  });
});

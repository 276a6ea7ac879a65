import type {
  PpAgentCreationStatus,
  PpAgentIndustry,
  PpHandoffItemKey,
} from './orchestration';

/*
 * The orchestration's reference data, shared by the backend's rules (`industries.ts`, Genesis)
 * and the portal's create wizard and labels: the industries, their data sources, the specialties
 * and the permissions each may ask for. The industries and their sources are the spec's (Industry
 * Manager, "Industries"; Stage 8 "Integrations"); the specialties are the catalog's agents
 * (`catalog/agents.yaml`) plus one more per industry; the permission names
 * (`<source>:read|write`, `customer_inputs:read`, `customer_outputs:write`) are ours — the spec
 * names no agent permissions.
 */

/** A data source an agent may declare access to. @public */
export interface PpAgentDataSource {
  key: string;
  title: string;
}

/** What the customer gives the agent in a run: every industry's. @public */
export const PP_AGENT_CUSTOMER_SOURCES: readonly PpAgentDataSource[] = [
  { key: 'customer_inputs', title: "The customer's run inputs" },
];

/** @public */
export const PP_AGENT_DATA_SOURCES: Record<
  PpAgentIndustry,
  readonly PpAgentDataSource[]
> = {
  marketing: [
    { key: 'google_ads', title: 'Google Ads' },
    { key: 'meta_ads', title: 'Meta Ads' },
    { key: 'hubspot', title: 'HubSpot' },
  ],
  education: [
    { key: 'ncert', title: 'NCERT' },
    { key: 'jee_neet', title: 'JEE/NEET' },
    { key: 'khan_academy', title: 'Khan Academy' },
  ],
  sales: [
    { key: 'salesforce', title: 'Salesforce' },
    { key: 'linkedin_sales_navigator', title: 'LinkedIn Sales Navigator' },
  ],
};

/** @public */
export interface PpAgentSpecialty {
  key: string;
  industry: PpAgentIndustry;
  title: string;
  /** the most an agent of this specialty may ask for (least privilege) */
  permissions: readonly string[];
}

const BASE = ['customer_inputs:read', 'customer_outputs:write'] as const;

/** @public */
export const PP_AGENT_SPECIALTIES: readonly PpAgentSpecialty[] = [
  {
    key: 'content-strategy',
    industry: 'marketing',
    title: 'Content strategy and ad copy',
    permissions: [...BASE, 'google_ads:read', 'meta_ads:read', 'hubspot:read'],
  },
  {
    key: 'ad-campaign-management',
    industry: 'marketing',
    title: 'Ad campaign management',
    permissions: [
      ...BASE,
      'google_ads:read',
      'google_ads:write',
      'meta_ads:read',
      'meta_ads:write',
    ],
  },
  {
    key: 'jee-mathematics',
    industry: 'education',
    title: 'JEE mathematics',
    permissions: [...BASE, 'ncert:read', 'jee_neet:read', 'khan_academy:read'],
  },
  {
    key: 'neet-biology',
    industry: 'education',
    title: 'NEET biology',
    permissions: [...BASE, 'ncert:read', 'jee_neet:read', 'khan_academy:read'],
  },
  {
    key: 'lead-prospecting',
    industry: 'sales',
    title: 'Lead prospecting',
    permissions: [
      ...BASE,
      'linkedin_sales_navigator:read',
      'salesforce:read',
      'salesforce:write',
    ],
  },
  {
    key: 'sales-forecasting',
    industry: 'sales',
    title: 'Sales forecasting',
    permissions: [...BASE, 'salesforce:read'],
  },
];

/** @public */
export const PP_AGENT_INDUSTRY_TITLES: Record<PpAgentIndustry, string> = {
  marketing: 'Marketing',
  education: 'Education',
  sales: 'Sales',
};

/** What people read for each creation status. @public */
export const PP_AGENT_CREATION_STATUS_TITLES: Record<
  PpAgentCreationStatus,
  string
> = {
  requested: 'Requested',
  genesis_validating: 'Genesis validating',
  genesis_approved: 'Approved by Genesis',
  genesis_rejected: 'Rejected by Genesis',
  generating: 'Generating code',
  ci_running: 'CI/CD running',
  ci_failed: 'CI/CD failed',
  ci_passed: 'CI/CD passed',
  handoff_pending: 'Handoff pending',
  handoff_rejected: 'Handoff rejected',
  production_ready: 'Production ready',
};

/** @public */
export const PP_GENESIS_RULE_TITLES: Record<
  'customer_sovereignty' | 'data_privacy' | 'transparency' | 'least_privilege',
  string
> = {
  customer_sovereignty: 'Customer sovereignty',
  data_privacy: 'Data privacy',
  transparency: 'Transparency',
  least_privilege: 'Least privilege',
};

/** A permission in words (`salesforce:write` → "Salesforce: write"). @public */
export function ppAgentPermissionTitle(permission: string): string {
  const [source, access] = permission.split(':');
  if (source === 'customer_outputs') return "Write the customer's results";
  const title = ppAgentSourceTitle(source);
  return access ? `${title}: ${access}` : title;
}

/** A source's title, its key if unknown. @public */
export function ppAgentSourceTitle(key: string): string {
  const all = [
    ...PP_AGENT_CUSTOMER_SOURCES,
    ...Object.values(PP_AGENT_DATA_SOURCES).flat(),
  ];
  return all.find(s => s.key === key)?.title ?? key;
}

/** What people read for each handoff checklist item (the backend's `handoff.ts` titles). @public */
export const PP_HANDOFF_ITEM_TITLES: Record<PpHandoffItemKey, string> = {
  image_pushed: 'Docker image built and pushed',
  runbook: 'Runbook documented',
  health_check: 'Health check endpoint working',
  monitoring_dashboard: 'Monitoring dashboard created',
  alert_thresholds: 'Alert thresholds configured',
  on_call: 'On-call engineer assigned',
  sla_defined: 'SLA defined and agreed',
  load_testing: 'Load testing completed',
};

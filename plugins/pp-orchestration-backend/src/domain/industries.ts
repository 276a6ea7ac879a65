import {
  PP_AGENT_CUSTOMER_SOURCES,
  PP_AGENT_DATA_SOURCES,
  PP_AGENT_INDUSTRIES,
  PP_AGENT_SPECIALTIES,
  PpAgentDataSource,
  PpAgentIndustry,
  PpAgentSpecialty,
} from '@internal/plugin-pp-common';

/*
 * The orchestration's reference data (kept in pp-common, `orchestrationCatalog.ts`, where the
 * portal's wizard reads it too), in one place: the industries, their allowed data sources,
 * the specialties and the permissions each may ask for. The industries and their sources are the
 * spec's (Industry Manager, "Industries"; Stage 8 "Integrations"); the specialties are the
 * catalog's agents (`catalog/agents.yaml`) plus one more per industry, chosen here; the
 * permission names (`<source>:read|write`, `customer_inputs:read`, `customer_outputs:write`) are
 * ours — the spec names no agent permissions.
 */

export const INDUSTRIES = PP_AGENT_INDUSTRIES;
export type Industry = PpAgentIndustry;

/** A data source an agent may declare access to. */
export type DataSource = PpAgentDataSource;

/** What the customer gives the agent in a run, and where its results go: every industry's. */
export const CUSTOMER_SOURCES = PP_AGENT_CUSTOMER_SOURCES;

export const DATA_SOURCES = PP_AGENT_DATA_SOURCES;

/**
 * Customer core data: never an agent's declared source, in any industry ("PP users cannot access
 * customer core data"; the forensic access limit's forbidden fields).
 */
export const CUSTOMER_CORE_DATA: readonly DataSource[] = [
  { key: 'industry_data', title: "The customer's industry data" },
  { key: 'strategic_plans', title: "The customer's strategic plans" },
  { key: 'customer_industry_data', title: "The customer's industry data" },
  { key: 'customer_strategic_plan', title: "The customer's strategic plan" },
];

/** The sources an agent of `industry` may declare: the industry's and the customer's run inputs. */
export function allowedSources(industry: Industry): DataSource[] {
  return [...CUSTOMER_SOURCES, ...DATA_SOURCES[industry]];
}

export type Specialty = PpAgentSpecialty;

export const SPECIALTIES = PP_AGENT_SPECIALTIES;

export function findSpecialty(
  industry: string,
  specialty: string,
): Specialty | undefined {
  return SPECIALTIES.find(s => s.industry === industry && s.key === specialty);
}

export function isIndustry(value: string): value is Industry {
  return (INDUSTRIES as readonly string[]).includes(value);
}

/** The source a permission reaches (`salesforce:write` → `salesforce`), or undefined. */
export function permissionSource(permission: string): string | undefined {
  const i = permission.indexOf(':');
  if (i <= 0) return undefined;
  const source = permission.slice(0, i);
  return source === 'customer_outputs' ? undefined : source;
}

/** A source's title for sentences, its key if unknown. */
export function sourceTitle(key: string): string {
  const all = [
    ...CUSTOMER_SOURCES,
    ...Object.values(DATA_SOURCES).flat(),
    ...CUSTOMER_CORE_DATA,
  ];
  return all.find(s => s.key === key)?.title ?? key;
}

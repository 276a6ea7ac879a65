import {
  PP_AGENT_INDUSTRY_TITLES,
  PP_AGENT_SPECIALTIES,
  PpAgentIndustry,
} from '@internal/plugin-pp-common';

/*
 * An agent's catalog entity: the ai-agent Component the PP template writes to the generated
 * repository's catalog-info.yaml (templates/pp-ai-agent/skeleton) and the catalog's agent entity
 * provider registers. Both are built from the same facts; a test renders the template and compares.
 */

export const AGENT_OWNER = 'group:team-agent-platform';
export const AGENT_SYSTEM = 'waooaw-platform';
export const AGENT_DESCRIPTION = 'An AI agent of the WAOOAW marketplace.';

/** The facts an agent's entity is made of. */
export interface AgentEntityFacts {
  agent_id: string;
  agent_name: string;
  industry: string;
  specialty: string;
  sla_targets: {
    response_time_p95_ms: number;
    uptime_percent: number;
    error_rate_percent: number;
  };
  /** the creation's status: `production_ready` makes the lifecycle `production` */
  status: string;
  repository_url: string;
  /** the GitHub `owner/name` when published to GitHub */
  github_slug?: string;
}

export function industryTitle(industry: string): string {
  return PP_AGENT_INDUSTRY_TITLES[industry as PpAgentIndustry] ?? industry;
}

export function specialtyTitle(specialty: string): string {
  return (
    PP_AGENT_SPECIALTIES.find(s => s.key === specialty)?.title ?? specialty
  );
}

/** The agent's catalog lifecycle: experimental until the service team accepted its handoff. */
export function agentLifecycle(status: string): 'experimental' | 'production' {
  return status === 'production_ready' ? 'production' : 'experimental';
}

/** The health check URL the generated agent serves (`GET /health` on port 8000). */
export function agentHealthCheckUrl(agentId: string) {
  return `http://${agentId}.waooaw.internal:8000/health`;
}

/** The ai-agent Component of a generated agent (without the provider's location annotations). */
export function agentEntity(facts: AgentEntityFacts) {
  const annotations: Record<string, string> = {
    'pp.waooaw.com/agent-id': facts.agent_id,
    'pp.waooaw.com/industry': industryTitle(facts.industry),
    'pp.waooaw.com/specialty': specialtyTitle(facts.specialty),
    'pp.waooaw.com/health-check-url': agentHealthCheckUrl(facts.agent_id),
    'pp.waooaw.com/sla-response-time-p95-ms': String(
      facts.sla_targets.response_time_p95_ms,
    ),
    'pp.waooaw.com/sla-uptime-percent': String(
      facts.sla_targets.uptime_percent,
    ),
    'pp.waooaw.com/sla-error-rate-percent': String(
      facts.sla_targets.error_rate_percent,
    ),
  };
  if (facts.github_slug) {
    annotations['github.com/project-slug'] = facts.github_slug;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: facts.agent_id,
      title: facts.agent_name,
      description: AGENT_DESCRIPTION,
      tags: ['ai-agent', 'marketplace'],
      labels: {
        'pp.waooaw.com/industry': facts.industry,
        'pp.waooaw.com/specialty': facts.specialty,
      },
      annotations,
    },
    spec: {
      type: 'ai-agent',
      lifecycle: agentLifecycle(facts.status),
      owner: AGENT_OWNER,
      system: AGENT_SYSTEM,
    },
  };
}

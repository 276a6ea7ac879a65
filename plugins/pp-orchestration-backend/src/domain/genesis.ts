import type { CreationActor, CreationEvent } from './creation';
import {
  CUSTOMER_CORE_DATA,
  Industry,
  allowedSources,
  findSpecialty,
  isIndustry,
  permissionSource,
  sourceTitle,
} from './industries';

/*
 * The built-in Genesis validator (spec Stage 6 step 2, "Constitutional Alignment"): real rules
 * over a creation request, one per constitutional check. Each failed rule gives one plain
 * sentence; any failed rule rejects the request, and the rejection is final (`creation.ts`).
 * The external Genesis agent, when configured, answers with the same verdict shape.
 */

/** The agent creation request as Genesis judges it. */
export interface AgentCreationRequest {
  agent_name: string;
  industry: Industry | string;
  /** a specialty key of `industries.ts` */
  specialty: string;
  /** whose goals the agent pursues: the customer's (sovereignty) or WAOOAW's */
  serves: 'customer' | 'waooaw';
  /**
   * Who the customer's data leaves the customer's workspace to, besides the customer. Empty for
   * a sovereign agent; `waooaw` or a third party is a sovereignty failure.
   */
  shares_customer_data_with: readonly string[];
  /** the data sources the agent reads or writes (source keys of `industries.ts`) */
  data_access: readonly string[];
  /** the permissions the agent asks for (`<source>:read|write`, `customer_outputs:write`) */
  permissions: readonly string[];
  /** every agent action recorded for audit (agent_runs) */
  audit_enabled: boolean;
}

const list = (items: readonly string[]) =>
  items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

const uniq = (items: readonly string[]) => [...new Set(items)];

/** What the create form gives: the Genesis fields beyond name, industry and specialty may be left out. */
export type AgentCreationInput = Pick<
  AgentCreationRequest,
  'agent_name' | 'industry' | 'specialty'
> &
  Partial<AgentCreationRequest>;

/**
 * The request Genesis judges, the create form's omissions filled with the sovereign defaults:
 * serves the customer, shares nothing, audit on, the specialty's permission baseline (none for an
 * unknown specialty), and access to the customer's run inputs plus the sources those permissions
 * reach. What the caller did give is kept as given, for Genesis to judge.
 */
export function withGenesisDefaults(
  input: AgentCreationInput,
): AgentCreationRequest {
  const permissions = input.permissions ?? [
    ...(findSpecialty(input.industry, input.specialty)?.permissions ?? []),
  ];
  const reached = permissions
    .map(permissionSource)
    .filter((s): s is string => !!s);
  return {
    agent_name: input.agent_name,
    industry: input.industry,
    specialty: input.specialty,
    serves: input.serves ?? 'customer',
    shares_customer_data_with: input.shares_customer_data_with ?? [],
    data_access: input.data_access ?? uniq(['customer_inputs', ...reached]),
    permissions,
    audit_enabled: input.audit_enabled ?? true,
  };
}

export type GenesisRule =
  | 'customer_sovereignty'
  | 'data_privacy'
  | 'transparency'
  | 'least_privilege';

export const GENESIS_RULES: ReadonlyArray<{ key: GenesisRule; title: string }> =
  [
    { key: 'customer_sovereignty', title: 'Customer sovereignty' },
    { key: 'data_privacy', title: 'Data privacy' },
    { key: 'transparency', title: 'Transparency' },
    { key: 'least_privilege', title: 'Least privilege' },
  ];

export interface GenesisRuleResult {
  rule: GenesisRule;
  passed: boolean;
  /** the failure in one sentence; absent when passed */
  reason?: string;
}

export interface GenesisVerdict {
  verdict: 'approved' | 'rejected';
  /** one sentence per failed rule, in rule order; empty when approved */
  reasons: string[];
  rules: GenesisRuleResult[];
  validator: 'built-in' | 'genesis-agent';
}

function sovereignty(r: AgentCreationRequest): string | undefined {
  const problems: string[] = [];
  if (r.serves !== 'customer') {
    problems.push('it declares that it serves WAOOAW rather than the customer');
  }
  const sharedWith = uniq(
    r.shares_customer_data_with
      .map(s => s.trim())
      .filter(s => s && s.toLowerCase() !== 'customer'),
  );
  if (sharedWith.length) {
    problems.push(`it shares the customer's data with ${list(sharedWith)}`);
  }
  return problems.length
    ? `Customer sovereignty: the agent must serve the customer, not WAOOAW, but ${list(
        problems,
      )}.`
    : undefined;
}

function privacy(r: AgentCreationRequest): string | undefined {
  const problems: string[] = [];
  const core = uniq(
    r.data_access.filter(s => CUSTOMER_CORE_DATA.some(c => c.key === s)),
  );
  if (core.length) {
    problems.push(
      `it declares access to customer core data (${list(
        core.map(sourceTitle),
      )}), which no agent may read`,
    );
  }
  if (isIndustry(r.industry)) {
    const allowed = allowedSources(r.industry);
    const outside = uniq(
      r.data_access.filter(
        s =>
          !allowed.some(a => a.key === s) &&
          !CUSTOMER_CORE_DATA.some(c => c.key === s),
      ),
    );
    if (outside.length) {
      problems.push(
        `${list(outside.map(sourceTitle))} ${
          outside.length === 1 ? 'is' : 'are'
        } not among the sources allowed for ${r.industry} agents (${list(
          allowed.map(a => a.title),
        )})`,
      );
    }
  } else {
    problems.push(
      `no data sources are allowed for the industry "${r.industry}"`,
    );
  }
  const undeclared = uniq(
    r.permissions
      .map(permissionSource)
      .filter((s): s is string => !!s && !r.data_access.includes(s)),
  );
  if (undeclared.length) {
    problems.push(
      `its permissions reach ${list(
        undeclared.map(sourceTitle),
      )}, which its declared data access does not name`,
    );
  }
  return problems.length ? `Data privacy: ${list(problems)}.` : undefined;
}

function transparency(r: AgentCreationRequest): string | undefined {
  return r.audit_enabled
    ? undefined
    : "Transparency: audit is not enabled, so the agent's actions would not be recorded for review.";
}

function leastPrivilege(r: AgentCreationRequest): string | undefined {
  const specialty = findSpecialty(r.industry, r.specialty);
  if (!specialty) {
    return `Least privilege: "${r.specialty}" is not a known ${r.industry} specialty, so there is no permission baseline to hold the request to.`;
  }
  const excess = uniq(
    r.permissions.filter(p => !specialty.permissions.includes(p)),
  );
  return excess.length
    ? `Least privilege: a ${specialty.title} agent needs at most ${list(
        specialty.permissions as string[],
      )}, but the request also asks for ${list(excess)}.`
    : undefined;
}

const CHECKS: Record<
  GenesisRule,
  (r: AgentCreationRequest) => string | undefined
> = {
  customer_sovereignty: sovereignty,
  data_privacy: privacy,
  transparency,
  least_privilege: leastPrivilege,
};

/** Judges a creation request: approved when every rule passes, rejected with a reason per failed rule. */
export function validateCreationRequest(
  request: AgentCreationRequest,
): GenesisVerdict {
  const rules = GENESIS_RULES.map(({ key }): GenesisRuleResult => {
    const reason = CHECKS[key](request);
    return reason
      ? { rule: key, passed: false, reason }
      : { rule: key, passed: true };
  });
  const reasons = rules.flatMap(r => (r.reason ? [r.reason] : []));
  return {
    verdict: reasons.length ? 'rejected' : 'approved',
    reasons,
    rules,
    validator: 'built-in',
  };
}

/**
 * The creation event a verdict calls for (`creation.ts`): `approve_genesis`, or `reject_genesis`
 * with the reasons as its reason. The verdict is kept in the event's details for the history.
 */
export function genesisVerdictEvent(
  verdict: GenesisVerdict,
  actor: CreationActor,
): CreationEvent {
  const details = {
    validator: verdict.validator,
    verdict: verdict.verdict,
    rules: verdict.rules,
  };
  if (verdict.verdict === 'approved') {
    return { type: 'approve_genesis', actor, details };
  }
  return {
    type: 'reject_genesis',
    actor,
    reason: verdict.reasons.length
      ? verdict.reasons.join(' ')
      : 'Genesis rejected the request without a reason.',
    details,
  };
}

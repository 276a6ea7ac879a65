import { PP_ROLE_KEYS } from '@internal/plugin-pp-common';
import {
  PpContractEndpoint,
  ppContract,
  concretePath,
  implementedPpEndpoints,
} from '../__testUtils__/contract';
import { pendingPpEndpoints } from '../features';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';

/*
 * The RBAC matrix, generated from the project's copy of the contract (spec/api-catalog.yaml):
 * every implemented endpoint × every role, no token, an agent token and a service token, checked
 * for the contract's answer: 401 without a valid principal, 403 for a principal the endpoint is
 * not for, anything else (200, 400, 404 ...) when allowed. It grows as PP plugins are installed.
 */

jest.setTimeout(300_000);

type Endpoint = PpContractEndpoint;
const concrete = concretePath;
const implemented = implementedPpEndpoints();

const DEMO_BY_ROLE: Record<string, string> = {
  admin: 'founder@waooaw.com',
  subscription_manager: 'sam.subscriptions@waooaw.com',
  agent_orchestrator: 'olu.orchestrator@waooaw.com',
  infrastructure_engineer: 'ines.infra@waooaw.com',
  helpdesk_agent: 'hari.helpdesk@waooaw.com',
  industry_manager: 'ira.industry@waooaw.com',
  viewer: 'vik.viewer@waooaw.com',
};

type Caller =
  | { kind: 'role'; role: string }
  | { kind: 'none' }
  | { kind: 'agent'; roles: string[] }
  | { kind: 'service' }
  // a person's own API token: the person's roles, whatever Backstage thinks of service principals
  | { kind: 'personToken'; role: string }
  // principals whose access has ended: 401 everywhere but the public endpoints
  | { kind: 'ended'; how: 'deactivated' | 'revoked' | 'loggedOut' };

const callers: Array<[string, Caller]> = [
  ...PP_ROLE_KEYS.map(
    role => [role, { kind: 'role', role }] as [string, Caller],
  ),
  ['no token', { kind: 'none' }],
  [
    'agent token (agent_orchestrator)',
    { kind: 'agent', roles: ['agent_orchestrator'] },
  ],
  ['service token', { kind: 'service' }],
  ['viewer person API token', { kind: 'personToken', role: 'viewer' }],
  ['deactivated agent token', { kind: 'ended', how: 'deactivated' }],
  ['revoked agent token', { kind: 'ended', how: 'revoked' }],
  ['logged-out person token', { kind: 'ended', how: 'loggedOut' }],
];

function expected(endpoint: Endpoint, caller: Caller): 'allowed' | 401 | 403 {
  const roles = endpoint.roles;
  if (roles.includes('public')) return 'allowed';
  // only an HMAC signature of the body grants it: no bearer token does, admin's included
  if (roles.includes('signed')) return 401;
  if (caller.kind === 'none' || caller.kind === 'ended') return 401;
  if (roles.includes('authenticated')) return 'allowed';
  // only another PP plugin's own service credentials (none of these callers; the plugin's tests
  // call it as one): people, API tokens and admins alike are refused
  if (roles.includes('plugin')) return 403;
  if (roles.includes('service'))
    return caller.kind === 'service' ? 'allowed' : 403;
  let held: string[] = [];
  if (caller.kind === 'role' || caller.kind === 'personToken')
    held = [caller.role];
  if (caller.kind === 'agent') held = caller.roles;
  return held.includes('admin') || held.some(r => roles.includes(r))
    ? 'allowed'
    : 403;
}

describe.each(ppTestEngines())(
  'RBAC matrix from the contract (%s)',
  database => {
    let pp: PpTestBackend;
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      pp = await startPpTestBackend({ database });
      const create = async (body: object) =>
        (
          await pp
            .http()
            .post('/pp/v1/users')
            .set('Authorization', pp.admin)
            .send(body)
        ).body;
      const mint = async (userId: string) =>
        (
          await pp
            .http()
            .post(`/pp/v1/users/${userId}/api-tokens`)
            .set('Authorization', pp.admin)
            .send({ name: 'rbac' })
        ).body.token;
      const agent = await create({
        kind: 'agent',
        name: 'RBAC agent',
        roles: ['agent_orchestrator'],
        entity_ref: 'component:default/genesis-validator',
      });
      tokens.agent = `Bearer ${await mint(agent.id)}`;
      const service = await create({
        kind: 'service',
        name: 'payment-service reporter',
        entity_ref: 'component:default/payment-service',
      });
      tokens.service = `Bearer ${await mint(service.id)}`;

      const viewer = (
        await pp
          .http()
          .get(`/pp/v1/users?q=${encodeURIComponent(DEMO_BY_ROLE.viewer)}`)
          .set('Authorization', pp.admin)
      ).body.items.find((u: any) => u.email === DEMO_BY_ROLE.viewer);
      tokens.personToken = `Bearer ${await mint(viewer.id)}`;

      const retired = await create({
        kind: 'agent',
        name: 'RBAC retired agent',
        roles: ['agent_orchestrator'],
        entity_ref: 'component:default/genesis-validator',
      });
      tokens.deactivated = `Bearer ${await mint(retired.id)}`;
      await pp
        .http()
        .put(`/pp/v1/users/${retired.id}`)
        .set('Authorization', pp.admin)
        .send({ status: 'inactive', version: retired.version });

      const minted = (
        await pp
          .http()
          .post(`/pp/v1/users/${agent.id}/api-tokens`)
          .set('Authorization', pp.admin)
          .send({ name: 'rbac revoked' })
      ).body;
      tokens.revoked = `Bearer ${minted.token}`;
      await pp
        .http()
        .delete(`/pp/v1/users/${agent.id}/api-tokens/${minted.id}`)
        .set('Authorization', pp.admin);

      tokens.loggedOut = await pp.bearer(DEMO_BY_ROLE.infrastructure_engineer);
      await pp
        .http()
        .post('/pp/v1/auth/logout')
        .set('Authorization', tokens.loggedOut);
    });

    afterAll(async () => {
      await pp?.stop();
    });

    it('covers every implemented endpoint', () => {
      // the contract's areas the installed plugins own, written out here (not derived from the
      // mounts table), so a mount or plugin id that goes astray drops no row unnoticed
      const owned = [
        '/pp/v1/auth/',
        '/pp/v1/roles',
        '/pp/v1/users',
        '/pp/v1/health/',
        '/pp/v1/tickets',
        '/pp/v1/subscriptions',
      ];
      // Stage 6 (pp-orchestration): its own /agents paths (others under /agents are Stage 7 and 8's)
      const orchestration = (p: string) =>
        /^\/pp\/v1\/agents\/(create|generated|\{agent_id\}\/(creation-status|cicd-pipeline|readiness|generate|upgrades))$/.test(
          p,
        ) ||
        p.startsWith('/pp/v1/agent-handoff') ||
        p.startsWith('/pp/v1/upgrades/') ||
        p === '/pp/v1/webhooks/genesis';
      // Stage 7 (pp-sla): its own paths, the Customer Portal's subscription read included
      const sla = (p: string) =>
        /^\/pp\/v1\/(sla-definitions|ola-definitions|sla\/|ola\/)/.test(p) ||
        /^\/pp\/v1\/agents\/\{agent_id\}\/sla-compliance$/.test(p) ||
        /^\/pp\/v1\/subscriptions\/\{subscription_id\}\/sla$/.test(p);
      // Stage 8 (pp-knowledge): industry knowledge and agent retuning
      const knowledge = (p: string) =>
        p.startsWith('/pp/v1/industry-knowledge/') ||
        p.startsWith('/pp/v1/agent-retuning') ||
        /^\/pp\/v1\/agents\/\{agent_id\}\/(retune|knowledge)$/.test(p);
      const pending = (prefix: string) =>
        pendingPpEndpoints.filter(e => e.split(' ')[1].startsWith(prefix))
          .length;
      const ownedEndpoints = ppContract.endpoints.filter(
        e =>
          (owned.some(prefix => e.path.startsWith(prefix)) ||
            orchestration(e.path) ||
            sla(e.path) ||
            knowledge(e.path)) &&
          !pendingPpEndpoints.includes(`${e.method} ${e.path}`),
      );
      expect(
        ownedEndpoints.filter(e => e.path.startsWith('/pp/v1/health/')),
        // the spec's, the extras and the conditions other PP plugins report (knowledge's failed runs)
      ).toHaveLength(17);
      expect(
        ownedEndpoints.filter(e => e.path.startsWith('/pp/v1/tickets')),
      ).toHaveLength(8);
      expect(
        ownedEndpoints.filter(e => e.path.startsWith('/pp/v1/subscriptions')),
        // the five of the spec, the customers' readiness settings and contacts, SLA read (extras)
      ).toHaveLength(8 - pending('/pp/v1/subscriptions'));
      expect(ownedEndpoints.filter(e => sla(e.path))).toHaveLength(14);
      // the six of the spec, eight knowledge extras, six retuning extras (Genesis's webhook too)
      expect(ownedEndpoints.filter(e => knowledge(e.path))).toHaveLength(20);
      expect(
        ownedEndpoints.filter(e => orchestration(e.path)).map(e => e.path),
      ).toEqual([
        '/pp/v1/agents/create',
        '/pp/v1/agents/{agent_id}/creation-status',
        '/pp/v1/agents/{agent_id}/cicd-pipeline',
        '/pp/v1/agents/{agent_id}/generate',
        '/pp/v1/agents/generated',
        '/pp/v1/agent-handoff',
        '/pp/v1/agent-handoff/{handoff_id}/accept',
        '/pp/v1/agent-handoff',
        '/pp/v1/agent-handoff/{handoff_id}/reject',
        '/pp/v1/agents/{agent_id}/readiness',
        '/pp/v1/agents/{agent_id}/readiness',
        '/pp/v1/agents/{agent_id}/upgrades',
        '/pp/v1/agents/{agent_id}/upgrades',
        '/pp/v1/upgrades/{upgrade_id}',
        '/pp/v1/upgrades/{upgrade_id}/abort',
        '/pp/v1/webhooks/genesis',
      ]);
      expect(implemented.map(e => `${e.method} ${e.path}`).sort()).toEqual(
        ownedEndpoints.map(e => `${e.method} ${e.path}`).sort(),
      );
    });

    const cases = implemented.flatMap(e =>
      callers.map(
        ([name, caller]) => [e.method, e.path, name, caller, e] as const,
      ),
    );

    it.each(cases)(
      '%s %s as %s',
      async (method, contractPath, _name, caller, endpoint) => {
        let authorization: string | undefined;
        if (caller.kind === 'role') {
          // A fresh session per request: some endpoints (logout) end the session they are called with.
          authorization = await pp.bearer(DEMO_BY_ROLE[caller.role]);
        } else if (caller.kind === 'agent') {
          authorization = tokens.agent;
        } else if (caller.kind === 'service') {
          authorization = tokens.service;
        } else if (caller.kind === 'personToken') {
          authorization = tokens.personToken;
        } else if (caller.kind === 'ended') {
          authorization = tokens[caller.how];
        }
        const req = pp
          .http()
          [method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](
            concrete(contractPath),
          );
        if (authorization) req.set('Authorization', authorization);
        const res = await req.send({});
        // One comparable outcome per response: 401 or 403 with Backstage's error name, or allowed.
        const errorName = res.body?.error?.name;
        let got: string | number = 'allowed';
        if (res.status === 401) {
          got = errorName === 'AuthenticationError' ? 401 : `401 ${errorName}`;
        }
        if (res.status === 403) {
          got = errorName === 'NotAllowedError' ? 403 : `403 ${errorName}`;
        }
        expect(got).toBe(expected(endpoint, caller));
      },
    );
  },
);

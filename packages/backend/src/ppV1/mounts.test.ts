import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ppV1Mounts } from './mounts';
import { createPpV1Resolver } from './ppV1Router';

interface ContractEndpoint {
  method: string;
  path: string;
}

const contract: { endpoints: ContractEndpoint[] } = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../spec/api-catalog.yaml'),
    'utf8',
  ),
);

// The plugin that owns each contract area; a contract path must never fall through to the JSON 404.
const expectedOwner: Array<[RegExp, string]> = [
  [/^\/pp\/v1\/(auth|roles|users)\b/, 'pp-users'],
  [/^\/pp\/v1\/health\//, 'pp-health'],
  [/^\/pp\/v1\/tickets\b/, 'pp-helpdesk'],
  [/^\/pp\/v1\/subscriptions\/[^/]+\/sla$/, 'pp-sla'],
  [/^\/pp\/v1\/(sla|ola)\//, 'pp-sla'],
  [/^\/pp\/v1\/subscriptions\b/, 'pp-subscriptions'],
  [/^\/pp\/v1\/agents\/[^/]+\/sla-compliance$/, 'pp-sla'],
  [/^\/pp\/v1\/(sla|ola)-definitions$/, 'pp-sla'],
  [/^\/pp\/v1\/agents\/[^/]+\/(retune|knowledge)$/, 'pp-knowledge'],
  [/^\/pp\/v1\/(industry-knowledge|agent-retuning)\b/, 'pp-knowledge'],
  [/^\/pp\/v1\/webhooks\/(github|customer-portal)$/, 'events'],
  [/^\/pp\/v1\/(agents|agent-handoff|webhooks|upgrades)\b/, 'pp-orchestration'],
];

describe('ppV1Mounts', () => {
  const resolve = createPpV1Resolver(ppV1Mounts);

  it('reads the contract', () => {
    expect(contract.endpoints.length).toBeGreaterThan(40);
  });

  it.each(contract.endpoints.map(e => [e.method, e.path]))(
    '%s %s is owned by the expected plugin',
    (_method, contractPath) => {
      const concrete = contractPath.replace(/\{[^}]+\}/g, 'x1');
      const owner = expectedOwner.find(([re]) => re.test(concrete))?.[1];
      expect(owner).toBeDefined();
      const target = resolve(concrete.slice('/pp/v1'.length));
      expect(target).toBeDefined();
      expect(target!.split('/')[2]).toBe(owner);
    },
  );

  it('maps the GitHub webhook onto the events backend HTTP ingress', () => {
    expect(resolve('/webhooks/github')).toBe('/api/events/http/github');
    expect(resolve('/webhooks/customer-portal')).toBe(
      '/api/events/http/pp-customer-portal',
    );
  });

  it('keeps the contract path inside the plugin', () => {
    expect(resolve('/tickets/42/comments')).toBe(
      '/api/pp-helpdesk/tickets/42/comments',
    );
    expect(resolve('/agents/a1/sla-compliance')).toBe(
      '/api/pp-sla/agents/a1/sla-compliance',
    );
    expect(resolve('/agents/create')).toBe(
      '/api/pp-orchestration/agents/create',
    );
  });

  it('does not match partial segments', () => {
    expect(resolve('/ticketsx')).toBeUndefined();
    expect(resolve('/')).toBeUndefined();
  });
});

import {
  Entity,
  EntityPolicies,
  DefaultNamespaceEntityPolicy,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { readRegisteredEntities } from '../__testUtils__/catalogFiles';
import { installedPpPluginIds } from '../features';
import { ppApiEntityName } from './ppApiEntities';

// The 13 monitored microservices of the spec's Stage 2.
const SPEC_SERVICES = [
  'authentication-service',
  'customer-portal-backend',
  'agent-execution-engine',
  'orchestration-service',
  'payment-service',
  'notification-service',
  'analytics-service',
  'helpdesk-service',
  'subscription-service',
  'marketplace-service',
  'trial-management-service',
  'webhook-service',
  'genesis-validator-service',
];

const registered = readRegisteredEntities();
const entities = registered.map(r => r.entity);
const byKind = (kind: string) => entities.filter(e => e.kind === kind);
const components = (type: string) =>
  byKind('Component').filter(e => (e.spec as any)?.type === type);

const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

const kindValidators: Record<string, { check(e: Entity): Promise<boolean> }> = {
  Component: componentEntityV1alpha1Validator,
  Group: groupEntityV1alpha1Validator,
  Location: locationEntityV1alpha1Validator,
  System: systemEntityV1alpha1Validator,
};

describe('catalog YAML', () => {
  it.each(registered.map(r => [stringifyEntityRef(r.entity), r.entity]))(
    '%s is a valid entity',
    async (_ref, entity) => {
      await expect(policy.enforce(entity as Entity)).resolves.toBeDefined();
      const validator = kindValidators[(entity as Entity).kind];
      expect(validator).toBeDefined();
      await expect(validator.check(entity as Entity)).resolves.toBe(true);
    },
  );

  it('has no duplicate entity refs', () => {
    const refs = entities.map(e => stringifyEntityRef(e));
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('registers exactly the 13 monitored services of the spec', () => {
    expect(
      components('service')
        .map(e => e.metadata.name)
        .sort(),
    ).toEqual([...SPEC_SERVICES].sort());
  });

  it.each(SPEC_SERVICES)('%s carries what the health plugin needs', name => {
    const svc = components('service').find(e => e.metadata.name === name)!;
    const annotations = svc.metadata.annotations ?? {};
    expect(annotations['pp.waooaw.com/service-id']).toBe(name);
    const url = new URL(annotations['pp.waooaw.com/health-check-url']);
    expect(url.protocol).toMatch(/^https?:$/);
    expect((svc.spec as any).lifecycle).toBeTruthy();
    expect((svc.spec as any).system).toBe('waooaw-platform');
  });

  it('registers the Genesis validator and marketplace agents with industry and specialty', () => {
    const agents = components('ai-agent');
    const names = agents.map(a => a.metadata.name);
    expect(names).toContain('genesis-validator');
    expect(agents.length).toBeGreaterThanOrEqual(3);
    for (const agent of agents) {
      expect(agent.metadata.labels?.['pp.waooaw.com/industry']).toBeTruthy();
      expect(agent.metadata.labels?.['pp.waooaw.com/specialty']).toBeTruthy();
    }
    const marketplace = agents.filter(a =>
      a.metadata.tags?.includes('marketplace'),
    );
    expect(marketplace.length).toBeGreaterThanOrEqual(2);
  });

  it('gives every service and agent an owner group that exists', () => {
    const groups = new Set(byKind('Group').map(g => stringifyEntityRef(g)));
    for (const component of byKind('Component')) {
      const owner = parseEntityRef((component.spec as any).owner, {
        defaultKind: 'Group',
      });
      expect(groups).toContain(stringifyEntityRef(owner));
    }
  });

  it('points every system reference at a registered System', () => {
    const systems = new Set(byKind('System').map(s => s.metadata.name));
    for (const component of byKind('Component')) {
      expect(systems).toContain((component.spec as any).system);
    }
  });

  it("lists every installed PP plugin's API as provided by the Platform Portal component", () => {
    const portal = byKind('Component').find(
      c => c.metadata.name === 'platform-portal',
    );
    expect([...((portal?.spec as any)?.providesApis ?? [])].sort()).toEqual(
      installedPpPluginIds.map(ppApiEntityName).sort(),
    );
  });
});

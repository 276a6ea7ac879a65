import type { Entity } from '@backstage/catalog-model';
import { hasSlaCard, monitoredServiceId } from './entity';

const component = (
  type: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
  spec: { type },
});

describe('where the SLA card goes', () => {
  it('on AI agents and on services the health plugin monitors, nowhere else', () => {
    const monitored = component('service', {
      'pp.waooaw.com/service-id': 'agent-execution-engine',
    });
    expect(hasSlaCard(component('ai-agent'))).toBe(true);
    expect(hasSlaCard(monitored)).toBe(true);
    expect(monitoredServiceId(monitored)).toBe('agent-execution-engine');
    // a service without a service id has no health, so nothing an SLA could count
    expect(hasSlaCard(component('service'))).toBe(false);
    expect(hasSlaCard(component('website'))).toBe(false);
    expect(
      hasSlaCard({
        ...monitored,
        kind: 'Resource',
      }),
    ).toBe(false);
  });
});

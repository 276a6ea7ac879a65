import { screen } from '@testing-library/react';
import { renderEntitySlaCard, mockSlaApi } from '../__testUtils__/render';

// a file of its own: usePermission caches its answer per permission for the whole file
describe('EntitySlaCard for someone who may not read SLAs', () => {
  it('is not drawn and reads nothing', async () => {
    const api = mockSlaApi();
    await renderEntitySlaCard(api, []);
    expect(screen.queryByText('SLA')).toBeNull();
    expect(screen.queryByTestId('entity-sla-card')).toBeNull();
    expect(api.getCompliance).not.toHaveBeenCalled();
  });
});

describe('EntitySlaCard on a service, for someone who may not read SLAs', () => {
  it('is not drawn and reads nothing', async () => {
    const api = mockSlaApi();
    await renderEntitySlaCard(api, [], {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'agent-execution-engine',
        annotations: { 'pp.waooaw.com/service-id': 'agent-execution-engine' },
      },
      spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    });
    expect(screen.queryByTestId('entity-sla-card')).toBeNull();
    expect(api.listDefinitions).not.toHaveBeenCalled();
    expect(api.listMaintenance).not.toHaveBeenCalled();
  });
});

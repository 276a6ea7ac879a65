import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import plugin, { ppOrchestrationApiRef } from './index';
import { isAgentEntity } from './plugin';
import {
  createMockOrchestrationApi,
  makeCreation,
  mockPermissionApi,
} from './__testUtils__/mocks';

// A viewer: pp.agents.read lets them through the page's gate.
const permissions = mockPermissionApi(['pp.agents.read']);

describe('pp-orchestration plugin', () => {
  it('declares the page and the API', () => {
    expect(plugin.pluginId).toBe('pp-orchestration');
    const tester = createExtensionTester(
      plugin.getExtension('page:pp-orchestration'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/pp/orchestration');
    expect(tester.get(coreExtensionData.title)).toBe('Orchestration');
    expect(plugin.getExtension('api:pp-orchestration')).toBeDefined();
  });

  it('gives AI agents (and only them) a Creation tab', () => {
    const ext = plugin.getExtension('entity-content:pp-orchestration/creation');
    expect(ext).toBeDefined();
    const agent = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'maths-tutor-abc123' },
      spec: { type: 'ai-agent' },
    };
    expect(isAgentEntity(agent)).toBe(true);
    expect(isAgentEntity({ ...agent, spec: { type: 'service' } })).toBe(false);
    expect(isAgentEntity({ ...agent, kind: 'API' })).toBe(false);
  });

  it('routes /pp/orchestration/:agentId to the creation page', async () => {
    const api = createMockOrchestrationApi();
    api.getCreation.mockResolvedValue(makeCreation());
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/orchestration/maths-tutor-abc123'],
      apis: [[ppOrchestrationApiRef, api], permissions],
    });
    expect(
      await screen.findByRole('heading', { name: 'Maths Tutor' }),
    ).toBeInTheDocument();
    expect(api.getCreation).toHaveBeenCalledWith('maths-tutor-abc123');
  });
});

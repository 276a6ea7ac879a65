import type { PpGeneratedAgent } from '@internal/plugin-pp-common';
import { AgentEntityProvider } from './AgentEntityProvider';

const agent = (over: Partial<PpGeneratedAgent> = {}): PpGeneratedAgent => ({
  agent_id: 'lead-hunter-1a2b3c',
  agent_name: 'Lead Hunter',
  industry: 'sales',
  specialty: 'lead-prospecting',
  status: 'generating',
  sla_targets: {
    response_time_p95_ms: 1500,
    uptime_percent: 99.5,
    error_rate_percent: 0.5,
  },
  repository_url: 'file:///data/agent-repositories/lead-hunter-1a2b3c.git',
  created_by: 'user:pp/olu',
  ...over,
});

describe('AgentEntityProvider', () => {
  const connect = async (source: () => Promise<PpGeneratedAgent[]>) => {
    const provider = new AgentEntityProvider(source);
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    await provider.connect(connection);
    return { provider, connection };
  };

  it('emits every generated agent as an ai-agent Component: experimental, then production once production ready', async () => {
    let agents = [agent()];
    const { provider, connection } = await connect(async () => agents);
    expect(await provider.refresh()).toBe(1);
    const [mutation] = connection.applyMutation.mock.calls[0];
    expect(mutation.type).toBe('full');
    expect(mutation.entities).toHaveLength(1);
    const { entity, locationKey } = mutation.entities[0];
    expect(locationKey).toBe('pp-orchestration:lead-hunter-1a2b3c');
    expect(entity).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'lead-hunter-1a2b3c',
        title: 'Lead Hunter',
        labels: {
          'pp.waooaw.com/industry': 'sales',
          'pp.waooaw.com/specialty': 'lead-prospecting',
        },
        annotations: {
          'pp.waooaw.com/agent-id': 'lead-hunter-1a2b3c',
          'pp.waooaw.com/industry': 'Sales',
          'pp.waooaw.com/health-check-url':
            'http://lead-hunter-1a2b3c.waooaw.internal:8000/health',
          'pp.waooaw.com/sla-response-time-p95-ms': '1500',
          'pp.waooaw.com/sla-uptime-percent': '99.5',
          'pp.waooaw.com/sla-error-rate-percent': '0.5',
          'backstage.io/source-location':
            'url:file:///data/agent-repositories/lead-hunter-1a2b3c.git',
          'backstage.io/managed-by-location':
            'pp-orchestration:lead-hunter-1a2b3c',
        },
      },
      spec: {
        type: 'ai-agent',
        lifecycle: 'experimental',
        owner: 'group:team-agent-platform',
        system: 'waooaw-platform',
      },
    });
    expect(entity.metadata.annotations).not.toHaveProperty(
      'github.com/project-slug',
    );

    // nothing changed: no new mutation
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);

    // accepted: production, and a GitHub repository gets its project slug
    agents = [
      agent({
        status: 'production_ready',
        repository_url: 'https://github.com/waooaw-agents/lead-hunter-1a2b3c',
      }),
    ];
    await provider.refresh();
    const [after] = connection.applyMutation.mock.calls[1];
    expect(after.entities[0].entity.spec.lifecycle).toBe('production');
    expect(
      after.entities[0].entity.metadata.annotations['github.com/project-slug'],
    ).toBe('waooaw-agents/lead-hunter-1a2b3c');
  });

  it('a failed read leaves the catalog as it was', async () => {
    const { provider, connection } = await connect(async () => {
      throw new Error('pp-orchestration answered 503');
    });
    expect(await provider.refresh()).toBeUndefined();
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});

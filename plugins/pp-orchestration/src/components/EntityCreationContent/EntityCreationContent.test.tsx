import { screen } from '@testing-library/react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import {
  createMockOrchestrationApi,
  makeCreation,
  makePipeline,
  makeReadiness,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { EntityCreationContent } from './EntityCreationContent';

const agent = (name: string, title?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, ...(title ? { title } : {}) },
  spec: { type: 'ai-agent' },
});

const notFound = () =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'No agent creation' },
      }),
      { status: 404, headers: { 'content-type': 'application/json' } },
    ),
  );

describe('EntityCreationContent', () => {
  it('shows the agent’s creation (entity name = agent id): status, verdict, pipeline, readiness', async () => {
    const api = createMockOrchestrationApi();
    api.getCreation.mockResolvedValue(makeCreation());
    api.getPipeline.mockResolvedValue(makePipeline());
    api.getReadiness.mockResolvedValue(makeReadiness());
    await renderWithOrchestrationApi(
      <EntityProvider entity={agent('maths-tutor-abc123', 'Maths Tutor')}>
        <EntityCreationContent />
      </EntityProvider>,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(
      await screen.findByRole('heading', { name: 'Maths Tutor' }),
    ).toBeInTheDocument();
    expect(api.getCreation).toHaveBeenCalledWith('maths-tutor-abc123');
    expect(screen.getByText('Genesis verdict')).toBeInTheDocument();
    expect(screen.getByText('Operational readiness')).toBeInTheDocument();
    expect(
      await screen.findByText('API rate limit: 250 API calls per minute'),
    ).toBeInTheDocument();
    expect(api.getReadiness).toHaveBeenCalledWith('maths-tutor-abc123');
  });

  it('says in a sentence that a seeded catalog agent has no creation', async () => {
    const api = createMockOrchestrationApi();
    api.getCreation.mockRejectedValue(await notFound());
    await renderWithOrchestrationApi(
      <EntityProvider
        entity={agent(
          'marketing-content-strategist',
          'Marketing Content Strategist',
        )}
      >
        <EntityCreationContent />
      </EntityProvider>,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(await screen.findByTestId('no-creation')).toHaveTextContent(
      'Marketing Content Strategist was not created through the portal’s agent creation, so there is no creation record (Genesis verdict, pipeline, handoff) to show.',
    );
    expect(api.getReadiness).not.toHaveBeenCalled();
  });
});

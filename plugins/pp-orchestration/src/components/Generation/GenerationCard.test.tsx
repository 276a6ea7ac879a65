import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  createMockOrchestrationApi,
  makeCreation,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { GenerationCard } from './GenerationCard';

const generation = {
  attempt: 1,
  status: 'running' as const,
  publisher: 'local-git' as const,
  task_id: 'task-1',
  repository_url: null,
  reason: null,
  started_at: '2026-12-21T09:00:00Z',
  finished_at: null,
  catalog_entity_ref: null,
};

describe('GenerationCard', () => {
  it('shows a running generation with its progress', async () => {
    await renderWithOrchestrationApi(
      <GenerationCard
        creation={{ ...makeCreation(), status: 'generating', generation }}
        onChanged={() => {}}
      />,
    );
    expect(await screen.findByTestId('generation-state')).toHaveTextContent(
      'Generating the repository from the Platform Portal template',
    );
    expect(
      screen.getByRole('progressbar', { name: 'Code generation in progress' }),
    ).toBeInTheDocument();
  });

  it('a failed generation says why and starts again on "Generate again"', async () => {
    const api = createMockOrchestrationApi();
    api.generateAgain.mockResolvedValue(makeCreation());
    const onChanged = jest.fn();
    await renderWithOrchestrationApi(
      <GenerationCard
        creation={{
          ...makeCreation(),
          allowed_moves: [{ event: 'start_generation', to: 'generating' }],
          generation: {
            ...generation,
            status: 'failed',
            reason: 'step publish-local: the disk is full',
          },
        }}
        onChanged={onChanged}
      />,
      api,
    );
    expect(await screen.findByTestId('generation-state')).toHaveTextContent(
      'Code generation failed: step publish-local: the disk is full',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Generate again' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.generateAgain).toHaveBeenCalledWith('maths-tutor-abc123');
  });

  it('a generated repository, and the agent in the catalog once registered', async () => {
    const api = createMockOrchestrationApi();
    api.isInCatalog.mockResolvedValue(true);
    await renderWithOrchestrationApi(
      <GenerationCard
        creation={{
          ...makeCreation(),
          status: 'generating',
          generation: {
            ...generation,
            status: 'succeeded',
            repository_url:
              'https://github.com/waooaw-agents/maths-tutor-abc123',
            finished_at: '2026-12-21T09:01:00Z',
            catalog_entity_ref: 'component:default/maths-tutor-abc123',
          },
        }}
        onChanged={() => {}}
      />,
      api,
    );
    expect(
      await screen.findByRole('link', {
        name: 'Open Maths Tutor in the catalog',
      }),
    ).toHaveAttribute('href', '/catalog/default/component/maths-tutor-abc123');
    expect(
      screen.getByRole('link', {
        name: /^github.com\/waooaw-agents\/maths-tutor-abc123/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('generation-state')).toHaveTextContent(
      'Its first CI run starts the pipeline.',
    );
  });
});

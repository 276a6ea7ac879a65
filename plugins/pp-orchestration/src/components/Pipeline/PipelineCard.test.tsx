import { screen, within } from '@testing-library/react';
import {
  createMockOrchestrationApi,
  makePipeline,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { PipelineCard } from './PipelineCard';

describe('PipelineCard', () => {
  it('says the pipeline starts with the first workflow run while the creation is at Genesis', async () => {
    const api = createMockOrchestrationApi();
    await renderWithOrchestrationApi(
      <PipelineCard agentId="maths-tutor-abc123" status="genesis_approved" />,
      api,
    );
    expect(await screen.findByTestId('pipeline-not-started')).toHaveTextContent(
      "repository's first workflow run",
    );
    expect(api.getPipeline).not.toHaveBeenCalled();
  });

  it('shows the five stages with durations against the expected ones and their logs', async () => {
    const api = createMockOrchestrationApi();
    api.getPipeline.mockResolvedValue(makePipeline());
    await renderWithOrchestrationApi(
      <PipelineCard agentId="maths-tutor-abc123" status="ci_passed" />,
      api,
    );
    expect(await screen.findByText('Lint: Passed')).toBeInTheDocument();
    expect(api.getPipeline).toHaveBeenCalledWith('maths-tutor-abc123');
    expect(screen.getAllByTestId('pipeline-stage')).toHaveLength(5);
    expect(screen.getByText('Push to registry: Passed')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /View log/ })).toHaveLength(5);
    expect(
      screen.getByText('Took 15 min of 12 min expected (slower than expected)'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('pipeline-status')).toHaveTextContent(
      'Pipeline: Passed',
    );
    expect(screen.queryByText(/unit_tests|build_image|push\b/)).toBeNull();
  });

  it('highlights the failed stage and halts the later ones', async () => {
    const api = createMockOrchestrationApi();
    api.getPipeline.mockResolvedValue(makePipeline({ failAt: 'build_image' }));
    await renderWithOrchestrationApi(
      <PipelineCard agentId="maths-tutor-abc123" status="ci_failed" />,
      api,
    );
    expect(await screen.findByText('Build image: Failed')).toBeInTheDocument();
    expect(
      screen.getByText(
        /The build image stage failed; the later stages did not run/,
      ),
    ).toBeInTheDocument();
    const stages = screen.getAllByTestId('pipeline-stage');
    expect(stages.map(s => s.getAttribute('data-stage-status'))).toEqual([
      'passed',
      'passed',
      'failed',
      'halted',
      'halted',
    ]);
    expect(
      within(stages[3]).getByText(
        'Integration tests: Halted (an earlier stage failed)',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /View log/ })).toHaveLength(3);
  });

  it('says so when the pipeline cannot be loaded', async () => {
    const api = createMockOrchestrationApi();
    api.getPipeline.mockRejectedValue(new Error('The server is down'));
    await renderWithOrchestrationApi(
      <PipelineCard agentId="maths-tutor-abc123" status="ci_running" />,
      api,
    );
    expect(
      await screen.findByText(
        /Could not load the pipeline: The server is down/,
      ),
    ).toBeInTheDocument();
  });
});

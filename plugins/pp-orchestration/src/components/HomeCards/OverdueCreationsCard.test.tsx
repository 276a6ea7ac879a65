import { screen } from '@testing-library/react';
import {
  createMockOrchestrationApi,
  makeSummary,
  pageOf,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { OverdueCreationsCard } from './OverdueCreationsCard';

const step = (title: string, elapsedMin: number, budgetMin: number) => ({
  step: 'generation' as const,
  title,
  started_at: '2026-12-20T10:00:00.000Z',
  elapsed_ms: elapsedMin * 60_000,
  budget_ms: budgetMin * 60_000,
  overdue: true,
});

describe('OverdueCreationsCard', () => {
  it('lists the overdue creations, the longest over budget first, in words', async () => {
    const api = createMockOrchestrationApi();
    api.listCreations.mockResolvedValue(
      pageOf([
        makeSummary({
          agent_id: 'a',
          agent_name: 'Slow Builder',
          status: 'generating',
          current_step: step('Code generation', 20, 15),
        }),
        makeSummary({
          agent_id: 'b',
          agent_name: 'Stuck Tutor',
          status: 'generating',
          current_step: step('Code generation', 60, 15),
        }),
      ]),
    );
    await renderWithOrchestrationApi(<OverdueCreationsCard />, api);
    const links = await screen.findAllByRole('link');
    expect(api.listCreations).toHaveBeenCalledWith({ overdue: true, limit: 5 });
    expect(links.map(l => l.textContent)).toEqual([
      'Stuck Tutor',
      'Slow Builder',
      'Open the creations board',
    ]);
    expect(
      screen.getByText(/^Code generation: 1 h of a 15 min budget/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/generating|overdue/)).toBeNull();
  });

  it('says when nothing is overdue', async () => {
    const api = createMockOrchestrationApi();
    api.listCreations.mockResolvedValue(pageOf([]));
    await renderWithOrchestrationApi(<OverdueCreationsCard />, api);
    expect(
      await screen.findByText('No agent creation is over its time budget.'),
    ).toBeInTheDocument();
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PpFilterBar, PpSelectFilter } from './PpFilterBar';

describe('PpSelectFilter', () => {
  it('offers "any" and the options, and reports the choice', async () => {
    const user = userEvent.setup({ delay: null });
    const chosen: string[] = [];
    render(
      <PpFilterBar role="group" aria-label="Filters">
        <PpSelectFilter
          id="status"
          label="Status"
          anyLabel="Any status"
          options={[
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Closed' },
          ]}
          value=""
          onChange={v => chosen.push(v)}
        />
      </PpFilterBar>,
    );
    expect(screen.getByRole('group', { name: 'Filters' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Status/ }));
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'Any status',
      'Open',
      'Closed',
    ]);
    await user.click(screen.getByRole('option', { name: 'Closed' }));
    expect(chosen).toEqual(['closed']);
  });

  it('has no "any" choice without anyLabel', async () => {
    const user = userEvent.setup({ delay: null });
    render(
      <PpSelectFilter
        id="sort"
        label="Sort"
        options={[
          { value: 'a', label: 'A first' },
          { value: 'b', label: 'B first' },
        ]}
        value="a"
        onChange={() => {}}
      />,
    );
    await user.click(screen.getByRole('button', { name: /^Sort/ }));
    expect(screen.getAllByRole('option')).toHaveLength(2);
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PpSavedFiltersBar } from './PpSavedFiltersBar';

const labels = {
  title: 'Saved views:',
  namePlaceholder: 'Name this view',
  nameLabel: 'Saved view name',
  save: 'Save view',
};

describe('PpSavedFiltersBar', () => {
  it('saves the current filters under a name, applies them and deletes them', async () => {
    const user = userEvent.setup({ delay: null });
    const applied: Array<{ status?: string }> = [];
    await renderInTestApp(
      <PpSavedFiltersBar<{ status?: string }>
        bucket="pp-test"
        filters={{ status: 'open' }}
        onApply={f => applied.push(f)}
        labels={labels}
        data-testid="saved-views"
      />,
    );
    const bar = within(await screen.findByTestId('saved-views'));
    expect(bar.getByText('Saved views:')).toBeInTheDocument();
    expect(bar.getByText('none yet')).toBeInTheDocument();
    const save = bar.getByRole('button', { name: 'Save view' });
    expect(save).toBeDisabled();

    await user.type(bar.getByLabelText('Saved view name'), ' Open ones ');
    await user.click(save);
    const chip = await bar.findByRole('button', { name: 'Open ones' });
    expect(bar.getByLabelText('Saved view name')).toHaveValue('');
    expect(bar.queryByText('none yet')).toBeNull();

    await user.click(chip);
    expect(applied).toEqual([{ status: 'open' }]);

    // the chip's delete icon
    await user.click(chip.querySelector('svg')!);
    expect(await bar.findByText('none yet')).toBeInTheDocument();
  });
});

import { render, screen } from '@testing-library/react';
import { PpProgressButton } from './PpProgressButton';

describe('PpProgressButton', () => {
  it('is disabled and shows a spinner while busy', () => {
    render(<PpProgressButton busy>Start export</PpProgressButton>);
    const button = screen.getByRole('button', { name: 'Start export' });
    expect(button).toBeDisabled();
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
  });

  it('is a contained primary button unless told otherwise', () => {
    const { rerender } = render(
      <PpProgressButton busy={false}>Start export</PpProgressButton>,
    );
    const button = screen.getByRole('button', { name: 'Start export' });
    expect(button).toHaveClass('MuiButton-containedPrimary');
    rerender(
      <PpProgressButton busy={false} color="secondary">
        Start export
      </PpProgressButton>,
    );
    expect(button).toHaveClass('MuiButton-containedSecondary');
  });

  it('follows `disabled` when not busy, without a spinner', () => {
    const { rerender } = render(
      <PpProgressButton busy={false} disabled>
        Start export
      </PpProgressButton>,
    );
    expect(screen.getByRole('button', { name: 'Start export' })).toBeDisabled();
    rerender(<PpProgressButton busy={false}>Start export</PpProgressButton>);
    expect(screen.getByRole('button', { name: 'Start export' })).toBeEnabled();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});

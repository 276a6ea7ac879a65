import { Button, ButtonProps, CircularProgress } from '@material-ui/core';

/**
 * Props of {@link PpProgressButton}.
 *
 * @public
 */
export type PpProgressButtonProps = Omit<ButtonProps, 'startIcon'> & {
  /** The action runs: the button is disabled and shows a spinner. */
  busy: boolean;
};

/**
 * A dialog's main action button (contained, primary unless told otherwise) that shows a small
 * spinner and is disabled while its action runs.
 *
 * @public
 */
export function PpProgressButton(props: PpProgressButtonProps) {
  const { busy, disabled, ...rest } = props;
  return (
    <Button
      color="primary"
      variant="contained"
      {...rest}
      disabled={!!disabled || busy}
      startIcon={busy ? <CircularProgress size={16} /> : undefined}
    />
  );
}

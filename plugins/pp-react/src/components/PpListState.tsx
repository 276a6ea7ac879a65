import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { EmptyState, Progress } from '@backstage/core-components';

/**
 * An error sentence above a list or in a dialog; nothing without an error.
 *
 * @public
 */
export function PpErrorAlert(props: { error?: string }) {
  if (!props.error) return null;
  return (
    <Box mb={2}>
      <Alert severity="error">{props.error}</Alert>
    </Box>
  );
}

/**
 * Props of {@link PpListState}.
 *
 * @public
 */
export interface PpListStateProps {
  loading: boolean;
  error?: string;
  /** The list loaded and has no item. */
  empty: boolean;
  /** The empty state's title, e.g. "No tickets". */
  emptyTitle: string;
  /** Why it is empty, in a sentence. */
  emptyDescription: string;
}

/**
 * What a list shows instead of (or above) its table: the error, a progress bar while it loads,
 * and an empty state when it loaded nothing.
 *
 * @public
 */
export function PpListState(props: PpListStateProps) {
  const { loading, error, empty } = props;
  return (
    <>
      <PpErrorAlert error={error} />
      {loading && <Progress />}
      {!loading && !error && empty && (
        <EmptyState
          missing="data"
          title={props.emptyTitle}
          description={props.emptyDescription}
        />
      )}
    </>
  );
}

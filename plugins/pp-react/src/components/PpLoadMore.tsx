import { Box, Button, Typography } from '@material-ui/core';

/**
 * Props of {@link PpLoadMore}.
 *
 * @public
 */
export interface PpLoadMoreProps {
  /** How many items the list shows. */
  shown: number;
  /** How many there are in all, when known. */
  total?: number;
  /** The server has another page. */
  hasMore: boolean;
  /** The next page is on its way. */
  loading: boolean;
  onLoadMore: () => void;
}

/**
 * Below a cursor-paged list: "Showing 25 of 120" and a "Load more" button while there is more.
 *
 * @public
 */
export function PpLoadMore(props: PpLoadMoreProps) {
  return (
    <Box display="flex" alignItems="center" mt={2} style={{ gap: 16 }}>
      <Typography variant="body2" color="textSecondary">
        Showing {props.shown}
        {props.total !== undefined ? ` of ${props.total}` : ''}
      </Typography>
      {props.hasMore && (
        <Button
          variant="outlined"
          onClick={props.onLoadMore}
          disabled={props.loading}
        >
          {props.loading ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </Box>
  );
}

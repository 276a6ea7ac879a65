import { ReactNode } from 'react';
import { Link, Progress } from '@backstage/core-components';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { describeError } from '@internal/plugin-pp-common';

/**
 * One row of {@link PpHomeListCard}.
 *
 * @public
 */
export interface PpHomeListRow {
  key: string;
  /** The row's link (or text). */
  primary: ReactNode;
  /** A sentence under it. */
  secondary?: ReactNode;
}

/**
 * Props of {@link PpHomeListCard}.
 *
 * @public
 */
export interface PpHomeListCardProps {
  /** What the card reads, as its state (react-use's `useAsync`). */
  state: { loading: boolean; error?: unknown };
  /** What it reads, in words, for the error sentence: "the tickets". */
  what: string;
  /** The rows, once loaded. */
  rows: PpHomeListRow[];
  /** Shown above the rows, e.g. "4 agents missed an SLA target". */
  summary?: ReactNode;
  /** The sentence when there is no row. */
  empty: string;
  /** The link under the card to the page with the whole list. */
  more: { title: string; to: string };
  /** The list's accessible name. */
  label?: string;
}

/**
 * The body of a home page card that lists a few items of a plugin's page: a spinner while it
 * loads, the error as a sentence, the rows (a link and a sentence each) or a sentence when there
 * is none, and the link to the page.
 *
 * @public
 */
export function PpHomeListCard(props: PpHomeListCardProps) {
  if (props.state.loading) return <Progress />;
  if (props.state.error) {
    return (
      <Alert severity="error">
        Could not load {props.what}: {describeError(props.state.error)}
      </Alert>
    );
  }
  return (
    <>
      {props.rows.length ? (
        <>
          {props.summary && (
            <Typography variant="body2">{props.summary}</Typography>
          )}
          <List dense disablePadding aria-label={props.label}>
            {props.rows.map(r => (
              <ListItem key={r.key} disableGutters>
                <ListItemText primary={r.primary} secondary={r.secondary} />
              </ListItem>
            ))}
          </List>
        </>
      ) : (
        <Typography variant="body2">{props.empty}</Typography>
      )}
      <Link to={props.more.to}>{props.more.title}</Link>
    </>
  );
}

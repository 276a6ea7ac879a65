import { makeStyles } from '@material-ui/core';
import { PpFilterField } from './PpFilterBar';

const useStyles = makeStyles({ search: { minWidth: 240 } });

/**
 * Props of {@link PpSearchField}.
 *
 * @public
 */
export interface PpSearchFieldProps {
  id: string;
  label: string;
  placeholder: string;
  /** The field's accessible name, e.g. "Search tickets". */
  ariaLabel: string;
  value: string;
  onChange: (value: string) => void;
}

/**
 * A list's free-text search: a small outlined field at the start of the filter bar (pair it
 * with `usePpDebouncedSearch` so the list waits for a pause in typing).
 *
 * @public
 */
export function PpSearchField(props: PpSearchFieldProps) {
  const classes = useStyles();
  return (
    <PpFilterField
      className={classes.search}
      id={props.id}
      label={props.label}
      placeholder={props.placeholder}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      inputProps={{ 'aria-label': props.ariaLabel }}
    />
  );
}

import { CSSProperties, ReactNode } from 'react';
import {
  Box,
  BoxProps,
  MenuItem,
  OutlinedTextFieldProps,
  TextField,
  makeStyles,
} from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  dense: { gap: theme.spacing(1) },
}));

/**
 * Props of {@link PpFilterBar}.
 *
 * @public
 */
export type PpFilterBarProps = BoxProps & {
  /** Chips close together (gap 1) rather than form fields (gap 2). */
  dense?: boolean;
  children?: ReactNode;
};

/**
 * A wrapping row of a list's filters (fields, chips, buttons) above the list.
 *
 * @public
 */
export function PpFilterBar(props: PpFilterBarProps) {
  const { dense = false, className, children, ...rest } = props;
  const classes = useStyles();
  return (
    <Box
      className={[classes.bar, dense ? classes.dense : '', className ?? '']
        .filter(Boolean)
        .join(' ')}
      {...rest}
    >
      {children}
    </Box>
  );
}

/**
 * Props of {@link PpFilterField}: those of an outlined Material UI text field.
 *
 * @public
 */
export type PpFilterFieldProps = Omit<OutlinedTextFieldProps, 'variant'>;

/**
 * A field of a filter bar: a small outlined Material UI text field (text, or `select`).
 *
 * @public
 */
export function PpFilterField(props: PpFilterFieldProps) {
  return <TextField size="small" {...props} variant="outlined" />;
}

/**
 * One choice of a {@link PpSelectFilter}.
 *
 * @public
 */
export interface PpSelectOption {
  value: string;
  label: string;
}

/**
 * Props of {@link PpSelectFilter}.
 *
 * @public
 */
export interface PpSelectFilterProps {
  id: string;
  label: string;
  /** The chosen value; `''` is "any". */
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<PpSelectOption>;
  /** The first choice, for no filter (`''`), e.g. "Any status"; none when left out. */
  anyLabel?: string;
  className?: string;
  style?: CSSProperties;
}

/**
 * A single-choice list filter: a small outlined select with an optional "any" choice.
 *
 * @public
 */
export function PpSelectFilter(props: PpSelectFilterProps) {
  return (
    <PpFilterField
      select
      className={props.className}
      style={props.style}
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
    >
      {props.anyLabel !== undefined && (
        <MenuItem value="">{props.anyLabel}</MenuItem>
      )}
      {props.options.map(o => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </PpFilterField>
  );
}

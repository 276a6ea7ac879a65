import { useState } from 'react';
import {
  Box,
  Button,
  Chip,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { usePpSavedFilters } from '../hooks/useSavedFilters';

const useStyles = makeStyles(theme => ({
  saved: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
}));

/**
 * The words of a {@link PpSavedFiltersBar} (each list names its saved filters its own way).
 *
 * @public
 */
export interface PpSavedFiltersLabels {
  /** Before the chips, e.g. "Saved views:". */
  title: string;
  /** The name field's placeholder, e.g. "Name this view". */
  namePlaceholder: string;
  /** The name field's accessible name, e.g. "Saved view name". */
  nameLabel: string;
  /** The save button, e.g. "Save view". */
  save: string;
}

/**
 * Props of {@link PpSavedFiltersBar}.
 *
 * @public
 */
export interface PpSavedFiltersBarProps<F extends object> {
  /** The storage bucket of the list (see {@link usePpSavedFilters}). */
  bucket: string;
  /** The filters now applied (what "save" saves). */
  filters: F;
  /** Applies saved filters to the list. */
  onApply: (filters: F) => void;
  labels: PpSavedFiltersLabels;
  'data-testid'?: string;
}

/**
 * A list's saved filters ("saved views") as chips (click applies, the cross deletes), and a name
 * field with a button that saves the filters now applied.
 *
 * @public
 */
export function PpSavedFiltersBar<F extends object>(
  props: PpSavedFiltersBarProps<F>,
) {
  const { labels } = props;
  const classes = useStyles();
  const saved = usePpSavedFilters<F>(props.bucket);
  const [name, setName] = useState('');
  return (
    <Box className={classes.saved} data-testid={props['data-testid']}>
      <Typography variant="body2" color="textSecondary">
        {labels.title}
      </Typography>
      {saved.saved.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          none yet
        </Typography>
      )}
      {saved.saved.map(s => (
        <Chip
          key={s.name}
          label={s.name}
          onClick={() => props.onApply(s.filters)}
          onDelete={() => saved.remove(s.name)}
        />
      ))}
      <TextField
        size="small"
        placeholder={labels.namePlaceholder}
        value={name}
        onChange={e => setName(e.target.value)}
        inputProps={{ 'aria-label': labels.nameLabel }}
      />
      <Button
        size="small"
        disabled={!name.trim()}
        onClick={async () => {
          await saved.save(name.trim(), props.filters);
          setName('');
        }}
      >
        {labels.save}
      </Button>
    </Box>
  );
}

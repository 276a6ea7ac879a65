import { ReactNode } from 'react';
import { Typography, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    marginTop: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
}));

/**
 * One fact under a detail page's heading: "Industry: Education".
 *
 * @public
 */
export function PpFact(props: { label: string; value: string }) {
  return (
    <Typography variant="body1" component="div">
      <Typography variant="body2" color="textSecondary" component="span">
        {props.label}:
      </Typography>{' '}
      {props.value}
    </Typography>
  );
}

/**
 * The row of {@link PpFact}s under a detail page's heading, wrapping on narrow screens.
 *
 * @public
 */
export function PpFacts(props: { children: ReactNode }) {
  const classes = useStyles();
  return <div className={classes.facts}>{props.children}</div>;
}

import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 30 },
  mark: { fill: '#38bdf8' },
  accent: { fill: '#a78bfa' },
});

/** The Platform Portal mark for the collapsed sidebar. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 48 48"
      role="img"
      aria-label="WAOOAW Platform Portal"
    >
      <rect
        className={classes.mark}
        x="0"
        y="0"
        width="48"
        height="48"
        rx="12"
      />
      <rect
        className={classes.accent}
        x="14"
        y="14"
        width="20"
        height="20"
        rx="5"
      />
    </svg>
  );
};

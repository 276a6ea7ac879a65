import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 34 },
  mark: { fill: '#38bdf8' },
  accent: { fill: '#a78bfa' },
  text: { fill: '#ffffff', fontFamily: 'Helvetica, Arial, sans-serif' },
});

/** The Platform Portal wordmark for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 360 64"
      role="img"
      aria-label="WAOOAW Platform Portal"
    >
      <rect
        className={classes.mark}
        x="0"
        y="8"
        width="48"
        height="48"
        rx="12"
      />
      <rect
        className={classes.accent}
        x="14"
        y="22"
        width="20"
        height="20"
        rx="5"
      />
      <text
        className={classes.text}
        x="60"
        y="30"
        fontSize="20"
        fontWeight="700"
      >
        Platform Portal
      </text>
      <text className={classes.text} x="61" y="52" fontSize="13" opacity="0.7">
        WAOOAW operations
      </text>
    </svg>
  );
};

import { makeStyles } from '@material-ui/core';
import { PpMark } from './PpMark';

const useStyles = makeStyles(theme => ({
  svg: { width: 'auto', height: 40 },
  // The sidebar is dark in every PP theme; follow its text colour rather than hard-coding white.
  text: {
    fill: theme.palette.navigation.selectedColor,
    fontFamily: 'Helvetica, Arial, sans-serif',
  },
}));

/** The Platform Portal wordmark for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 200 48"
      role="img"
      aria-label="WAOOAW Platform Portal"
    >
      <PpMark idSuffix="full" />
      <text
        className={classes.text}
        x="58"
        y="22"
        fontSize="19"
        fontWeight="700"
      >
        Platform Portal
      </text>
      <text
        className={classes.text}
        x="58"
        y="41"
        fontSize="12"
        letterSpacing="2.5"
        opacity="0.75"
      >
        WAOOAW
      </text>
    </svg>
  );
};

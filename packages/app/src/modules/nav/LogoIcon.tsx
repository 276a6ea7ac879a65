import { makeStyles } from '@material-ui/core';
import { PpMark } from './PpMark';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 32 },
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
      <PpMark idSuffix="icon" />
    </svg>
  );
};

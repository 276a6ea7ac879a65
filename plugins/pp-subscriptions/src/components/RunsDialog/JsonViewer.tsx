import { useState } from 'react';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Button,
  Typography,
  makeStyles,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';

const useStyles = makeStyles(theme => ({
  pre: {
    margin: 0,
    width: '100%',
    maxHeight: 320,
    overflow: 'auto',
    fontFamily: 'monospace',
    fontSize: 13,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    padding: theme.spacing(1),
    backgroundColor: theme.palette.action.hover,
    color: theme.palette.text.primary,
    borderRadius: theme.shape.borderRadius,
  },
  details: { flexDirection: 'column', gap: theme.spacing(1) },
}));

/** A value as indented JSON (`null` for nothing). */
export function prettyJson(value: unknown): string {
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** One JSON value in a collapsible panel: monospace, scrollable, with a copy button. */
export function JsonViewer(props: {
  title: string;
  value: unknown;
  defaultExpanded?: boolean;
}) {
  const classes = useStyles();
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const text = prettyJson(props.value);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Accordion
      defaultExpanded={props.defaultExpanded}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>{props.title}</Typography>
      </AccordionSummary>
      <AccordionDetails className={classes.details}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Button size="small" variant="outlined" onClick={copy}>
            Copy {props.title.toLocaleLowerCase()}
          </Button>
          {copied && (
            <Typography variant="body2" color="textSecondary" role="status">
              {copied === 'yes'
                ? 'Copied.'
                : 'The browser did not allow copying.'}
            </Typography>
          )}
        </Box>
        <pre className={classes.pre} aria-label={props.title}>
          {text}
        </pre>
      </AccordionDetails>
    </Accordion>
  );
}

import {
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';

import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import { Alert } from '@material-ui/lab';
import { PpGenesisVerdict } from '@internal/plugin-pp-common';
import { formatDateTime } from '@internal/plugin-pp-react';
import { ruleLabel } from '../../util/labels';

const useStyles = makeStyles(theme => ({
  passed: { color: theme.palette.success.main },
  // a reason is a sentence: it wraps rather than being cut off
  reason: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
}));

const VALIDATORS = {
  'built-in': "PP's built-in Genesis rules",
  'genesis-agent': 'the Genesis agent',
};

/**
 * The Genesis verdict in sentences: approved or rejected (final), and each constitutional rule
 * with whether it passed and, when it failed, why.
 */
export function GenesisVerdictView(props: {
  agentName: string;
  genesis: PpGenesisVerdict;
}) {
  const { agentName, genesis } = props;
  const classes = useStyles();
  const approved = genesis.verdict === 'approved';
  return (
    <>
      {approved ? (
        <Alert severity="success" data-testid="genesis-verdict">
          Genesis approved {agentName}: it passed every constitutional rule.
          Code generation comes next.
        </Alert>
      ) : (
        <Alert severity="error" data-testid="genesis-verdict">
          Genesis rejected {agentName}. A rejection is final: nobody, admins
          included, can move this creation on. Request a new agent that respects
          the rules below.
        </Alert>
      )}
      <List dense aria-label="Genesis rules">
        {genesis.rules.map(r => (
          <ListItem key={r.rule} data-testid={`rule-${r.rule}`}>
            <ListItemIcon>
              {r.passed ? (
                <CheckCircleIcon
                  className={classes.passed}
                  titleAccess="Passed"
                />
              ) : (
                <CancelIcon color="error" titleAccess="Failed" />
              )}
            </ListItemIcon>
            <ListItemText
              primary={`${ruleLabel(r.rule)}: ${
                r.passed ? 'passed' : 'failed'
              }`}
              secondary={r.passed ? undefined : r.reason}
              secondaryTypographyProps={{ className: classes.reason }}
            />
          </ListItem>
        ))}
      </List>
      <Typography variant="body2" color="textSecondary">
        Decided by {VALIDATORS[genesis.validator] ?? 'Genesis'} on{' '}
        {formatDateTime(genesis.decided_at)}.
      </Typography>
    </>
  );
}

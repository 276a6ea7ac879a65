import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  LinearProgress,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  TextField,
  Typography,
} from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PP_RETUNING_STATUS_LABELS,
  PpRetuning,
  describeError,
  ppRetuningApprovePermission,
} from '@internal/plugin-pp-common';
import {
  PpDataTable,
  PpErrorAlert,
  PpFact,
  PpFacts,
  PpProgressButton,
  formatDateTime,
} from '@internal/plugin-pp-react';
import { useState } from 'react';
import { ppKnowledgeApiRef } from '../api';
import {
  GENESIS_VERDICT_LABELS,
  INDUSTRY_LABELS,
  OUTCOME_LABELS,
  POST_CHECK_LABELS,
  STRATEGY_SHORT,
  formatGateValue,
  gateOutcome,
  humanise,
} from './labels';

const NO_DECISION: Partial<Record<PpRetuning['status'], string>> = {
  rejected: 'None: Genesis rejected the proposal, which is final.',
  awaiting_approval: 'Waiting for an admin to approve or decline.',
};

type Gate = NonNullable<PpRetuning['rollout']>['gates'][number];

/** A rollout or post-deployment check's gates: each metric against its threshold. */
function GatesTable(props: { label: string; gates: Gate[] }) {
  if (!props.gates.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No figures yet.
      </Typography>
    );
  }
  return (
    <PpDataTable
      label={props.label}
      outlined
      rows={props.gates}
      rowKey={g => g.metric}
      columns={[
        { title: 'Metric', render: g => g.title || humanise(g.metric) },
        {
          title: 'Value',
          align: 'right',
          render: g => formatGateValue(g.metric, g.value),
        },
        {
          title: 'Threshold',
          align: 'right',
          render: g => formatGateValue(g.metric, g.threshold),
        },
        {
          title: 'Outcome',
          render: g => gateOutcome(g),
        },
      ]}
    />
  );
}

/** Approve or decline with a reason (admins, once Genesis approved). */
function DecisionDialog(props: {
  retuning: PpRetuning;
  outcome: 'approve' | 'decline';
  onClose: () => void;
  onDecided: (r: PpRetuning) => void;
}) {
  const api = useApi(ppKnowledgeApiRef);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const approve = props.outcome === 'approve';
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      props.onDecided(
        approve
          ? await api.approveRetuning(
              props.retuning.id,
              reason.trim(),
              props.retuning.version,
            )
          : await api.declineRetuning(
              props.retuning.id,
              reason.trim(),
              props.retuning.version,
            ),
      );
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        {approve ? 'Approve' : 'Decline'} retuning {props.retuning.agent_name}
      </DialogTitle>
      <DialogContent>
        <PpErrorAlert error={error} />
        <Typography variant="body2" paragraph>
          {approve
            ? `${props.retuning.agent_name} is retuned on ${
                props.retuning.knowledge_version
              } and rolled out ${STRATEGY_SHORT[
                props.retuning.strategy
              ].toLocaleLowerCase('en-US')}.`
            : 'The proposal ends here; it cannot be approved later.'}
        </Typography>
        <TextField
          id="pp-knowledge-decision-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          required
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <PpProgressButton
          busy={busy}
          disabled={reason.trim().length < 3}
          color={approve ? 'primary' : 'secondary'}
          onClick={submit}
        >
          {approve ? 'Approve' : 'Decline'}
        </PpProgressButton>
      </DialogActions>
    </Dialog>
  );
}

/**
 * A retuning proposal in full: what it is, Genesis' verdict with each check's sentence, the
 * admin's decision (approve/decline for admins while it waits for one), the rollout (phase,
 * traffic, gates against their thresholds, history), the post-deployment checks and rollbacks.
 */
export function RetuningView(props: {
  retuning: PpRetuning;
  onChange?: (r: PpRetuning) => void;
}) {
  const r = props.retuning;
  const { allowed: canDecide } = usePermission({
    permission: ppRetuningApprovePermission,
  });
  const [deciding, setDeciding] = useState<'approve' | 'decline'>();
  const decidable = r.status === 'awaiting_approval' && canDecide;

  return (
    <>
      <PpFacts>
        <PpFact label="Status" value={PP_RETUNING_STATUS_LABELS[r.status]} />
        <PpFact label="Industry" value={INDUSTRY_LABELS[r.industry]} />
        <PpFact label="Knowledge version" value={r.knowledge_version} />
        <PpFact
          label="Before"
          value={r.previous_knowledge_version ?? 'Never retuned'}
        />
        <PpFact label="Roll out" value={STRATEGY_SHORT[r.strategy]} />
        <PpFact
          label="Proposed"
          value={`${formatDateTime(r.created_at)} by ${
            r.created_by_name ?? 'someone no longer in the portal'
          }`}
        />
      </PpFacts>
      <Typography variant="body1" paragraph>
        Why: {r.reason}
      </Typography>
      {decidable && (
        <Box display="flex" mb={2} style={{ gap: 8 }}>
          <Button
            variant="contained"
            color="primary"
            onClick={() => setDeciding('approve')}
          >
            Approve
          </Button>
          <Button variant="outlined" onClick={() => setDeciding('decline')}>
            Decline
          </Button>
        </Box>
      )}
      {deciding && (
        <DecisionDialog
          retuning={r}
          outcome={deciding}
          onClose={() => setDeciding(undefined)}
          onDecided={next => {
            setDeciding(undefined);
            props.onChange?.(next);
          }}
        />
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <Card variant="outlined">
            <CardHeader
              title="Genesis"
              subheader={GENESIS_VERDICT_LABELS[r.genesis.verdict]}
              titleTypographyProps={{ variant: 'h6' }}
            />
            <CardContent>
              {r.genesis.reason && (
                <Alert
                  severity={r.genesis.verdict === 'rejected' ? 'error' : 'info'}
                >
                  {r.genesis.reason}
                </Alert>
              )}
              <List dense aria-label="Genesis checks">
                {r.genesis.checks.map(c => (
                  <ListItem key={c.key}>
                    <ListItemIcon>
                      {c.passed ? (
                        <CheckCircleIcon
                          style={{ color: '#2e7d32' }}
                          titleAccess="Passed"
                        />
                      ) : (
                        <CancelIcon color="error" titleAccess="Failed" />
                      )}
                    </ListItemIcon>
                    <ListItemText
                      primary={c.title}
                      secondary={c.detail}
                      // a check's sentence wraps inside the card
                      secondaryTypographyProps={{
                        style: {
                          whiteSpace: 'normal',
                          overflowWrap: 'anywhere',
                        },
                      }}
                    />
                  </ListItem>
                ))}
              </List>
              {r.genesis.checks.length === 0 && (
                <Typography variant="body2" color="textSecondary">
                  No check has finished yet.
                </Typography>
              )}
              {r.genesis.decided_at && (
                <Typography variant="caption" color="textSecondary">
                  Decided {formatDateTime(r.genesis.decided_at)}
                </Typography>
              )}
            </CardContent>
          </Card>
        </Grid>
        <Grid item xs={12} md={6}>
          <Card variant="outlined">
            <CardHeader
              title="Admin’s decision"
              titleTypographyProps={{ variant: 'h6' }}
            />
            <CardContent>
              {r.decision ? (
                <Typography variant="body2">
                  {r.decision.outcome === 'approved' ? 'Approved' : 'Declined'}{' '}
                  by {r.decision.by_name ?? 'an admin'} on{' '}
                  {formatDateTime(r.decision.at)}: {r.decision.reason}
                </Typography>
              ) : (
                <Typography variant="body2" color="textSecondary">
                  {NO_DECISION[r.status] ??
                    'An admin decides once Genesis approved.'}
                </Typography>
              )}
            </CardContent>
          </Card>
        </Grid>
        {r.rollout && (
          <Grid item xs={12}>
            <Card variant="outlined">
              <CardHeader
                title="Rollout"
                subheader={`${
                  r.rollout.phase_title || humanise(r.rollout.phase)
                } · ${r.rollout.traffic_percent} % of traffic`}
                titleTypographyProps={{ variant: 'h6' }}
              />
              <CardContent>
                <LinearProgress
                  variant="determinate"
                  value={Math.max(0, Math.min(100, r.rollout.traffic_percent))}
                  aria-label={`${r.rollout.traffic_percent} % of traffic on the retuned agent`}
                />
                {r.rollout.rollback_reason && (
                  <Box mt={2}>
                    <Alert severity="error">
                      Rolled back: {r.rollout.rollback_reason}
                    </Alert>
                  </Box>
                )}
                <Box mt={2}>
                  <GatesTable label="Rollout gates" gates={r.rollout.gates} />
                </Box>
                {r.rollout.history.length > 0 && (
                  <Box mt={2} data-testid="rollout-history">
                    <Typography variant="subtitle2">History</Typography>
                    {r.rollout.history.map((h, i) => (
                      <Typography key={i} variant="body2">
                        {formatDateTime(h.at)}: {humanise(h.from)} →{' '}
                        {humanise(h.to)}
                        {h.note ? ` (${h.note})` : ''}
                      </Typography>
                    ))}
                  </Box>
                )}
              </CardContent>
            </Card>
          </Grid>
        )}
        {r.post_checks.length > 0 && (
          <Grid item xs={12}>
            <Card variant="outlined">
              <CardHeader
                title="Checks after deployment"
                titleTypographyProps={{ variant: 'h6' }}
              />
              <CardContent>
                {r.post_checks.map(p => (
                  <Box key={p.after} mb={2}>
                    <Typography variant="subtitle2">
                      {POST_CHECK_LABELS[p.after]}: {OUTCOME_LABELS[p.outcome]}{' '}
                      (
                      {p.checked_at
                        ? `checked ${formatDateTime(p.checked_at)}`
                        : `due ${formatDateTime(p.due_at)}`}
                      )
                    </Typography>
                    {p.gates.length > 0 && (
                      <GatesTable
                        label={`${POST_CHECK_LABELS[p.after]}: gates`}
                        gates={p.gates}
                      />
                    )}
                  </Box>
                ))}
              </CardContent>
            </Card>
          </Grid>
        )}
        {r.rollbacks.length > 0 && (
          <Grid item xs={12}>
            <Card variant="outlined">
              <CardHeader
                title="Rollbacks"
                titleTypographyProps={{ variant: 'h6' }}
              />
              <CardContent>
                {r.rollbacks.map((b, i) => (
                  <Typography key={i} variant="body2">
                    {formatDateTime(b.at)}: {b.reason}
                  </Typography>
                ))}
              </CardContent>
            </Card>
          </Grid>
        )}
      </Grid>
    </>
  );
}

import { useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Chip,
  CircularProgress,
  FormControlLabel,
  List,
  ListItem,
  ListItemText,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PP_HANDOFF_ITEM_KEYS,
  PpHandoff,
  PpHandoffItemKey,
  describeError,
  ppHandoffAcceptPermission,
  ppHandoffCreatePermission,
  ppSlaCreatePermission,
} from '@internal/plugin-pp-common';
import { Link } from '@backstage/core-components';
import { formatDateTime } from '@internal/plugin-pp-react';
import {
  actorLabel,
  dueLabel,
  evidenceProblem,
  handoffItemLabel,
  olaStateLabel,
  verificationLabel,
} from '../../util/labels';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  label: { minWidth: 300 },
  evidence: { flex: 1, minWidth: 280 },
  wrap: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  good: { backgroundColor: theme.palette.success.main, color: '#fff' },
  bad: { backgroundColor: theme.palette.error.main, color: '#fff' },
  warn: { backgroundColor: theme.palette.warning.main, color: '#000' },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    marginTop: theme.spacing(2),
  },
}));

/** Who may submit handoffs (orchestrators, admins) and who may decide them (infrastructure, admins). */
export function useHandoffPermissions() {
  const create = usePermission({ permission: ppHandoffCreatePermission });
  const accept = usePermission({ permission: ppHandoffAcceptPermission });
  return {
    loading: create.loading || accept.loading,
    canSubmit: create.allowed,
    canDecide: accept.allowed,
  };
}

/** The OLA's state as a chip: "due in 5 h" / "overdue by 2 h" / decided in time or late. */
export function OlaChip(props: { ola: PpHandoff['ola']; now?: Date }) {
  const classes = useStyles();
  const { ola } = props;
  const pending = ola.state !== 'met' && ola.state !== 'met_late';
  const label = pending
    ? `${olaStateLabel(ola.state)} · ${dueLabel(ola.deadline, props.now)}`
    : olaStateLabel(ola.state);
  const tones: Record<PpHandoff['ola']['state'], string> = {
    on_track: classes.good,
    met: classes.good,
    reminder_due: classes.warn,
    breached: classes.bad,
    met_late: classes.bad,
  };
  const tone = tones[ola.state];
  return (
    <Chip size="small" label={label} className={tone} data-testid="ola-chip" />
  );
}

/** The checklist as PP evaluated it: each item, its evidence, PP's own verification. */
export function HandoffItemsView(props: { handoff: PpHandoff }) {
  const classes = useStyles();
  const h = props.handoff;
  const { allowed: canDefineSla } = usePermission({
    permission: ppSlaCreatePermission,
  });
  return (
    <>
      {h.complete ? (
        <Alert severity="success">
          Every checklist item is satisfied: the service team can accept it.
        </Alert>
      ) : (
        <Alert severity="warning">
          Some items are not satisfied: the service team cannot accept until
          they are fixed.
        </Alert>
      )}
      <List dense aria-label="Handoff checklist">
        {h.items.map(i => (
          <ListItem key={i.key} data-testid="handoff-item">
            <ListItemText
              primary={`${handoffItemLabel(i.key)}: ${
                i.satisfied ? 'satisfied' : 'not satisfied'
              }`}
              secondaryTypographyProps={{
                className: classes.wrap,
                component: 'div',
              }}
              secondary={
                <>
                  <div>{verificationLabel(i.verification)}</div>
                  {i.note && <div>What the portal found: {i.note}</div>}
                  {i.evidence && <div>Evidence: {i.evidence}</div>}
                  {/* a contradiction's problem is what the portal found: said once */}
                  {i.problem &&
                    i.problem !== i.note?.replace(/[.\s]+$/, '') && (
                      <div>Problem: {i.problem}.</div>
                    )}
                  {i.key === 'sla_defined' &&
                    i.verification === 'contradicted' &&
                    canDefineSla && (
                      <div>
                        {/* the SLA/OLA plugin's page opens its dialog for this agent */}
                        <Link
                          to={`/pp/sla?define=${encodeURIComponent(
                            h.agent_id,
                          )}`}
                        >
                          Define the SLA
                        </Link>
                      </div>
                    )}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}

/** The handoff's state in words: status, OLA deadline, decision. */
export function HandoffSummary(props: {
  handoff: PpHandoff;
  /** more names by principal ref (the creation's) */
  people?: Record<string, string>;
}) {
  const h = props.handoff;
  const people = { ...props.people, ...h.people };
  return (
    <Box mb={1}>
      {h.status === 'pending' ? (
        <Typography data-testid="handoff-state">
          Waiting for the service team's review, submitted{' '}
          {formatDateTime(h.ola.submitted_at)} by{' '}
          {actorLabel(h.initiated_by, people)}. They have until{' '}
          {formatDateTime(h.ola.deadline)}. <OlaChip ola={h.ola} />
        </Typography>
      ) : (
        <Typography data-testid="handoff-state">
          {h.status === 'accepted'
            ? 'The service team accepted the handoff'
            : 'The service team rejected the handoff'}
          {h.decided_by ? ` (${actorLabel(h.decided_by, people)})` : ''}
          {h.decided_at ? ` on ${formatDateTime(h.decided_at)}` : ''}
          {h.reason ? `. Why: ${h.reason}` : '.'} <OlaChip ola={h.ola} />
        </Typography>
      )}
    </Box>
  );
}

type Entry = { done: boolean; evidence: string; touched: boolean };

/** The 8-item checklist: each a checkbox and its evidence, checked on the field. */
export function HandoffChecklistForm(props: {
  onSubmit: (
    items: { key: PpHandoffItemKey; done: boolean; evidence: string }[],
  ) => Promise<void>;
}) {
  const classes = useStyles();
  const [entries, setEntries] = useState<Record<string, Entry>>(() =>
    Object.fromEntries(
      PP_HANDOFF_ITEM_KEYS.map(k => [
        k,
        { done: false, evidence: '', touched: false },
      ]),
    ),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const set = (key: string, patch: Partial<Entry>) =>
    setEntries(e => ({ ...e, [key]: { ...e[key], ...patch } }));
  const problems = Object.fromEntries(
    PP_HANDOFF_ITEM_KEYS.map(k => {
      const e = entries[k];
      const p =
        !e.done && !e.evidence.trim()
          ? 'Tick it once it is done and give its evidence.'
          : evidenceProblem(e.evidence) ??
            (e.done ? undefined : 'Tick it once it is done.');
      return [k, p];
    }),
  );
  const valid = PP_HANDOFF_ITEM_KEYS.every(k => !problems[k]);
  const submit = async () => {
    if (!valid) {
      setEntries(e =>
        Object.fromEntries(
          Object.entries(e).map(([k, v]) => [k, { ...v, touched: true }]),
        ),
      );
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(
        PP_HANDOFF_ITEM_KEYS.map(k => ({
          key: k,
          done: entries[k].done,
          evidence: entries[k].evidence.trim(),
        })),
      );
    } catch (e) {
      setError(`Could not submit the handoff: ${describeError(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" aria-label="Handoff checklist form">
      <Typography paragraph>
        Tick each item once it is done and give its evidence: a link (runbook,
        dashboard, load-test report) or a note of at least 10 characters. The
        service team has 24 hours to review it.
      </Typography>
      {PP_HANDOFF_ITEM_KEYS.map(k => {
        const e = entries[k];
        const label = handoffItemLabel(k);
        const showProblem = e.touched && problems[k];
        return (
          <Box key={k} className={classes.item}>
            <FormControlLabel
              className={classes.label}
              control={
                <Checkbox
                  checked={e.done}
                  onChange={ev =>
                    set(k, { done: ev.target.checked, touched: true })
                  }
                />
              }
              label={label}
            />
            <TextField
              id={`handoff-evidence-${k}`}
              className={classes.evidence}
              size="small"
              variant="outlined"
              label={`Evidence: ${label}`}
              value={e.evidence}
              onChange={ev => set(k, { evidence: ev.target.value })}
              onBlur={() => set(k, { touched: true })}
              error={!!showProblem}
              helperText={showProblem || ' '}
            />
          </Box>
        );
      })}
      {error && (
        <Box mb={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      <Button
        variant="contained"
        color="primary"
        onClick={submit}
        disabled={busy}
        startIcon={busy ? <CircularProgress size={16} /> : undefined}
      >
        Submit for handoff
      </Button>
    </Box>
  );
}

/** Accept, or reject with a reason (10+ characters, checked on the field). */
export function HandoffDecisionForm(props: {
  handoff: PpHandoff;
  onAccept: () => Promise<void>;
  onReject: (reason: string) => Promise<void>;
}) {
  const classes = useStyles();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState<'accept' | 'reject'>();
  const [error, setError] = useState<string>();
  const reasonProblem =
    reason.trim().length < 10
      ? 'Say what to fix, in at least 10 characters.'
      : undefined;
  const run = async (which: 'accept' | 'reject') => {
    if (which === 'reject' && reasonProblem) {
      setTouched(true);
      return;
    }
    setBusy(which);
    setError(undefined);
    try {
      if (which === 'accept') await props.onAccept();
      else await props.onReject(reason.trim());
    } catch (e) {
      setError(`Could not ${which} the handoff: ${describeError(e)}`);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Box>
      {error && <Alert severity="error">{error}</Alert>}
      <Box className={classes.actions}>
        <Button
          variant="contained"
          color="primary"
          disabled={!!busy || !props.handoff.complete}
          onClick={() => run('accept')}
          startIcon={
            busy === 'accept' ? <CircularProgress size={16} /> : undefined
          }
        >
          Accept
        </Button>
        <TextField
          id="handoff-reject-reason"
          size="small"
          variant="outlined"
          label="Why reject it (what to fix)"
          value={reason}
          onChange={e => setReason(e.target.value)}
          onBlur={() => setTouched(true)}
          error={touched && !!reasonProblem}
          helperText={(touched && reasonProblem) || ' '}
          style={{ minWidth: 360 }}
        />
        <Button
          variant="outlined"
          disabled={!!busy}
          onClick={() => run('reject')}
          startIcon={
            busy === 'reject' ? <CircularProgress size={16} /> : undefined
          }
        >
          Reject
        </Button>
      </Box>
      {!props.handoff.complete && (
        <Typography variant="body2" color="textSecondary">
          Accepting needs every checklist item satisfied.
        </Typography>
      )}
    </Box>
  );
}

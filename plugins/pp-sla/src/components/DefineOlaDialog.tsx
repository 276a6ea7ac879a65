import { useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  PpOlaDefinition,
  PpOlaDefinitionCreate,
  describeError,
} from '@internal/plugin-pp-common';
import { PpErrorAlert, PpProgressButton } from '@internal/plugin-pp-react';
import { ppSlaApiRef } from '../api';
import {
  OLA_TIMINGS,
  TICKET_PRIORITY_LABELS,
  commitmentText,
} from './olaLabels';

const UNIT_MINUTES = { minutes: 1, hours: 60, days: 24 * 60 } as const;
type CommitmentUnit = keyof typeof UNIT_MINUTES;
const MAX_MINUTES = 90 * 24 * 60;

/** The dialog's fields as typed. */
export interface OlaForm {
  name: string;
  providerTeam: string;
  consumerTeam: string;
  timing: (typeof OLA_TIMINGS)[number]['key'];
  /** `''`: every priority (ticket OLAs only). */
  ticketPriority: string;
  amount: string;
  unit: CommitmentUnit;
  /** One step a line. */
  escalation: string;
}

type Field = 'name' | 'providerTeam' | 'consumerTeam' | 'amount' | 'escalation';

const steps = (escalation: string) =>
  escalation
    .split('\n')
    .map(s => s.trim())
    .filter(Boolean);

function commitmentMinutes(form: OlaForm): number {
  return Number(form.amount.trim()) * UNIT_MINUTES[form.unit];
}

/** What is wrong with each field, in a sentence (the API's bounds); no key: the field is fine. */
export function olaFormProblems(form: OlaForm): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  const name = form.name.trim();
  if (name.length < 3) problems.name = 'Name the OLA in 3 characters or more.';
  else if (name.length > 200)
    problems.name = 'A name has 200 characters at most.';
  const team = (value: string, who: string) => {
    const t = value.trim();
    if (t.length < 2) return `Name ${who} in 2 characters or more.`;
    if (t.length > 100) return 'A team name has 100 characters at most.';
    return undefined;
  };
  const provider = team(form.providerTeam, 'the team that commits');
  if (provider) problems.providerTeam = provider;
  const consumer = team(form.consumerTeam, 'the team it serves');
  if (consumer) problems.consumerTeam = consumer;
  const raw = form.amount.trim();
  const minutes = commitmentMinutes(form);
  if (!raw || !Number.isFinite(minutes) || minutes <= 0) {
    problems.amount = 'Give the time as a number above 0.';
  } else if (!Number.isInteger(Math.round(minutes * 1e6) / 1e6)) {
    problems.amount = 'The time must come to whole minutes.';
  } else if (minutes > MAX_MINUTES) {
    problems.amount = 'An OLA commits to 90 days at most.';
  }
  const path = steps(form.escalation);
  if (path.length > 10) {
    problems.escalation = 'An escalation path has 10 steps at most.';
  } else if (path.some(s => s.length < 2)) {
    problems.escalation = 'Each step needs 2 characters or more.';
  } else if (path.some(s => s.length > 200)) {
    problems.escalation = 'A step has 200 characters at most.';
  }
  return problems;
}

/** The body of `POST /ola-definitions` for a form without problems. */
export function olaFormBody(form: OlaForm): PpOlaDefinitionCreate {
  const timing = OLA_TIMINGS.find(t => t.key === form.timing)!;
  return {
    name: form.name.trim(),
    provider_team: form.providerTeam.trim(),
    consumer_team: form.consumerTeam.trim(),
    commitment_minutes: Math.round(commitmentMinutes(form)),
    start_event: timing.start,
    stop_event: timing.stop,
    ...(timing.key === 'ticket' && form.ticketPriority
      ? {
          ticket_priority:
            form.ticketPriority as PpOlaDefinitionCreate['ticket_priority'],
        }
      : {}),
    escalation_path: steps(form.escalation),
  };
}

const EMPTY: OlaForm = {
  name: '',
  providerTeam: '',
  consumerTeam: '',
  timing: 'handoff',
  ticketPriority: '',
  amount: '24',
  unit: 'hours',
  escalation: '',
};

/**
 * "Define an OLA" (infrastructure engineers and admins): a commitment between two teams, timed
 * from a start event to a stop event, and who is called when it is missed. The OLA job times every
 * handoff or ticket against it from its next run.
 */
export function DefineOlaDialog(props: {
  open: boolean;
  onClose: () => void;
  onSaved: (ola: PpOlaDefinition) => void;
}) {
  const api = useApi(ppSlaApiRef);
  const [form, setForm] = useState<OlaForm>(EMPTY);
  // a field's problem shows once it was left, or once saving was tried
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const problems = olaFormProblems(form);
  const valid = Object.keys(problems).length === 0;
  const shown = (f: Field) => (tried || touched[f] ? problems[f] : undefined);

  const set =
    <K extends keyof OlaForm>(key: K) =>
    (e: { target: { value: unknown } }) =>
      setForm(f => ({ ...f, [key]: e.target.value as OlaForm[K] }));
  const leave = (f: Field) => () => setTouched(t => ({ ...t, [f]: true }));

  const save = async () => {
    setTried(true);
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    try {
      props.onSaved(await api.createOla(olaFormBody(form)));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const text = (
    f: Field,
    label: string,
    hint: string,
    extra: {
      type?: string;
      inputProps?: { min?: number };
      multiline?: boolean;
      minRows?: number;
    } = {},
  ) => (
    <TextField
      fullWidth
      margin="dense"
      id={`pp-ola-define-${f}`}
      label={label}
      value={form[f]}
      onChange={set(f)}
      onBlur={leave(f)}
      error={!!shown(f)}
      helperText={shown(f) ?? hint}
      {...extra}
    />
  );

  const minutes = commitmentMinutes(form);
  const timing = OLA_TIMINGS.find(t => t.key === form.timing)!;

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>Define an OLA</DialogTitle>
      <DialogContent>
        <PpErrorAlert error={error} />
        {text('name', 'Name', 'e.g. Service team acknowledges handoffs')}
        <Box display="flex" style={{ gap: 16 }}>
          {text(
            'providerTeam',
            'Team that commits',
            'e.g. Service team, Infrastructure',
          )}
          {text('consumerTeam', 'Team it serves', 'e.g. Agent creation team')}
        </Box>
        <TextField
          select
          fullWidth
          margin="dense"
          id="pp-ola-define-timing"
          label="What is timed"
          value={form.timing}
          onChange={set('timing')}
        >
          {OLA_TIMINGS.map(t => (
            <MenuItem key={t.key} value={t.key}>
              {t.label}
            </MenuItem>
          ))}
        </TextField>
        {timing.key === 'ticket' && (
          <TextField
            select
            fullWidth
            margin="dense"
            id="pp-ola-define-priority"
            label="Tickets"
            value={form.ticketPriority}
            onChange={set('ticketPriority')}
          >
            <MenuItem value="">Every priority</MenuItem>
            {Object.entries(TICKET_PRIORITY_LABELS).map(([key, label]) => (
              <MenuItem key={key} value={key}>
                {label} priority only
              </MenuItem>
            ))}
          </TextField>
        )}
        <Box display="flex" style={{ gap: 16 }}>
          {text(
            'amount',
            'Within',
            problems.amount
              ? 'How long the team has'
              : commitmentText({
                  stop_event: timing.stop,
                  commitment_minutes: Math.round(minutes),
                }),
            { type: 'number', inputProps: { min: 1 } },
          )}
          <TextField
            select
            margin="dense"
            id="pp-ola-define-unit"
            label="Unit"
            value={form.unit}
            onChange={set('unit')}
            style={{ minWidth: 140 }}
          >
            <MenuItem value="minutes">minutes</MenuItem>
            <MenuItem value="hours">hours</MenuItem>
            <MenuItem value="days">days</MenuItem>
          </TextField>
        </Box>
        {text(
          'escalation',
          'Escalation path',
          'Who is called when it is missed, one step a line, first called first. Empty: the on-call engineers of the team that commits.',
          { multiline: true, minRows: 3 },
        )}
        <Typography variant="body2" color="textSecondary">
          From its next run the OLA job times every{' '}
          {timing.key === 'handoff' ? 'handoff' : 'ticket'} against it; a clock
          that runs past the commitment is a breach, told to the escalation
          path.
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <PpProgressButton busy={busy} onClick={save}>
          Define the OLA
        </PpProgressButton>
      </DialogActions>
    </Dialog>
  );
}

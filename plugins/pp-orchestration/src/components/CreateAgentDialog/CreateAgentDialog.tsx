import { useMemo, useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Step,
  StepLabel,
  Stepper,
  Switch,
  TextField,
  makeStyles,
} from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import {
  PP_AGENT_CUSTOMER_SOURCES,
  PP_AGENT_DATA_SOURCES,
  PP_AGENT_INDUSTRIES,
  PP_AGENT_SPECIALTIES,
  PpAgentCreation,
  PpAgentIndustry,
  describeError,
  ppAgentPermissionTitle,
} from '@internal/plugin-pp-common';
import { PpErrorAlert, PpProgressButton } from '@internal/plugin-pp-react';
import { ppOrchestrationApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { industryLabel } from '../../util/labels';
import { GenesisVerdictView } from '../common/GenesisVerdictView';

const STEPS = ['The agent', 'Service levels', 'Data and permissions'];

const useStyles = makeStyles(theme => ({
  fields: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  group: { marginTop: theme.spacing(1) },
}));

/** The sources an agent of `industry` may declare, and the permissions they allow. */
function choicesOf(industry: PpAgentIndustry) {
  const sources = [
    ...PP_AGENT_CUSTOMER_SOURCES,
    ...PP_AGENT_DATA_SOURCES[industry],
  ];
  const permissions = [
    'customer_inputs:read',
    'customer_outputs:write',
    ...PP_AGENT_DATA_SOURCES[industry].flatMap(s => [
      `${s.key}:read`,
      `${s.key}:write`,
    ]),
  ];
  return { sources, permissions };
}

/** A specialty's defaults: its permission baseline and the sources those reach. */
function defaultsOf(industry: PpAgentIndustry, specialty: string) {
  const baseline =
    PP_AGENT_SPECIALTIES.find(
      s => s.industry === industry && s.key === specialty,
    )?.permissions ?? [];
  const reached = baseline
    .map(p => p.split(':')[0])
    .filter(s => s !== 'customer_outputs');
  return {
    permissions: [...baseline],
    data_access: [...new Set(['customer_inputs', ...reached])],
  };
}

interface Form {
  agent_name: string;
  industry: PpAgentIndustry;
  specialty: string;
  response_time_p95_ms: string;
  uptime_percent: string;
  error_rate_percent: string;
  serves: 'customer' | 'waooaw';
  shares_with: string;
  data_access: string[];
  permissions: string[];
  audit_enabled: boolean;
}

function initialForm(): Form {
  const industry: PpAgentIndustry = 'marketing';
  const specialty = PP_AGENT_SPECIALTIES.find(
    s => s.industry === industry,
  )!.key;
  return {
    agent_name: '',
    industry,
    specialty,
    response_time_p95_ms: '2000',
    uptime_percent: '99.9',
    error_rate_percent: '1',
    serves: 'customer',
    shares_with: '',
    audit_enabled: true,
    ...defaultsOf(industry, specialty),
  };
}

const toggle = (list: string[], value: string, on: boolean) =>
  on ? [...new Set([...list, value])] : list.filter(v => v !== value);

/** What is wrong with a step's fields, in a sentence; undefined when it may go on. */
function problemOf(step: number, form: Form): string | undefined {
  if (step === 0) {
    const name = form.agent_name.trim();
    if (name.length < 3 || name.length > 100) {
      return 'Give the agent a name of 3 to 100 characters.';
    }
  }
  if (step === 1) {
    const p95 = Number(form.response_time_p95_ms);
    const uptime = Number(form.uptime_percent);
    const errors = Number(form.error_rate_percent);
    if (!Number.isInteger(p95) || p95 < 1 || p95 > 600_000) {
      return 'The response time target is a whole number of milliseconds, from 1 to 600000.';
    }
    if (!(uptime >= 0 && uptime <= 100) || !(errors >= 0 && errors <= 100)) {
      return 'Uptime and error rate are percentages from 0 to 100.';
    }
  }
  return undefined;
}

export interface CreateAgentDialogProps {
  open: boolean;
  onClose: () => void;
  /** A creation was recorded (approved or rejected): the board reloads. */
  onCreated?: (creation: PpAgentCreation) => void;
}

/**
 * The "Create agent" wizard: the agent (name, industry, specialty), its service levels, what data
 * and permissions it asks for; then Genesis's verdict, at once.
 */
export function CreateAgentDialog(props: CreateAgentDialogProps) {
  const classes = useStyles();
  const api = useApi(ppOrchestrationApiRef);
  const root = useRouteRef(rootRouteRef);
  const base = root?.() ?? '/pp/orchestration';
  const [step, setStep] = useState(0);
  const [form, setForm] = useState<Form>(initialForm);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [created, setCreated] = useState<PpAgentCreation | undefined>();
  const choices = useMemo(() => choicesOf(form.industry), [form.industry]);
  const specialties = PP_AGENT_SPECIALTIES.filter(
    s => s.industry === form.industry,
  );
  const problem = problemOf(step, form);

  const set = (patch: Partial<Form>) => setForm(f => ({ ...f, ...patch }));
  const chooseSpecialty = (industry: PpAgentIndustry, specialty: string) =>
    set({ industry, specialty, ...defaultsOf(industry, specialty) });

  const close = () => {
    props.onClose();
    setStep(0);
    setForm(initialForm());
    setTouched(false);
    setError(undefined);
    setCreated(undefined);
  };

  const next = () => {
    setTouched(true);
    if (problem) return;
    setTouched(false);
    setStep(s => s + 1);
  };

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const creation = await api.createAgent({
        agent_name: form.agent_name.trim(),
        industry: form.industry,
        specialty: form.specialty,
        sla_targets: {
          response_time_p95_ms: Number(form.response_time_p95_ms),
          uptime_percent: Number(form.uptime_percent),
          error_rate_percent: Number(form.error_rate_percent),
        },
        serves: form.serves,
        shares_customer_data_with: form.shares_with
          .split(',')
          .map(s => s.trim())
          .filter(Boolean),
        data_access: form.data_access,
        permissions: form.permissions,
        audit_enabled: form.audit_enabled,
      });
      setCreated(creation);
      props.onCreated?.(creation);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <Dialog open={props.open} onClose={close} fullWidth maxWidth="md">
        <DialogTitle>Genesis verdict for {created.agent_name}</DialogTitle>
        <DialogContent>
          {created.genesis ? (
            <GenesisVerdictView
              agentName={created.agent_name}
              genesis={created.genesis}
            />
          ) : null}
        </DialogContent>
        <DialogActions>
          <Link to={`${base}/${encodeURIComponent(created.agent_id)}`}>
            Open the creation
          </Link>
          <Button onClick={close}>Close</Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={props.open}
      onClose={close}
      fullWidth
      maxWidth="md"
      aria-labelledby="pp-create-agent-title"
    >
      <DialogTitle id="pp-create-agent-title">Create agent</DialogTitle>
      <DialogContent>
        <Stepper activeStep={step} alternativeLabel>
          {STEPS.map(label => (
            <Step key={label}>
              <StepLabel>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>
        <PpErrorAlert error={error} />
        {touched && problem && <PpErrorAlert error={problem} />}
        {step === 0 && (
          <Box className={classes.fields}>
            <TextField
              id="pp-create-agent-name"
              label="Agent name"
              variant="outlined"
              required
              value={form.agent_name}
              onChange={e => set({ agent_name: e.target.value })}
              helperText="What customers will see, e.g. JEE Maths Tutor."
            />
            <TextField
              select
              id="pp-create-agent-industry"
              label="Industry"
              variant="outlined"
              value={form.industry}
              onChange={e => {
                const industry = e.target.value as PpAgentIndustry;
                chooseSpecialty(
                  industry,
                  PP_AGENT_SPECIALTIES.find(s => s.industry === industry)!.key,
                );
              }}
            >
              {PP_AGENT_INDUSTRIES.map(i => (
                <MenuItem key={i} value={i}>
                  {industryLabel(i)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              id="pp-create-agent-specialty"
              label="Specialty"
              variant="outlined"
              value={form.specialty}
              onChange={e => chooseSpecialty(form.industry, e.target.value)}
            >
              {specialties.map(s => (
                <MenuItem key={s.key} value={s.key}>
                  {s.title}
                </MenuItem>
              ))}
            </TextField>
          </Box>
        )}
        {step === 1 && (
          <Box className={classes.fields}>
            <TextField
              id="pp-create-agent-p95"
              label="Response time target, 95th percentile (ms)"
              variant="outlined"
              type="number"
              value={form.response_time_p95_ms}
              onChange={e => set({ response_time_p95_ms: e.target.value })}
            />
            <TextField
              id="pp-create-agent-uptime"
              label="Uptime target (%)"
              variant="outlined"
              type="number"
              value={form.uptime_percent}
              onChange={e => set({ uptime_percent: e.target.value })}
            />
            <TextField
              id="pp-create-agent-errors"
              label="Highest error rate (%)"
              variant="outlined"
              type="number"
              value={form.error_rate_percent}
              onChange={e => set({ error_rate_percent: e.target.value })}
            />
          </Box>
        )}
        {step === 2 && (
          <Box className={classes.fields}>
            <FormControl component="fieldset">
              <FormLabel component="legend">Whose goals it pursues</FormLabel>
              <RadioGroup
                row
                value={form.serves}
                onChange={e =>
                  set({ serves: e.target.value as Form['serves'] })
                }
              >
                <FormControlLabel
                  value="customer"
                  control={<Radio />}
                  label="The customer's"
                />
                <FormControlLabel
                  value="waooaw"
                  control={<Radio />}
                  label="WAOOAW's"
                />
              </RadioGroup>
            </FormControl>
            <TextField
              id="pp-create-agent-shares"
              label="Shares the customer's data with"
              variant="outlined"
              value={form.shares_with}
              onChange={e => set({ shares_with: e.target.value })}
              helperText="Anyone besides the customer, separated by commas. Leave empty: the customer's data stays with the customer."
            />
            <FormControl component="fieldset" className={classes.group}>
              <FormLabel component="legend">Data it reads or writes</FormLabel>
              <FormGroup row>
                {choices.sources.map(s => (
                  <FormControlLabel
                    key={s.key}
                    control={
                      <Checkbox
                        checked={form.data_access.includes(s.key)}
                        onChange={e =>
                          set({
                            data_access: toggle(
                              form.data_access,
                              s.key,
                              e.target.checked,
                            ),
                          })
                        }
                      />
                    }
                    label={s.title}
                  />
                ))}
              </FormGroup>
            </FormControl>
            <FormControl component="fieldset" className={classes.group}>
              <FormLabel component="legend">Permissions it asks for</FormLabel>
              <FormGroup row>
                {choices.permissions.map(p => (
                  <FormControlLabel
                    key={p}
                    control={
                      <Checkbox
                        checked={form.permissions.includes(p)}
                        onChange={e =>
                          set({
                            permissions: toggle(
                              form.permissions,
                              p,
                              e.target.checked,
                            ),
                          })
                        }
                      />
                    }
                    label={ppAgentPermissionTitle(p)}
                  />
                ))}
              </FormGroup>
              <FormHelperText>
                The specialty's usual permissions are ticked: Genesis refuses
                more than it needs.
              </FormHelperText>
            </FormControl>
            <FormControlLabel
              control={
                <Switch
                  checked={form.audit_enabled}
                  onChange={e => set({ audit_enabled: e.target.checked })}
                />
              }
              label="Record every agent action for audit"
            />
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        {step > 0 && (
          <Button onClick={() => setStep(s => s - 1)} disabled={busy}>
            Back
          </Button>
        )}
        {step < STEPS.length - 1 ? (
          <Button color="primary" variant="contained" onClick={next}>
            Next
          </Button>
        ) : (
          <PpProgressButton
            color="primary"
            variant="contained"
            busy={busy}
            onClick={submit}
          >
            Ask Genesis
          </PpProgressButton>
        )}
      </DialogActions>
    </Dialog>
  );
}

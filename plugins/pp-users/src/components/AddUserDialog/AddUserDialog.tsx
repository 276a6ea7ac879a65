import { FormEvent, useEffect, useState } from 'react';
import {
  Button,
  Checkbox,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  InputLabel,
  ListItemText,
  MenuItem,
  Radio,
  RadioGroup,
  Select,
  TextField,
  makeStyles,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import {
  PP_ROLES,
  PP_ROLE_KEYS,
  PpPrincipalKind,
  PpRoleKey,
  PpUser,
  roleSetProblem,
} from '@internal/plugin-pp-common';
import { PpCreateUserRequest, ppUsersApiRef } from '../../api';
import { describeError } from '@internal/plugin-pp-common';
import { roleTitle } from '../../util/format';
import { PRINCIPAL_KIND_LABELS } from '../PrincipalKindChip';

const useStyles = makeStyles(theme => ({
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  alert: { marginTop: theme.spacing(2) },
}));

// The same shapes the backend validates, so most mistakes are caught before the round trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ENTITY_REF = /^[a-z]+:([a-z0-9-_.]+\/)?[a-z0-9-_.]+$/i;

/** @internal */
export interface AddUserDialogProps {
  open: boolean;
  onClose(): void;
  onCreated(user: PpUser): void;
}

const submitLabels: Record<PpPrincipalKind, string> = {
  user: 'Add user',
  agent: 'Add agent',
  service: 'Add service',
};

interface Form {
  kind: PpPrincipalKind;
  name: string;
  email: string;
  entityRef: string;
  roles: PpRoleKey[];
}

const emptyForm: Form = {
  kind: 'user',
  name: '',
  email: '',
  entityRef: '',
  roles: [],
};

/** "@waooaw.com" or "@a.com or @b.com". */
function domainList(domains: readonly string[]): string {
  const at = domains.map(d => `@${d}`);
  return at.length > 1
    ? `${at.slice(0, -1).join(', ')} or ${at[at.length - 1]}`
    : at.join('');
}

/**
 * What is wrong with the email, the same rules as the backend: people need one, in an allowed
 * domain (`pp.auth.allowedDomains`); agents and services may have any address or none.
 * `typing`: only what is certain while the person is still typing (a domain that no allowed
 * domain starts with), not yet "incomplete".
 */
export function emailProblem(
  form: Pick<Form, 'kind' | 'email'>,
  allowedDomains: readonly string[],
  typing = false,
): string | undefined {
  const email = form.email.trim();
  const domainProblem = () =>
    `People sign in with Google Workspace: use an address ending in ${domainList(
      allowedDomains,
    )}`;
  if (form.kind === 'user' && allowedDomains.length) {
    const at = email.lastIndexOf('@');
    const domain = at >= 0 ? email.slice(at + 1).toLowerCase() : '';
    if (
      at >= 0 &&
      domain &&
      !allowedDomains.some(d =>
        typing
          ? d.toLowerCase().startsWith(domain)
          : d.toLowerCase() === domain,
      )
    ) {
      return domainProblem();
    }
  }
  if (typing) return undefined;
  if (!email) {
    return form.kind === 'user'
      ? 'An email address is required for people'
      : undefined;
  }
  return EMAIL.test(email) ? undefined : 'Not an email address';
}

function entityRefProblem(form: Form): string | undefined {
  const entityRef = form.entityRef.trim();
  if (form.kind === 'user') return undefined;
  if (!entityRef) {
    return form.kind === 'service'
      ? 'A service principal reports for a catalog service: give its entity ref'
      : undefined;
  }
  return ENTITY_REF.test(entityRef)
    ? undefined
    : 'Expected an entity ref like component:default/genesis-validator';
}

function problemsOf(form: Form, allowedDomains: readonly string[]) {
  return {
    name: form.name.trim() ? undefined : 'A name is required',
    email: emailProblem(form, allowedDomains),
    entityRef: entityRefProblem(form),
    roles: roleSetProblem(form.roles),
  };
}

/** Adds a person, AI agent or service principal, with its initial roles. */
export function AddUserDialog(props: AddUserDialogProps) {
  const { open, onClose, onCreated } = props;
  const api = useApi(ppUsersApiRef);
  const classes = useStyles();
  const [form, setForm] = useState<Form>(emptyForm);
  const config = useApi(coreApis.config);
  const allowedDomains = config.getOptionalStringArray(
    'pp.auth.allowedDomains',
  ) ?? ['waooaw.com'];
  const [touched, setTouched] = useState(false);
  const [emailLeft, setEmailLeft] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setForm(emptyForm);
      setTouched(false);
      setEmailLeft(false);
      setBusy(false);
      setError(undefined);
    }
  }, [open]);

  const problems = problemsOf(form, allowedDomains);
  const invalid = Object.values(problems).some(Boolean);
  const show = (problem: string | undefined) => (touched ? problem : undefined);
  // The email is checked on the field: a wrong domain as soon as it is typed, the rest once the
  // field is left (or on submit).
  const emailShown =
    touched || emailLeft
      ? problems.email
      : emailProblem(form, allowedDomains, true);
  const isPrincipal = form.kind !== 'user';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (invalid) return;
    const request: PpCreateUserRequest = {
      name: form.name.trim(),
      kind: form.kind,
      roles: form.roles,
    };
    if (form.email.trim()) request.email = form.email.trim();
    if (isPrincipal && form.entityRef.trim()) {
      request.entity_ref = form.entityRef.trim();
    }
    setBusy(true);
    setError(undefined);
    try {
      const user = await api.createUser(request);
      onCreated(user);
      onClose();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="pp-add-user-title"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="pp-add-user-title">Add user</DialogTitle>
        <DialogContent>
          <FormControl component="fieldset" margin="dense">
            <FormLabel component="legend">Kind</FormLabel>
            <RadioGroup
              row
              value={form.kind}
              onChange={e =>
                setForm({ ...form, kind: e.target.value as PpPrincipalKind })
              }
            >
              {(Object.keys(PRINCIPAL_KIND_LABELS) as PpPrincipalKind[]).map(
                kind => (
                  <FormControlLabel
                    key={kind}
                    value={kind}
                    control={<Radio color="primary" />}
                    label={PRINCIPAL_KIND_LABELS[kind]}
                    disabled={busy}
                  />
                ),
              )}
            </RadioGroup>
          </FormControl>
          <TextField
            id="pp-add-user-name"
            label="Name"
            value={form.name}
            onChange={e => setForm({ ...form, name: e.target.value })}
            error={Boolean(show(problems.name))}
            helperText={show(problems.name)}
            required
            fullWidth
            margin="normal"
            variant="outlined"
            inputProps={{ maxLength: 256 }}
            disabled={busy}
          />
          <TextField
            id="pp-add-user-email"
            label="Email"
            type="email"
            value={form.email}
            onChange={e => setForm({ ...form, email: e.target.value })}
            onBlur={() => setEmailLeft(Boolean(form.email.trim()))}
            error={Boolean(emailShown)}
            helperText={
              emailShown ??
              (isPrincipal
                ? 'Optional for agents and services'
                : `An address ending in ${domainList(allowedDomains)}`)
            }
            required={!isPrincipal}
            fullWidth
            margin="normal"
            variant="outlined"
            inputProps={{ maxLength: 320 }}
            disabled={busy}
          />
          {isPrincipal && (
            <TextField
              id="pp-add-user-entity-ref"
              label="Catalog entity"
              placeholder="component:default/genesis-validator"
              value={form.entityRef}
              onChange={e => setForm({ ...form, entityRef: e.target.value })}
              error={Boolean(show(problems.entityRef))}
              helperText={
                show(problems.entityRef) ??
                `The catalog entity this ${
                  form.kind === 'agent' ? 'agent' : 'service'
                } acts for${form.kind === 'agent' ? ' (optional)' : ''}`
              }
              required={form.kind === 'service'}
              fullWidth
              margin="normal"
              variant="outlined"
              disabled={busy}
            />
          )}
          <FormControl
            fullWidth
            margin="normal"
            variant="outlined"
            error={Boolean(problems.roles)}
            disabled={busy}
          >
            <InputLabel id="pp-add-user-roles-label">Initial roles</InputLabel>
            <Select
              id="pp-add-user-roles"
              labelId="pp-add-user-roles-label"
              label="Initial roles"
              multiple
              value={form.roles}
              onChange={e =>
                setForm({ ...form, roles: e.target.value as PpRoleKey[] })
              }
              renderValue={selected => (
                <div className={classes.chips}>
                  {(selected as PpRoleKey[]).map(role => (
                    <Chip key={role} size="small" label={roleTitle(role)} />
                  ))}
                </div>
              )}
            >
              {PP_ROLE_KEYS.map(role => (
                <MenuItem key={role} value={role}>
                  <Checkbox
                    color="primary"
                    checked={form.roles.includes(role)}
                  />
                  <ListItemText
                    primary={PP_ROLES[role].title}
                    secondary={PP_ROLES[role].description}
                  />
                </MenuItem>
              ))}
            </Select>
            <FormHelperText>
              {problems.roles ??
                'Optional. Admin is exclusive: it cannot be combined with other roles.'}
            </FormHelperText>
          </FormControl>
          {error && (
            <Alert severity="error" className={classes.alert}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={
              busy ||
              (touched && invalid) ||
              Boolean(problems.roles) ||
              Boolean(emailShown)
            }
            startIcon={busy ? <CircularProgress size={16} /> : undefined}
          >
            {submitLabels[form.kind]}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

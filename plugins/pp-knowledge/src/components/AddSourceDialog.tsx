import { CopyTextButton } from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  useApiHolder,
} from '@backstage/frontend-plugin-api';
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
import { Alert } from '@material-ui/lab';
import {
  PP_KNOWLEDGE_AUTH_TYPES,
  PP_KNOWLEDGE_FREQUENCIES,
  PP_KNOWLEDGE_SOURCE_TYPES,
  PP_KNOWLEDGE_SOURCE_TYPE_LABELS,
  PpKnowledgeAuthType,
  PpKnowledgeConnectionTest,
  PpKnowledgeFrequency,
  PpKnowledgeIndustry,
  PpKnowledgeSourceCreate,
  PpKnowledgeSourceCreated,
  PpKnowledgeSourceType,
  describeError,
} from '@internal/plugin-pp-common';
import { PpErrorAlert, PpProgressButton } from '@internal/plugin-pp-react';
import { useState } from 'react';
import { ppKnowledgeApiRef } from '../api';
import { AUTH_TYPE_LABELS, FREQUENCY_LABELS, INDUSTRY_LABELS } from './labels';

const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** The form's fields. */
export interface SourceForm {
  name: string;
  type: PpKnowledgeSourceType;
  url: string;
  authType: PpKnowledgeAuthType;
  headerName: string;
  credential: string;
  jsonPath: string;
  frequency: PpKnowledgeFrequency;
  weekday: number;
  time: string;
  timeZone: string;
}

export const EMPTY_SOURCE_FORM: SourceForm = {
  name: '',
  type: 'api',
  url: '',
  authType: 'none',
  headerName: '',
  credential: '',
  jsonPath: '',
  frequency: 'daily',
  weekday: 1,
  time: '02:00',
  timeZone: 'Asia/Kolkata',
};

const fetched = (t: PpKnowledgeSourceType) => t === 'api' || t === 'rss';

/** The request body of the form (what it leaves out, the server defaults). */
export function sourceBody(
  industry: PpKnowledgeIndustry,
  f: SourceForm,
): PpKnowledgeSourceCreate {
  const body: PpKnowledgeSourceCreate = {
    industry,
    name: f.name.trim(),
    type: f.type,
  };
  if (fetched(f.type)) {
    body.connection = {
      url: f.url.trim(),
      auth_type: f.authType,
      ...(f.authType === 'api_key_header' && f.headerName.trim()
        ? { header_name: f.headerName.trim() }
        : {}),
      ...(f.type === 'api' && f.jsonPath.trim()
        ? { json_path: f.jsonPath.trim() }
        : {}),
    };
    if (f.authType !== 'none' && f.credential) body.credential = f.credential;
    body.frequency = f.frequency;
    body.time = f.time;
    body.time_zone = f.timeZone.trim() || 'Asia/Kolkata';
    if (f.frequency === 'weekly') body.weekday = f.weekday;
  }
  return body;
}

/** What keeps the form from being sent, in a sentence; undefined when it may be. */
export function sourceFormProblem(f: SourceForm): string | undefined {
  if (f.name.trim().length < 2) return 'Give the source a name.';
  if (fetched(f.type)) {
    if (!/^https?:\/\/\S+$/i.test(f.url.trim())) {
      return 'Give the address it is read from (http or https).';
    }
    if (f.authType !== 'none' && !f.credential) {
      return 'Give the credential, or choose no authentication.';
    }
    if (f.authType === 'api_key_header' && !f.headerName.trim()) {
      return 'Name the header that carries the key.';
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(f.time)) {
      return 'Give the time as HH:MM (24 hours).';
    }
  }
  return undefined;
}

/** A test fetch's sentence and its sample records. */
function TestResult(props: { result: PpKnowledgeConnectionTest }) {
  const { result } = props;
  return (
    <Box mt={2} data-testid="connection-test">
      <Alert severity={result.ok ? 'success' : 'error'}>{result.message}</Alert>
      {result.sample.slice(0, 3).map((s, i) => (
        <Box key={i} mt={1}>
          <Typography variant="subtitle2">{s.title}</Typography>
          <Typography variant="body2" color="textSecondary">
            {s.snippet}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** The webhook's address as the sender needs it: absolute, on the backend's origin. */
export function webhookAddress(url: string, backendBaseUrl?: string): string {
  if (!backendBaseUrl || /^https?:\/\//i.test(url)) return url;
  try {
    return new URL(url, backendBaseUrl).toString();
  } catch {
    return url;
  }
}

/** A webhook source's address and signing secret, shown once after it is added. */
function WebhookSecret(props: { webhook: { url: string; secret: string } }) {
  const config = useApiHolder().get(configApiRef);
  const url = webhookAddress(
    props.webhook.url,
    config?.getOptionalString('backend.baseUrl'),
  );
  return (
    <Box data-testid="webhook-secret">
      <Alert severity="warning">
        Copy the secret now: it is shown only this once. The sender signs what
        it posts with it.
      </Alert>
      <Box mt={2} display="flex" alignItems="center" style={{ gap: 8 }}>
        <TextField
          id="pp-knowledge-source-webhook-address"
          label="Webhook address"
          value={url}
          fullWidth
          InputProps={{ readOnly: true }}
        />
        <CopyTextButton
          text={url}
          tooltipText="Address copied"
          aria-label="Copy the webhook address"
        />
      </Box>
      <Box mt={2} display="flex" alignItems="center" style={{ gap: 8 }}>
        <TextField
          id="pp-knowledge-source-signing-secret"
          label="Signing secret"
          value={props.webhook.secret}
          fullWidth
          InputProps={{ readOnly: true }}
        />
        <CopyTextButton
          text={props.webhook.secret}
          tooltipText="Secret copied"
          aria-label="Copy the signing secret"
        />
      </Box>
    </Box>
  );
}

/**
 * "Add knowledge source" (industry managers and admins): name, type, where and how it is read
 * (address, authentication, a write-only credential, the JSON path of an API), when (frequency,
 * time, time zone); "Test connection" fetches it once and shows what it would store. A webhook
 * source's address and one-time secret are shown after it is added.
 */
export function AddSourceDialog(props: {
  open: boolean;
  industry: PpKnowledgeIndustry;
  onClose: () => void;
  onAdded: (created: PpKnowledgeSourceCreated) => void;
}) {
  const api = useApi(ppKnowledgeApiRef);
  const [form, setForm] = useState<SourceForm>(EMPTY_SOURCE_FORM);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'test' | 'add' | undefined>();
  const [test, setTest] = useState<PpKnowledgeConnectionTest>();
  const [created, setCreated] = useState<PpKnowledgeSourceCreated>();
  const set = <K extends keyof SourceForm>(key: K, value: SourceForm[K]) => {
    setForm(f => ({ ...f, [key]: value }));
    setTest(undefined);
  };
  const problem = sourceFormProblem(form);

  const run = async (what: 'test' | 'add') => {
    setBusy(what);
    setError(undefined);
    try {
      const body = sourceBody(props.industry, form);
      if (what === 'test') {
        setTest(await api.testConnection(body));
      } else {
        const answer = await api.createSource(body);
        setCreated(answer);
        props.onAdded(answer);
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(undefined);
    }
  };

  if (created?.webhook) {
    return (
      <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
        <DialogTitle>{created.source.name} was added</DialogTitle>
        <DialogContent>
          <WebhookSecret webhook={created.webhook} />
        </DialogContent>
        <DialogActions>
          <Button color="primary" variant="contained" onClick={props.onClose}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  const isFetched = fetched(form.type);
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        Add a knowledge source for {INDUSTRY_LABELS[props.industry]}
      </DialogTitle>
      <DialogContent>
        <PpErrorAlert error={error} />
        <TextField
          id="pp-knowledge-source-name"
          label="Name"
          value={form.name}
          onChange={e => set('name', e.target.value)}
          fullWidth
          margin="dense"
          required
          placeholder="e.g. Google Ads API"
        />
        <TextField
          select
          id="pp-knowledge-source-type"
          label="Type"
          value={form.type}
          onChange={e => set('type', e.target.value as PpKnowledgeSourceType)}
          fullWidth
          margin="dense"
        >
          {PP_KNOWLEDGE_SOURCE_TYPES.map(t => (
            <MenuItem key={t} value={t}>
              {PP_KNOWLEDGE_SOURCE_TYPE_LABELS[t]}
            </MenuItem>
          ))}
        </TextField>
        {form.type === 'webhook' && (
          <Typography variant="body2" color="textSecondary">
            The sender posts its records to an address you get once the source
            is added, signed with a secret shown then.
          </Typography>
        )}
        {form.type === 'upload' && (
          <Typography variant="body2" color="textSecondary">
            You upload text, Markdown, PDF or CSV files on the source’s page
            once it is added.
          </Typography>
        )}
        {isFetched && (
          <>
            <TextField
              id="pp-knowledge-source-url"
              label="URL"
              value={form.url}
              onChange={e => set('url', e.target.value)}
              fullWidth
              margin="dense"
              required
              placeholder="https://…"
            />
            <TextField
              select
              id="pp-knowledge-source-authentication"
              label="Authentication"
              value={form.authType}
              onChange={e =>
                set('authType', e.target.value as PpKnowledgeAuthType)
              }
              fullWidth
              margin="dense"
            >
              {PP_KNOWLEDGE_AUTH_TYPES.map(a => (
                <MenuItem key={a} value={a}>
                  {AUTH_TYPE_LABELS[a]}
                </MenuItem>
              ))}
            </TextField>
            {form.authType === 'api_key_header' && (
              <TextField
                id="pp-knowledge-source-header-name"
                label="Header name"
                value={form.headerName}
                onChange={e => set('headerName', e.target.value)}
                fullWidth
                margin="dense"
                placeholder="X-Api-Key"
              />
            )}
            {form.authType !== 'none' && (
              <TextField
                id="pp-knowledge-source-credential"
                label="Credential"
                type="password"
                autoComplete="new-password"
                value={form.credential}
                onChange={e => set('credential', e.target.value)}
                fullWidth
                margin="dense"
                helperText={
                  form.authType === 'basic'
                    ? 'user:password. Stored encrypted and never shown again; secret:NAME reads it from the server’s environment.'
                    : 'Stored encrypted and never shown again; secret:NAME reads it from the server’s environment.'
                }
              />
            )}
            {form.type === 'api' && (
              <TextField
                id="pp-knowledge-source-json-path-of-the-records"
                label="JSON path of the records"
                value={form.jsonPath}
                onChange={e => set('jsonPath', e.target.value)}
                fullWidth
                margin="dense"
                placeholder="$.data.items[*]"
                helperText="Leave empty when the answer is the list itself or has an items list."
              />
            )}
            <Box display="flex" style={{ gap: 16 }}>
              <TextField
                select
                id="pp-knowledge-source-frequency"
                label="Frequency"
                value={form.frequency}
                onChange={e =>
                  set('frequency', e.target.value as PpKnowledgeFrequency)
                }
                margin="dense"
                style={{ minWidth: 150 }}
              >
                {PP_KNOWLEDGE_FREQUENCIES.map(f => (
                  <MenuItem key={f} value={f}>
                    {FREQUENCY_LABELS[f]}
                  </MenuItem>
                ))}
              </TextField>
              {form.frequency === 'weekly' && (
                <TextField
                  select
                  id="pp-knowledge-source-day"
                  label="Day"
                  value={form.weekday}
                  onChange={e => set('weekday', Number(e.target.value))}
                  margin="dense"
                >
                  {WEEKDAYS.map((d, i) => (
                    <MenuItem key={d} value={i}>
                      {d}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              <TextField
                id="pp-knowledge-source-time"
                label="Time"
                type="time"
                value={form.time}
                onChange={e => set('time', e.target.value)}
                margin="dense"
                InputLabelProps={{ shrink: true }}
                helperText={
                  form.frequency === 'hourly'
                    ? 'Its minutes past each hour'
                    : ''
                }
              />
              <TextField
                id="pp-knowledge-source-time-zone"
                label="Time zone"
                value={form.timeZone}
                onChange={e => set('timeZone', e.target.value)}
                margin="dense"
                style={{ flexGrow: 1 }}
              />
            </Box>
            {test && <TestResult result={test} />}
          </>
        )}
        {problem && form.name.trim().length >= 2 && (
          <Typography variant="body2" color="textSecondary">
            {problem}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        {isFetched && (
          <PpProgressButton
            variant="outlined"
            busy={busy === 'test'}
            disabled={!!problem || busy !== undefined}
            onClick={() => run('test')}
          >
            Test connection
          </PpProgressButton>
        )}
        <PpProgressButton
          busy={busy === 'add'}
          disabled={!!problem || busy !== undefined}
          onClick={() => run('add')}
        >
          Add
        </PpProgressButton>
      </DialogActions>
    </Dialog>
  );
}

import { useState } from 'react';
import {
  Box,
  Button,
  CircularProgress,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
} from '@material-ui/core';
import { Alert, Autocomplete } from '@material-ui/lab';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  PP_TICKET_PRIORITIES,
  PP_TICKET_TYPES,
  PpTicketDetail,
  PpTicketPriority,
  PpTicketType,
} from '@internal/plugin-pp-common';
import useAsync from 'react-use/esm/useAsync';
import { ppHelpdeskApiRef } from '../../api';
import { describeError } from '@internal/plugin-pp-common';
import { attachmentProblem, fileToBase64 } from '../../util/attachments';
import { AttachFilesButton, PRIORITY_LABELS, TYPE_LABELS } from '../TicketBits';

export interface CreateTicketDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (ticket: PpTicketDetail) => void;
  /** Preselected affected entity (from an entity page). */
  entityRef?: string;
}

interface EntityOption {
  ref: string;
  label: string;
  type: string;
}

function toOption(entity: Entity): EntityOption {
  const ref = stringifyEntityRef(entity);
  return {
    ref,
    label: entity.metadata.title ?? entity.metadata.name,
    type: String((entity.spec as { type?: string } | undefined)?.type ?? ''),
  };
}

/** "New ticket": type, priority, title, description, affected service/agent, labels, attachments. */
export function CreateTicketDialog(props: CreateTicketDialogProps) {
  const { open, onClose, onCreated } = props;
  const api = useApi(ppHelpdeskApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [type, setType] = useState<PpTicketType>('support');
  const [priority, setPriority] = useState<PpTicketPriority>('medium');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [entityRef, setEntityRef] = useState<string | null>(
    props.entityRef ?? null,
  );
  const [labels, setLabels] = useState<string[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const entities = useAsync(async () => {
    if (!open) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Component', 'spec.type': ['service', 'ai-agent'] },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.type',
      ],
    });
    return items.map(toOption).sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi, open]);

  const options = entities.value ?? [];
  const selected = options.find(o => o.ref === entityRef) ?? null;
  const titleError = title.trim().length > 0 && title.trim().length < 3;
  const valid = title.trim().length >= 3 && description.trim().length > 0;

  const pickFiles = (list: FileList | null) => {
    const picked = Array.from(list ?? []);
    const problems = picked.map(attachmentProblem).filter(Boolean);
    setFileError(problems.length ? problems.join('; ') : undefined);
    setFiles(current => [
      ...current,
      ...picked.filter(f => !attachmentProblem(f)),
    ]);
  };

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const ticket = await api.createTicket({
        type,
        priority,
        title: title.trim(),
        description: description.trim(),
        entity_ref: entityRef,
        labels,
      });
      for (const file of files) {
        await api.addAttachment(ticket.id, {
          file_name: file.name,
          content_type: file.type,
          content_base64: await fileToBase64(file),
        });
      }
      setTitle('');
      setDescription('');
      setLabels([]);
      setFiles([]);
      onCreated(ticket);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>New ticket</DialogTitle>
      <DialogContent>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        <Box display="flex" style={{ gap: 16 }}>
          <TextField
            select
            fullWidth
            id="pp-new-ticket-type"
            label="Type"
            margin="dense"
            value={type}
            onChange={e => setType(e.target.value as PpTicketType)}
          >
            {PP_TICKET_TYPES.map(t => (
              <MenuItem key={t} value={t}>
                {TYPE_LABELS[t]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            fullWidth
            id="pp-new-ticket-priority"
            label="Priority"
            margin="dense"
            value={priority}
            onChange={e => setPriority(e.target.value as PpTicketPriority)}
          >
            {PP_TICKET_PRIORITIES.map(p => (
              <MenuItem key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <TextField
          fullWidth
          required
          id="pp-new-ticket-title"
          label="Title"
          margin="dense"
          value={title}
          error={titleError}
          helperText={titleError ? 'At least 3 characters' : undefined}
          onChange={e => setTitle(e.target.value)}
          inputProps={{ maxLength: 200 }}
        />
        <TextField
          fullWidth
          required
          multiline
          minRows={4}
          id="pp-new-ticket-description"
          label="Description"
          margin="dense"
          value={description}
          onChange={e => setDescription(e.target.value)}
        />
        <Autocomplete
          options={options}
          loading={entities.loading}
          value={selected}
          getOptionLabel={o => `${o.label} (${o.type})`}
          getOptionSelected={(a, b) => a.ref === b.ref}
          onChange={(_e, v) => setEntityRef(v?.ref ?? null)}
          renderInput={params => (
            <TextField
              {...params}
              label="Affected service or agent"
              margin="dense"
              helperText={
                entities.error
                  ? `Could not load the catalog: ${entities.error.message}`
                  : entityRef ?? 'Optional'
              }
            />
          )}
        />
        <Autocomplete
          multiple
          freeSolo
          options={[] as string[]}
          value={labels}
          onChange={(_e, v) =>
            setLabels(
              (v as string[]).map(s => s.trim()).filter(s => s.length > 0),
            )
          }
          renderTags={(value, getTagProps) =>
            value.map((option, index) => {
              // React wants the key passed directly, not spread in.
              const { key: _key, ...tagProps } = getTagProps({
                index,
              }) as ReturnType<typeof getTagProps> & { key?: string };
              return (
                <Chip key={option} size="small" label={option} {...tagProps} />
              );
            })
          }
          renderInput={params => (
            <TextField
              {...params}
              label="Labels"
              margin="dense"
              helperText="Press Enter after each label"
            />
          )}
        />
        <Box mt={2}>
          <AttachFilesButton label="Attach files" onFiles={pickFiles} />
          {fileError && <Alert severity="warning">{fileError}</Alert>}
          {files.map(f => (
            <Chip
              key={f.name}
              size="small"
              label={f.name}
              onDelete={() => setFiles(fs => fs.filter(x => x !== f))}
              style={{ marginRight: 4, marginTop: 4 }}
            />
          ))}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!valid || busy}
          onClick={submit}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {busy ? 'Creating…' : 'Create ticket'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

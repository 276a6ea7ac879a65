import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { PpTicketDetail, describeError } from '@internal/plugin-pp-common';
import { ppHelpdeskApiRef } from '../../api';
import { attachmentProblem, fileToBase64 } from '../../util/attachments';
import { AttachFilesButton } from '../TicketBits';

/**
 * The ticket's attachments, and "Attach file" for people who may update an open ticket (spec
 * Stage 3 step 5). Files over the limits are refused before uploading, with the same limits the
 * new-ticket dialog shows; after an upload the ticket is reloaded so the list shows the new file.
 */
export function TicketAttachments(props: {
  ticket: PpTicketDetail;
  canAttach: boolean;
  onUploaded: () => Promise<void>;
}) {
  const { ticket, canAttach } = props;
  const api = useApi(ppHelpdeskApiRef);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  // A new input after every pick, so picking the same file again fires a change.
  const [inputKey, setInputKey] = useState(0);

  const upload = async (list: FileList | null) => {
    const files = Array.from(list ?? []);
    setInputKey(k => k + 1);
    if (!files.length) return;
    const problems = files.map(attachmentProblem).filter(Boolean);
    setRefused(problems.length ? problems.join('; ') : undefined);
    setError(undefined);
    const accepted = files.filter(f => !attachmentProblem(f));
    if (!accepted.length) return;
    setBusy(true);
    let uploaded = 0;
    try {
      for (const file of accepted) {
        try {
          await api.addAttachment(ticket.id, {
            file_name: file.name,
            content_type: file.type,
            content_base64: await fileToBase64(file),
          });
          uploaded += 1;
        } catch (e) {
          setError(`${file.name} was not attached: ${describeError(e)}`);
          break;
        }
      }
      if (uploaded) await props.onUploaded();
    } finally {
      setBusy(false);
    }
  };

  return (
    <InfoCard title="Attachments">
      {ticket.attachments.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No attachments yet.
        </Typography>
      )}
      {ticket.attachments.map(attachment => (
        <AttachmentLink
          key={attachment.id}
          ticketId={ticket.id}
          attachmentId={attachment.id}
          name={attachment.file_name}
          size={attachment.size_bytes}
        />
      ))}
      {canAttach && (
        <Box mt={2}>
          <AttachFilesButton
            label="Attach file"
            busyLabel="Attaching…"
            color="primary"
            busy={busy}
            inputKey={inputKey}
            onFiles={upload}
          />
          {refused && (
            <Box mt={1}>
              <Alert severity="warning" onClose={() => setRefused(undefined)}>
                Not attached: {refused}
              </Alert>
            </Box>
          )}
          {error && (
            <Box mt={1}>
              <Alert severity="error" onClose={() => setError(undefined)}>
                {error}
              </Alert>
            </Box>
          )}
        </Box>
      )}
    </InfoCard>
  );
}

function AttachmentLink(props: {
  ticketId: string;
  attachmentId: string;
  name: string;
  size: number;
}) {
  const api = useApi(ppHelpdeskApiRef);
  const [failed, setFailed] = useState<string | undefined>();
  const download = async () => {
    try {
      setFailed(undefined);
      const blob = await api.downloadAttachment(
        props.ticketId,
        props.attachmentId,
      );
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = props.name;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setFailed(describeError(e));
    }
  };
  return (
    <Typography variant="body2">
      <Button size="small" color="primary" onClick={download}>
        {props.name}
      </Button>{' '}
      ({Math.ceil(props.size / 1024)} KiB)
      {failed && (
        <Typography variant="caption" color="error" component="div">
          {failed}
        </Typography>
      )}
    </Typography>
  );
}

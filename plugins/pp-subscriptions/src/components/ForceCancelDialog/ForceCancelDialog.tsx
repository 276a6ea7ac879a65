import { useEffect, useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  PP_REFUND_OPTIONS,
  PpRefundOption,
  PpSubscriptionAction,
  describeError,
} from '@internal/plugin-pp-common';
import { PpProgressButton } from '@internal/plugin-pp-react';
import { ppSubscriptionsApiRef } from '../../api';
import { REFUND_HELP, REFUND_LABELS } from '../../util/format';
import { actionOutcome } from '../SubscriptionDetail/SubscriptionSections';
import { AuditReasonField, reasonTooShort } from '../common/AuditReasonField';

const RESULT_SEVERITY = {
  completed: 'success',
  pending: 'info',
  failed: 'error',
} as const;

/** A fresh idempotency key (a UUID). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Force-cancel a subscription (admins): a warning, the reason, the refund. One idempotency key per
 * opening of the dialog, so a double click or a retry after a network error cancels once.
 */
export function ForceCancelDialog(props: {
  open: boolean;
  subscriptionId: string;
  customerName: string;
  agentName: string;
  onClose: () => void;
  /** Called with the action once the server answered (to refresh the page). */
  onDone: (action: PpSubscriptionAction) => void;
}) {
  const api = useApi(ppSubscriptionsApiRef);
  const [reason, setReason] = useState('');
  const [refund, setRefund] = useState<PpRefundOption>('none');
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [action, setAction] = useState<PpSubscriptionAction | undefined>();

  // A new opening is a new request: a new key, a clean form.
  useEffect(() => {
    if (props.open) {
      setKey(newIdempotencyKey());
      setReason('');
      setRefund('none');
      setError(undefined);
      setAction(undefined);
    }
  }, [props.open]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const done = await api.forceCancel(
        props.subscriptionId,
        { reason: reason.trim(), refund },
        key,
      );
      setAction(done);
      props.onDone(done);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const short = reasonTooShort(reason);

  return (
    <Dialog
      open={props.open}
      onClose={busy ? undefined : props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="pp-force-cancel-title"
    >
      <DialogTitle id="pp-force-cancel-title">
        Force-cancel the subscription of {props.customerName}
      </DialogTitle>
      <DialogContent>
        {action ? (
          <Alert
            severity={RESULT_SEVERITY[action.status]}
            data-testid="force-cancel-result"
          >
            {actionOutcome(action)}
          </Alert>
        ) : (
          <>
            <Alert severity="warning">
              This cancels {props.customerName}’s subscription to{' '}
              {props.agentName} in the Customer Portal now: the agent stops
              working for them. PP cannot undo it. Your reason is audited and
              shown to subscription managers.
            </Alert>
            {error && (
              <Box mt={2}>
                <Alert severity="error">{error}</Alert>
              </Box>
            )}
            <AuditReasonField
              required
              margin="normal"
              id="pp-force-cancel-reason"
              value={reason}
              onChange={setReason}
            />
            <FormControl component="fieldset" margin="normal">
              <FormLabel component="legend">Refund</FormLabel>
              <RadioGroup
                aria-label="Refund"
                value={refund}
                onChange={e => setRefund(e.target.value as PpRefundOption)}
              >
                {PP_REFUND_OPTIONS.map(option => (
                  <FormControlLabel
                    key={option}
                    value={option}
                    control={<Radio />}
                    label={
                      <Box>
                        <Typography component="span">
                          {REFUND_LABELS[option]}
                        </Typography>
                        <Typography
                          variant="body2"
                          color="textSecondary"
                          component="span"
                          style={{ display: 'block' }}
                        >
                          {REFUND_HELP[option]}
                        </Typography>
                      </Box>
                    }
                  />
                ))}
              </RadioGroup>
            </FormControl>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          {action ? 'Close' : 'Keep the subscription'}
        </Button>
        {!action && (
          <PpProgressButton
            color="secondary"
            disabled={short}
            busy={busy}
            onClick={confirm}
          >
            Force-cancel
          </PpProgressButton>
        )}
      </DialogActions>
    </Dialog>
  );
}

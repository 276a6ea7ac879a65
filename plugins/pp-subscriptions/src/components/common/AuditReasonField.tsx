import { TextField } from '@material-ui/core';

/** The shortest reason the audited dialogs (runs, export, force-cancel) accept. */
export const MIN_REASON = 5;

/** Whether a reason is too short to be accepted. */
export function reasonTooShort(reason: string): boolean {
  return reason.trim().length < MIN_REASON;
}

/**
 * The "Reason" field of an audited act: multiline, with a hint that it is written to the audit
 * log (and, while too short, how long it must be).
 */
export function AuditReasonField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  margin?: 'normal';
  /** Say "Required" in the hint (where the act is grave). */
  required?: boolean;
}) {
  const shortHint = `${
    props.required ? 'Required, at least' : 'At least'
  } ${MIN_REASON} characters; written to the audit log`;
  return (
    <TextField
      fullWidth
      multiline
      minRows={2}
      margin={props.margin}
      id={props.id}
      label="Reason"
      placeholder={props.placeholder}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      helperText={
        reasonTooShort(props.value) ? shortHint : 'Written to the audit log'
      }
    />
  );
}

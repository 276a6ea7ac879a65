import { MouseEvent, useEffect, useState } from 'react';
import {
  Chip,
  IconButton,
  ListItemText,
  Menu,
  MenuItem,
  Tooltip,
  makeStyles,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import CancelIcon from '@material-ui/icons/Cancel';
import {
  PP_ROLES,
  PP_ROLE_KEYS,
  PpRoleKey,
  isPpRoleKey,
  roleSetProblem,
} from '@internal/plugin-pp-common';
import { formatCountdown, formatDateTime, roleTitle } from '../../util/format';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  menuItem: { maxWidth: 420, whiteSpace: 'normal' },
}));

/**
 * One role as a chip, with its description as a tooltip; a time-bound role (`expiresAt`) shows
 * its countdown ("Viewer · expires in 3 h").
 */
export function RoleChip(props: {
  role: PpRoleKey | string;
  onDelete?: () => void;
  deleteLabel?: string;
  disabled?: boolean;
  expiresAt?: string;
}) {
  const { role, onDelete, deleteLabel, disabled, expiresAt } = props;
  const now = useNow(expiresAt ? 60_000 : undefined);
  const chip = (
    <Chip
      size="small"
      variant={expiresAt ? 'outlined' : 'default'}
      label={
        expiresAt
          ? `${roleTitle(role)} · ${formatCountdown(expiresAt, now)}`
          : roleTitle(role)
      }
      color={role === 'admin' ? 'primary' : 'default'}
      onDelete={onDelete}
      disabled={disabled}
      deleteIcon={
        onDelete ? <CancelIcon titleAccess={deleteLabel} /> : undefined
      }
    />
  );
  const until = expiresAt
    ? ` Time-bound: ends ${formatDateTime(expiresAt)}, then it is revoked.`
    : '';
  return isPpRoleKey(role) ? (
    <Tooltip title={`${PP_ROLES[role].description}${until}`}>{chip}</Tooltip>
  ) : (
    chip
  );
}

/** The current time, again every `everyMs` (none: once), so countdowns move on. */
function useNow(everyMs: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!everyMs) return undefined;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** @internal */
export interface RoleChipsProps {
  /** Whose roles, for accessible labels ("Revoke Viewer from Ann Lee"). */
  name: string;
  roles: readonly PpRoleKey[];
  /** The ends of time-bound roles (`PpUser.role_expires_at`): shown as a countdown. */
  expiries?: Partial<Record<PpRoleKey, string>>;
  /** Without these the chips are read-only. */
  onAssign?: (role: PpRoleKey) => void;
  onRevoke?: (role: PpRoleKey) => void;
  disabled?: boolean;
}

/**
 * A principal's roles as chips: delete a chip to revoke the role, "+" to assign another. Roles
 * that would break the role rules (admin is exclusive) are offered disabled, with the reason.
 */
export function RoleChips(props: RoleChipsProps) {
  const { name, roles, expiries, onAssign, onRevoke, disabled } = props;
  const classes = useStyles();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const candidates = PP_ROLE_KEYS.filter(role => !roles.includes(role));

  return (
    <div className={classes.root}>
      {roles.length === 0 && !onAssign && <span>—</span>}
      {roles.map(role => (
        <RoleChip
          key={role}
          role={role}
          expiresAt={expiries?.[role]}
          disabled={disabled}
          onDelete={onRevoke && !disabled ? () => onRevoke(role) : undefined}
          deleteLabel={`Revoke ${roleTitle(role)} from ${name}`}
        />
      ))}
      {onAssign && candidates.length > 0 && (
        <>
          <Tooltip title="Assign a role">
            <span>
              <IconButton
                size="small"
                aria-label={`Assign a role to ${name}`}
                aria-haspopup="true"
                disabled={disabled}
                onClick={(e: MouseEvent<HTMLElement>) =>
                  setAnchor(e.currentTarget)
                }
              >
                <AddIcon fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
          <Menu
            anchorEl={anchor}
            open={Boolean(anchor)}
            onClose={() => setAnchor(null)}
            getContentAnchorEl={null}
            anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
          >
            {candidates.map(role => {
              const problem = roleSetProblem([...roles, role]);
              return (
                <MenuItem
                  key={role}
                  disabled={Boolean(problem)}
                  className={classes.menuItem}
                  onClick={() => {
                    setAnchor(null);
                    onAssign(role);
                  }}
                >
                  <ListItemText
                    primary={PP_ROLES[role].title}
                    secondary={problem ?? PP_ROLES[role].description}
                  />
                </MenuItem>
              );
            })}
          </Menu>
        </>
      )}
    </div>
  );
}

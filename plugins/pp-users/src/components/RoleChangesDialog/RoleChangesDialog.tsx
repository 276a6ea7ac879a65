import { useCallback } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { useApi } from '@backstage/frontend-plugin-api';
import { PpUser } from '@internal/plugin-pp-common';
import { PpPageQuery, ppUsersApiRef } from '../../api';
import { RoleChangeTable } from '../RoleChangeTable';

/** @internal */
export interface RoleChangesDialogProps {
  /** Whose role changes to show; the dialog is open while set. */
  user: PpUser | undefined;
  onClose(): void;
}

/** The role-change history of one principal (`GET /users/{id}/role-changes`). */
export function RoleChangesDialog(props: RoleChangesDialogProps) {
  const { user, onClose } = props;
  const api = useApi(ppUsersApiRef);
  const userId = user?.id;
  const load = useCallback(
    (query: PpPageQuery) => api.listUserRoleChanges(userId!, query),
    [api, userId],
  );

  return (
    <Dialog
      open={Boolean(user)}
      onClose={onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="pp-role-changes-title"
    >
      <DialogTitle id="pp-role-changes-title">
        Role change history of {user?.name}
      </DialogTitle>
      <DialogContent>
        {user && (
          <RoleChangeTable key={user.id} load={load} title="Role changes" />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

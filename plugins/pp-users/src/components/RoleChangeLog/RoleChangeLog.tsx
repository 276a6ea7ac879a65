import { useCallback, useState } from 'react';
import { Button, Grid } from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import { ContentHeader } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { PpPageQuery, ppUsersApiRef } from '../../api';
import { RoleChangeTable } from '../RoleChangeTable';

/** Every role assignment and revocation, newest first (`GET /users/role-changes`). */
export function RoleChangeLog() {
  const api = useApi(ppUsersApiRef);
  const [refreshKey, setRefreshKey] = useState(0);
  const load = useCallback(
    (query: PpPageQuery) => api.listRoleChanges(query),
    [api],
  );

  return (
    <>
      <ContentHeader
        title="Role change log"
        description="Every role assignment and revocation across all users, newest first."
      >
        <Button
          startIcon={<RefreshIcon />}
          onClick={() => setRefreshKey(k => k + 1)}
        >
          Refresh
        </Button>
      </ContentHeader>
      <Grid container>
        <Grid item xs={12}>
          <RoleChangeTable
            load={load}
            showUser
            title="All role changes"
            refreshKey={refreshKey}
          />
        </Grid>
      </Grid>
    </>
  );
}

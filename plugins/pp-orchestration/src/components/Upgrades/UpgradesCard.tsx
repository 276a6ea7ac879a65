import { useState } from 'react';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useNavigate } from 'react-router-dom';
import {
  PpAgentCreation,
  PpUpgrade,
  describeError,
} from '@internal/plugin-pp-common';
import { PpDataTable, formatDateTime } from '@internal/plugin-pp-react';
import { ppOrchestrationApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { actorLabel } from '../../util/labels';
import { UpgradeDialog } from './UpgradeDialog';
import {
  UpgradeStatusChip,
  useUpgradePermissions,
  versionLabel,
} from './UpgradeParts';

/** The upgrade page's path. */
export function useUpgradeLink() {
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/orchestration';
  return (upgradeId: string) =>
    `${root}/upgrades/${encodeURIComponent(upgradeId)}`;
}

/**
 * A production-ready agent's upgrades on its creation page: the list (newest first) and, for
 * those who may, the "Upgrade" action. Nothing before the agent is production ready.
 */
export function UpgradesCard(props: { creation: PpAgentCreation }) {
  const c = props.creation;
  const api = useApi(ppOrchestrationApiRef);
  const perms = useUpgradePermissions();
  const link = useUpgradeLink();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const ready = c.status === 'production_ready';
  const state = useAsyncRetry(
    async () =>
      ready && perms.canRead ? api.listUpgrades(c.agent_id) : undefined,
    [api, c.agent_id, ready, perms.canRead],
  );
  if (!ready || perms.loading || !perms.canRead) return null;
  const items = state.value?.items ?? [];
  const active = items.find(u => u.active);

  let body: JSX.Element;
  if (state.error) {
    body = (
      <Alert severity="error">
        Could not load the upgrades: {describeError(state.error)}
      </Alert>
    );
  } else if (!state.value) {
    body = <Progress />;
  } else if (!items.length) {
    body = <Typography>{c.agent_name} has not been upgraded yet.</Typography>;
  } else {
    body = (
      <PpDataTable<PpUpgrade>
        label="Upgrades"
        outlined
        columns={[
          {
            title: 'Upgrade',
            render: u => (
              <Link to={link(u.upgrade_id)}>
                {versionLabel(u.from_version)} → {u.to_version}
              </Link>
            ),
          },
          { title: 'Status', render: u => <UpgradeStatusChip upgrade={u} /> },
          { title: 'Started', render: u => formatDateTime(u.started_at) },
          { title: 'By', render: u => actorLabel(u.started_by, u.people) },
        ]}
        rows={items}
        rowKey={u => u.upgrade_id}
      />
    );
  }

  return (
    <InfoCard title="Upgrades">
      {perms.canStart && (
        <Box mb={2} display="flex" alignItems="center" style={{ gap: 16 }}>
          <Button
            variant="contained"
            color="primary"
            onClick={() => setOpen(true)}
            disabled={!!active}
          >
            Upgrade
          </Button>
          {active && (
            <Typography variant="body2">
              An upgrade to {active.to_version} is in progress:{' '}
              <Link to={link(active.upgrade_id)}>follow it</Link>.
            </Typography>
          )}
        </Box>
      )}
      {body}
      {open && (
        <UpgradeDialog
          open
          agentId={c.agent_id}
          agentName={c.agent_name}
          onClose={() => setOpen(false)}
          onStarted={u => {
            setOpen(false);
            navigate(link(u.upgrade_id));
          }}
        />
      )}
    </InfoCard>
  );
}

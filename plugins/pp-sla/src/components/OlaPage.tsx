import { useCallback, useState } from 'react';
import { Box, Button, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { Content } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PpOlaDefinition,
  ppOlaCreatePermission,
} from '@internal/plugin-pp-common';
import {
  PpPagedTable,
  formatDateTime,
  usePpOffsetList,
} from '@internal/plugin-pp-react';
import { ppSlaApiRef } from '../api';
import { DefineOlaDialog } from './DefineOlaDialog';
import { OlaBreaches } from './OlaBreaches';
import { OlaClocks } from './OlaClocks';
import {
  commitmentText,
  escalationText,
  eventsText,
  ticketScopeText,
} from './olaLabels';
import { SlaIntro, SlaSections } from './SlaSections';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function Secondary(props: { children: string }) {
  return (
    <Typography variant="body2" color="textSecondary" component="div">
      {props.children}
    </Typography>
  );
}

/** The OLAs: who commits to whom, to what, timed from which event to which, and who is called. */
function OlaList(props: { reloadKey: number }) {
  const api = useApi(ppSlaApiRef);
  const fetchPage = useCallback(
    (page: { limit: number; offset: number }) => api.listOlas(page),
    [api],
  );
  const list = usePpOffsetList(fetchPage, props.reloadKey);
  return (
    <Box mb={4}>
      <Typography variant="h6" component="h2" gutterBottom>
        Operational level agreements
      </Typography>
      <PpPagedTable
        label="OLAs"
        list={list}
        total={list.page?.total_count}
        emptyTitle="No OLA yet"
        emptyDescription="An OLA is a commitment between two teams, e.g. the service team accepts a handoff within 24 h. Infrastructure engineers and admins define them."
        rowKey={o => o.id}
        columns={[
          {
            title: 'OLA',
            render: o => (
              <>
                {o.name}
                <Secondary>{`Defined by ${o.created_by}, ${formatDateTime(
                  o.created_at,
                )}`}</Secondary>
              </>
            ),
          },
          {
            title: 'Teams',
            render: o => `${o.provider_team} → ${o.consumer_team}`,
          },
          {
            title: 'Commitment',
            render: o => {
              const scope = ticketScopeText(o);
              return (
                <>
                  {commitmentText(o)}
                  {scope && <Secondary>{scope}</Secondary>}
                </>
              );
            },
          },
          { title: 'Timed', render: o => eventsText(o) },
          { title: 'Escalation', render: o => escalationText(o) },
        ]}
      />
    </Box>
  );
}

/**
 * `/pp/sla/ola`: the OLAs between teams, the clocks timing handoffs and tickets against them
 * (live countdowns) and the OLA breaches. Infrastructure engineers and admins define OLAs here.
 */
export function OlaPage() {
  const { allowed: canDefine } = usePermission({
    permission: ppOlaCreatePermission,
  });
  const [defining, setDefining] = useState(false);
  const [saved, setSaved] = useState<PpOlaDefinition>();
  const [reloadKey, setReloadKey] = useState(0);
  return (
    <Content>
      <SlaSections current="ola" />
      <SlaIntro
        action={
          canDefine && (
            <Button
              variant="contained"
              color="primary"
              onClick={() => setDefining(true)}
            >
              Define an OLA
            </Button>
          )
        }
      >
        Operational level agreements are the commitments teams make to each
        other. Each handoff or ticket they cover runs a clock; a clock past its
        deadline is a breach, told to the OLA’s escalation path.
      </SlaIntro>
      {canDefine && defining && (
        <DefineOlaDialog
          open
          onClose={() => setDefining(false)}
          onSaved={ola => {
            setDefining(false);
            setSaved(ola);
            setReloadKey(k => k + 1);
          }}
        />
      )}
      {saved && (
        <Box mb={2}>
          <Alert severity="success" onClose={() => setSaved(undefined)}>
            {`“${saved.name}” is defined: ${lowerFirst(
              commitmentText(saved),
            )}. Its clocks start with the OLA job’s next run.`}
          </Alert>
        </Box>
      )}
      <OlaList reloadKey={reloadKey} />
      <OlaClocks reloadKey={reloadKey} />
      <OlaBreaches />
    </Content>
  );
}

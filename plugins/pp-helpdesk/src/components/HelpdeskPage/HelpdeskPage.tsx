import { useState } from 'react';
import { Content } from '@backstage/core-components';
import { Box, Button } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { useHelpdeskPermissions } from '../../hooks/useHelpdeskPermissions';
import { CreateTicketDialog } from '../CreateTicketDialog';
import { TicketQueue } from '../TicketQueue';
import { TicketPage } from '../TicketPage';

/**
 * A ticket queue with the "Create ticket" button for those allowed to raise tickets; after
 * creating, the new ticket's page opens.
 */
export function QueueWithCreate(props: {
  entityRef?: string;
  showSavedFilters?: boolean;
  ticketPath: (key: string) => string;
}) {
  const { canCreate } = useHelpdeskPermissions();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <>
      {canCreate && (
        <Box display="flex" justifyContent="flex-end" mb={2}>
          <Button
            variant="contained"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setOpen(true)}
          >
            Create ticket
          </Button>
        </Box>
      )}
      <TicketQueue
        entityRef={props.entityRef}
        showSavedFilters={props.showSavedFilters}
        refreshKey={refreshKey}
      />
      {canCreate && (
        <CreateTicketDialog
          open={open}
          entityRef={props.entityRef}
          onClose={() => setOpen(false)}
          onCreated={ticket => {
            setOpen(false);
            setRefreshKey(k => k + 1);
            navigate(props.ticketPath(ticket.key));
          }}
        />
      )}
    </>
  );
}

/** `/pp/helpdesk`: the queue, and `/pp/helpdesk/tickets/:ticketId`: one ticket. */
export function HelpdeskPage() {
  return (
    <Routes>
      <Route
        path="/"
        element={
          <Content>
            <QueueWithCreate
              showSavedFilters
              ticketPath={key => `tickets/${encodeURIComponent(key)}`}
            />
          </Content>
        }
      />
      <Route path="/tickets/:ticketId" element={<TicketPage />} />
    </Routes>
  );
}

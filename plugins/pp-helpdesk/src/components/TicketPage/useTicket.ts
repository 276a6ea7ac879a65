import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { PpTicketDetail } from '@internal/plugin-pp-common';
import { ppHelpdeskApiRef } from '../../api';

/** One ticket, loaded and replaceable with the answer of a write. */
export function useTicket(ticketId: string) {
  const api = useApi(ppHelpdeskApiRef);
  const [ticket, setTicket] = useState<PpTicketDetail | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>();

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const loaded = await api.getTicket(ticketId);
      setTicket(loaded);
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, [api, ticketId]);

  useEffect(() => {
    reload();
  }, [reload]);

  return { ticket, setTicket, loading, error, reload };
}

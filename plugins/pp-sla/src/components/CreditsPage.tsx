import { Content, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert } from '@material-ui/lab';
import {
  PpSlaCredit,
  describeError,
  ppSlaCreditsReadPermission,
} from '@internal/plugin-pp-common';
import {
  PpErrorAlert,
  PpPagedTable,
  PpProgressButton,
  formatDateTime,
  usePpOffsetList,
} from '@internal/plugin-pp-react';
import { useCallback, useState } from 'react';
import { ppSlaApiRef } from '../api';
import { useAgentNames } from '../hooks/useAgentNames';
import { rootRouteRef } from '../routes';
import { formatMetric } from './labels';
import { SlaIntro, SlaSections } from './SlaSections';

const PAGE_SIZE = 50;

/** `2026-11` → "November 2026". */
export function monthName(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)).toLocaleString(
    'en-GB',
    { month: 'long', year: 'numeric', timeZone: 'UTC' },
  );
}

/** A credit's amount in its currency ("€100.00"); a sentence when the SLA has no credit base. */
export function creditAmount(c: Pick<PpSlaCredit, 'amount' | 'currency'>) {
  if (c.amount === null) return 'No monthly fee set';
  if (!c.currency) return c.amount.toFixed(2);
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: c.currency,
    }).format(c.amount);
  } catch {
    return `${c.amount.toFixed(2)} ${c.currency}`;
  }
}

/** Saves a file the browser already holds (a Blob) under `name`, through a temporary link. */
function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // the click has handed the file over; the URL is freed once the download has started
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The credits table and its CSV export, for those who may read credits. */
function Credits() {
  const api = useApi(ppSlaApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const fetchPage = useCallback(
    (page: { limit: number; offset: number }) => api.listCredits(page),
    [api],
  );
  const list = usePpOffsetList(fetchPage, undefined, PAGE_SIZE);
  const nameOf = useAgentNames(list.items.map(c => c.agent_id));
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string>();

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      saveFile(await api.exportCredits(), 'sla-credits.csv');
    } catch (e) {
      setExportError(`Could not export the credits: ${describeError(e)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <SlaIntro
        action={
          <PpProgressButton
            busy={exporting}
            variant="outlined"
            onClick={exportCsv}
          >
            Export CSV
          </PpProgressButton>
        }
      >
        The credits owed for months whose uptime fell below an agent’s SLA,
        newest month first. They are worked out at each month’s end.
      </SlaIntro>
      <PpErrorAlert error={exportError} />
      <PpPagedTable
        list={list}
        total={list.page?.total_count}
        label="SLA credits"
        rowKey={c => c.id}
        rowProps={c => ({ 'data-testid': `credit-row-${c.id}` })}
        columns={[
          { title: 'Month', render: c => monthName(c.month) },
          {
            title: 'Agent',
            render: c => (
              <Link to={`${root}/agents/${encodeURIComponent(c.agent_id)}`}>
                {nameOf(c.agent_id)}
              </Link>
            ),
          },
          {
            title: 'Uptime',
            align: 'right',
            render: c => formatMetric('percent', c.uptime_percent),
          },
          {
            title: 'Credit',
            align: 'right',
            render: c => formatMetric('percent', c.credit_percent),
          },
          { title: 'Amount', align: 'right', render: c => creditAmount(c) },
          { title: 'Worked out', render: c => formatDateTime(c.created_at) },
        ]}
        emptyTitle="No credits"
        emptyDescription="No agent’s monthly uptime has fallen below its SLA yet, so no credit is owed."
      />
    </>
  );
}

/**
 * `/pp/sla/credits`: the month-end SLA credits and "Export CSV" (admins only; others read who may
 * see them).
 */
export function CreditsPage() {
  const { loading, allowed } = usePermission({
    permission: ppSlaCreditsReadPermission,
  });
  return (
    <Content>
      <SlaSections current="credits" />
      {loading && <Progress />}
      {!loading && !allowed && (
        <Alert severity="info">
          SLA credits are open to admins only: they are what customers are owed.
          Ask an admin if you need a figure.
        </Alert>
      )}
      {!loading && allowed && <Credits />}
    </Content>
  );
}

import { Content, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button } from '@material-ui/core';
import {
  PP_RETUNING_STATUSES,
  PP_RETUNING_STATUS_LABELS,
  PpRetuning,
  PpRetuningStatus,
  ppAgentsRetunePermission,
} from '@internal/plugin-pp-common';
import {
  PpDataTableColumn,
  PpFilterBar,
  PpPagedTable,
  PpSelectFilter,
  formatDateTime,
  usePpOffsetList,
} from '@internal/plugin-pp-react';
import { useCallback, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ppKnowledgeApiRef } from '../api';
import { useIndustry } from '../hooks/useIndustry';
import {
  KnowledgeIntro,
  KnowledgeSections,
  useKnowledgeRoot,
} from './KnowledgeSections';
import { INDUSTRY_LABELS, STRATEGY_SHORT } from './labels';
import { RetuneDialog } from './RetuneDialog';

const STATUS_OPTIONS = PP_RETUNING_STATUSES.map(s => ({
  value: s,
  label: PP_RETUNING_STATUS_LABELS[s],
}));

/**
 * `/pp/knowledge/retuning`: the industry's retuning proposals, newest first, filtered by state;
 * "Retune an agent" for industry managers, agent orchestrators and admins.
 */
export function RetuningList() {
  const api = useApi(ppKnowledgeApiRef);
  const root = useKnowledgeRoot();
  const navigate = useNavigate();
  const [industry] = useIndustry();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? '';
  const status = (PP_RETUNING_STATUSES as readonly string[]).includes(
    statusParam,
  )
    ? (statusParam as PpRetuningStatus)
    : undefined;
  const { allowed: canRetune } = usePermission({
    permission: ppAgentsRetunePermission,
  });
  const [proposing, setProposing] = useState(false);
  const fetchPage = useCallback(
    (page: { limit: number; offset: number }) =>
      api.listRetunings({ industry, status, ...page }),
    [api, industry, status],
  );
  const list = usePpOffsetList(fetchPage, undefined, 25);
  const link = (r: PpRetuning) =>
    `${root}/retuning/${encodeURIComponent(r.id)}?industry=${r.industry}`;

  const columns: PpDataTableColumn<PpRetuning>[] = [
    {
      title: 'Agent',
      render: r => <Link to={link(r)}>{r.agent_name}</Link>,
    },
    { title: 'Status', render: r => PP_RETUNING_STATUS_LABELS[r.status] },
    { title: 'Knowledge version', render: r => r.knowledge_version },
    { title: 'Roll out', render: r => STRATEGY_SHORT[r.strategy] },
    {
      title: 'Proposed',
      render: r =>
        `${formatDateTime(r.created_at)} by ${
          r.created_by_name ?? 'someone no longer in the portal'
        }`,
    },
  ];

  return (
    <Content>
      <KnowledgeSections current="retuning" />
      <KnowledgeIntro
        action={
          canRetune && (
            <Button
              variant="contained"
              color="primary"
              onClick={() => setProposing(true)}
            >
              Retune an agent
            </Button>
          )
        }
      >
        Proposals to retune{' '}
        {INDUSTRY_LABELS[industry].toLocaleLowerCase('en-US')} agents on newer
        knowledge. Genesis checks each one; an admin approves it; it then rolls
        out and is watched for a week.
      </KnowledgeIntro>
      {canRetune && proposing && (
        <RetuneDialog
          open
          industry={industry}
          onClose={() => setProposing(false)}
          onProposed={r => navigate(link(r))}
        />
      )}
      <PpFilterBar role="search" aria-label="Filter the proposals">
        <PpSelectFilter
          id="pp-knowledge-retuning-status"
          label="Status"
          anyLabel="Any status"
          options={STATUS_OPTIONS}
          value={status ?? ''}
          onChange={v => {
            const next = new URLSearchParams(params);
            if (v) next.set('status', v);
            else next.delete('status');
            setParams(next, { replace: true });
          }}
          style={{ minWidth: 220 }}
        />
      </PpFilterBar>
      <PpPagedTable
        label="Retuning proposals"
        list={list}
        total={list.page?.total_count}
        rowKey={r => r.id}
        columns={columns}
        emptyTitle="No retuning proposals"
        emptyDescription={
          status
            ? 'No proposal is in this state.'
            : `No ${INDUSTRY_LABELS[industry].toLocaleLowerCase(
                'en-US',
              )} agent has been proposed for retuning yet.`
        }
      />
    </Content>
  );
}

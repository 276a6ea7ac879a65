import { Content, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  Typography,
  useTheme,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  PpKnowledgeDiff,
  PpKnowledgeVersion,
  describeError,
} from '@internal/plugin-pp-common';
import {
  PpFilterBar,
  PpSelectFilter,
  formatDateTime,
} from '@internal/plugin-pp-react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ppKnowledgeApiRef } from '../api';
import { useIndustry } from '../hooks/useIndustry';
import { KnowledgeIntro, KnowledgeSections } from './KnowledgeSections';
import { INDUSTRY_LABELS } from './labels';

/** "Google Ads API: 12 added, 3 modified, 1 removed; Blog feed: …" — the chart in words. */
export function topSourcesSentence(diff: PpKnowledgeDiff): string {
  if (!diff.top_sources.length) return 'No source changed.';
  return diff.top_sources
    .map(
      s =>
        `${s.source_name}: ${s.added} added, ${s.modified} modified, ${s.removed} removed`,
    )
    .join('; ');
}

function Figure(props: { label: string; value: string; testId?: string }) {
  return (
    <Grid item xs={6} sm={4} md={2}>
      <Typography variant="h4" component="p" data-testid={props.testId}>
        {props.value}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
    </Grid>
  );
}

function Topics(props: {
  title: string;
  topics: PpKnowledgeDiff['new_topics'];
  none: string;
}) {
  return (
    <Card variant="outlined">
      <CardHeader
        title={props.title}
        titleTypographyProps={{ variant: 'h6' }}
      />
      <CardContent>
        {props.topics.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            {props.none}
          </Typography>
        )}
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          {props.topics.map(t => (
            <Chip
              key={t.label}
              size="small"
              label={`${t.label} (${t.chunks})`}
              title={`${t.chunks} passages`}
            />
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}

function TopSources(props: { diff: PpKnowledgeDiff }) {
  const theme = useTheme();
  const { diff } = props;
  return (
    <Card variant="outlined">
      <CardHeader
        title="Sources with the most changes"
        titleTypographyProps={{ variant: 'h6' }}
      />
      <CardContent>
        {diff.top_sources.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No source changed between these versions.
          </Typography>
        ) : (
          <div
            role="img"
            aria-label={topSourcesSentence(diff)}
            style={{ width: '100%', height: 60 + diff.top_sources.length * 36 }}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={diff.top_sources}
                layout="vertical"
                margin={{ left: 16, right: 16 }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="source_name" width={160} />
                <Tooltip />
                <Legend />
                <Bar
                  dataKey="added"
                  name="Added"
                  stackId="a"
                  isAnimationActive={false}
                  fill={theme.palette.success?.main ?? '#2e7d32'}
                />
                <Bar
                  dataKey="modified"
                  name="Modified"
                  stackId="a"
                  isAnimationActive={false}
                  fill={theme.palette.warning?.main ?? '#ed6c02'}
                />
                <Bar
                  dataKey="removed"
                  name="Removed"
                  stackId="a"
                  isAnimationActive={false}
                  fill={theme.palette.error.main}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

const versionLabel = (v: PpKnowledgeVersion) =>
  `${v.label} — ${formatDateTime(v.created_at)}`;

/**
 * `/pp/knowledge/changes`: what changed in an industry's knowledge between two versions (the newest
 * and the one before unless chosen, kept in the address): embeddings added, modified and removed,
 * the share changed, new and removed topics and the sources with the most changes.
 */
export function DiffPage() {
  const api = useApi(ppKnowledgeApiRef);
  const [industry] = useIndustry();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const setRange = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const versions = useAsync(
    () => api.listVersions(industry, { limit: 200 }),
    [api, industry],
  );
  const diff = useAsync(
    () =>
      api.diff(industry, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      }),
    [api, industry, from, to],
  );
  const options = (versions.value?.items ?? []).map(v => ({
    value: v.label,
    label: versionLabel(v),
  }));
  const d = diff.value;
  const noVersions = versions.value && versions.value.items.length === 0;

  return (
    <Content>
      <KnowledgeSections current="changes" />
      <KnowledgeIntro>
        What changed in the{' '}
        {INDUSTRY_LABELS[industry].toLocaleLowerCase('en-US')} knowledge between
        two versions. Each run that changes the knowledge makes a version.
      </KnowledgeIntro>
      <PpFilterBar role="search" aria-label="Choose the versions">
        <PpSelectFilter
          id="pp-knowledge-diff-from"
          label="From"
          anyLabel="The version before"
          options={options}
          value={from || (diff.value?.from?.label ?? '')}
          onChange={v => setRange('from', v)}
          style={{ minWidth: 260 }}
        />
        <PpSelectFilter
          id="pp-knowledge-diff-to"
          label="To"
          anyLabel="The newest version"
          options={options}
          value={to || (diff.value?.to?.label ?? '')}
          onChange={v => setRange('to', v)}
          style={{ minWidth: 260 }}
        />
      </PpFilterBar>
      {versions.error && (
        <Alert severity="error">{describeError(versions.error)}</Alert>
      )}
      {(diff.loading || versions.loading) && <Progress />}
      {diff.error && (
        <Alert severity="error">{describeError(diff.error)}</Alert>
      )}
      {noVersions && !diff.loading && (
        <Alert severity="info">
          {INDUSTRY_LABELS[industry]} has no knowledge version yet: the first
          run that stores records makes one.
        </Alert>
      )}
      {d && !noVersions && !diff.loading && (
        <>
          <Typography variant="body1" paragraph>
            {d.from ? `From ${d.from.label}` : 'From nothing'} to{' '}
            {d.to ? d.to.label : 'nothing'}:{' '}
            {d.embeddings_total_from.toLocaleString()} →{' '}
            {d.embeddings_total_to.toLocaleString()} embeddings.
          </Typography>
          <Grid container spacing={2}>
            <Figure
              label="Added"
              value={d.embeddings_added.toLocaleString()}
              testId="diff-added"
            />
            <Figure
              label="Modified"
              value={d.embeddings_modified.toLocaleString()}
              testId="diff-modified"
            />
            <Figure
              label="Removed"
              value={d.embeddings_removed.toLocaleString()}
              testId="diff-removed"
            />
            <Figure
              label="Changed"
              value={`${d.change_percent.toFixed(1)} %`}
              testId="diff-percent"
            />
          </Grid>
          <Box mt={2}>
            <Grid container spacing={2}>
              <Grid item xs={12} md={6}>
                <Topics
                  title="New topics"
                  topics={d.new_topics}
                  none="No new topic."
                />
              </Grid>
              <Grid item xs={12} md={6}>
                <Topics
                  title="Topics no longer covered"
                  topics={d.removed_topics}
                  none="No topic was removed."
                />
              </Grid>
              <Grid item xs={12}>
                <TopSources diff={d} />
              </Grid>
            </Grid>
          </Box>
        </>
      )}
    </Content>
  );
}

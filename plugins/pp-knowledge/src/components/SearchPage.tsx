import { Content, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Box,
  Button,
  Card,
  CardContent,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  PpKnowledgeSearchResult,
  describeError,
} from '@internal/plugin-pp-common';
import { PpFilterBar, PpSelectFilter } from '@internal/plugin-pp-react';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ppKnowledgeApiRef } from '../api';
import { useIndustry } from '../hooks/useIndustry';
import { KnowledgeIntro, KnowledgeSections } from './KnowledgeSections';
import { INDUSTRY_LABELS } from './labels';

type Mode = 'hybrid' | 'keyword' | 'vector';

const MODE_OPTIONS: Array<{ value: Mode; label: string }> = [
  { value: 'hybrid', label: 'Words and meaning' },
  { value: 'keyword', label: 'Words only' },
  { value: 'vector', label: 'Meaning only' },
];

/**
 * `/pp/knowledge/search`: searches an industry's newest knowledge by words, meaning or both, in
 * all its sources or one; each result with its title, source, score and the passage around the
 * match.
 */
export function SearchPage() {
  const api = useApi(ppKnowledgeApiRef);
  const [industry] = useIndustry();
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<Mode>('hybrid');
  const [sourceId, setSourceId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [answer, setAnswer] = useState<PpKnowledgeSearchResult>();
  const sources = useAsync(
    () => api.listSources({ industry, sort: 'name', limit: 200 }),
    [api, industry],
  );

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (query.trim().length < 2) {
      setError('Type at least two characters.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setAnswer(
        await api.search(industry, {
          query: query.trim(),
          mode,
          limit: 20,
          ...(sourceId ? { source_ids: [sourceId] } : {}),
        }),
      );
    } catch (err) {
      setError(describeError(err));
      setAnswer(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Content>
      <KnowledgeSections current="search" />
      <KnowledgeIntro>
        Search the newest {INDUSTRY_LABELS[industry].toLocaleLowerCase('en-US')}{' '}
        knowledge as the agents would find it.
      </KnowledgeIntro>
      <form onSubmit={submit} role="search" aria-label="Search the knowledge">
        <PpFilterBar>
          <TextField
            id="pp-knowledge-search"
            label="Search"
            variant="outlined"
            size="small"
            value={query}
            onChange={e => setQuery(e.target.value)}
            placeholder="e.g. responsive search ads"
            style={{ minWidth: 320, flexGrow: 1 }}
          />
          <PpSelectFilter
            id="pp-knowledge-search-mode"
            label="Match by"
            options={MODE_OPTIONS}
            value={mode}
            onChange={v => setMode(v as Mode)}
            style={{ minWidth: 180 }}
          />
          <PpSelectFilter
            id="pp-knowledge-search-source"
            label="Source"
            anyLabel="Every source"
            options={(sources.value?.items ?? []).map(s => ({
              value: s.id,
              label: s.name,
            }))}
            value={sourceId}
            onChange={setSourceId}
            style={{ minWidth: 200 }}
          />
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={busy}
          >
            Search
          </Button>
        </PpFilterBar>
      </form>
      {busy && <Progress />}
      {error && (
        <Box mb={2}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      {answer && !busy && (
        <>
          <Typography variant="body2" color="textSecondary" paragraph>
            {answer.results.length === 0
              ? `Nothing in ${
                  answer.version ?? 'the knowledge'
                } matches “${query.trim()}”.`
              : `${answer.results.length} result${
                  answer.results.length === 1 ? '' : 's'
                } in ${
                  answer.version ?? 'the knowledge'
                }, best first (${Math.round(answer.took_ms)} ms).`}
          </Typography>
          {answer.results.map(r => (
            <Box key={r.chunk_id} mb={1}>
              <Card variant="outlined" data-testid="search-result">
                <CardContent>
                  <Box display="flex" alignItems="baseline" style={{ gap: 12 }}>
                    <Box flexGrow={1}>
                      <Typography variant="subtitle1" component="h3">
                        {r.url ? <Link to={r.url}>{r.title}</Link> : r.title}
                      </Typography>
                    </Box>
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      title="Higher is better; comparable within one search"
                    >
                      Score {r.score.toFixed(3)}
                    </Typography>
                  </Box>
                  <Typography variant="caption" color="textSecondary">
                    {r.source_name}
                  </Typography>
                  <Typography variant="body2">{r.snippet}</Typography>
                </CardContent>
              </Card>
            </Box>
          ))}
        </>
      )}
    </Content>
  );
}

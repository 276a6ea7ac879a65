import {
  PpKnowledgeDiff,
  PpKnowledgeRun,
  PpKnowledgeSource,
  PpKnowledgeVersion,
  PpRetuning,
} from '@internal/plugin-pp-common';

/** A page of items as the list routes answer. */
export const page = <T>(items: T[], total = items.length) => ({
  items,
  total_count: total,
  limit: 50,
  offset: 0,
});

export const apiSource: PpKnowledgeSource = {
  id: 'src-1',
  industry: 'marketing',
  name: 'Google Ads API',
  type: 'api',
  connection: {
    url: 'https://ads.example.com/v1/updates',
    auth_type: 'bearer',
    json_path: '$.data[*]',
  },
  has_credential: true,
  frequency: 'daily',
  time: '02:00',
  time_zone: 'Asia/Kolkata',
  weekday: null,
  status: 'active',
  consecutive_failures: 0,
  record_count: 1240,
  last_run_at: '2026-12-03T20:31:00Z',
  last_success_at: '2026-12-03T20:31:00Z',
  next_run_at: '2026-12-04T20:30:00Z',
  last_error: null,
  demo: false,
  created_by: 'user:default/ira',
  created_by_name: 'Ira Manager',
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-12-03T20:31:00Z',
};

export const uploadSource: PpKnowledgeSource = {
  ...apiSource,
  id: 'src-2',
  name: 'Brand guidelines',
  type: 'upload',
  connection: { auth_type: 'none' },
  has_credential: false,
  next_run_at: null,
  record_count: 12,
  demo: true,
};

export const run: PpKnowledgeRun = {
  id: 'run-1',
  source_id: 'src-1',
  source_name: 'Google Ads API',
  industry: 'marketing',
  trigger: 'schedule',
  status: 'failed',
  started_at: '2026-12-03T20:30:00Z',
  finished_at: '2026-12-03T20:30:02Z',
  duration_ms: 2150,
  records_fetched: 24,
  records_added: 3,
  records_changed: 1,
  records_removed: 0,
  error: 'The API answered 503 Service Unavailable.',
  version: null,
  log: [
    { at: '2026-12-03T20:30:00Z', level: 'info', message: 'Fetching the API' },
    {
      at: '2026-12-03T20:30:02Z',
      level: 'error',
      message: 'The API answered 503',
    },
  ],
};

export const version = (label: string, at: string): PpKnowledgeVersion => ({
  id: `ver-${label}`,
  industry: 'marketing',
  label,
  created_at: at,
  source_id: 'src-1',
  source_name: 'Google Ads API',
  chunks: 1200,
  added: 10,
  modified: 2,
  removed: 1,
  embedding_model: 'pp-hash-ngram-256-v1',
});

export const diff: PpKnowledgeDiff = {
  industry: 'marketing',
  from: version('v2026-12-02', '2026-12-02T21:00:00Z'),
  to: version('v2026-12-03', '2026-12-03T21:00:00Z'),
  embeddings_added: 42,
  embeddings_modified: 7,
  embeddings_removed: 3,
  embeddings_total_from: 1000,
  embeddings_total_to: 1039,
  change_percent: 5.2,
  new_topics: [{ label: 'performance max', chunks: 12 }],
  removed_topics: [{ label: 'expanded text ads', chunks: 4 }],
  top_sources: [
    {
      source_id: 'src-1',
      source_name: 'Google Ads API',
      added: 40,
      modified: 7,
      removed: 3,
    },
  ],
};

export const retuning: PpRetuning = {
  id: 'ret-1',
  agent_id: 'ad-writer',
  agent_name: 'Ad Copy Writer',
  industry: 'marketing',
  knowledge_version: 'v2026-12-03',
  knowledge_version_id: 'ver-v2026-12-03',
  previous_knowledge_version: 'v2026-11-20',
  reason: 'Improve accuracy on Q4 2024 ad formats',
  strategy: 'canary',
  status: 'awaiting_approval',
  genesis: {
    verdict: 'approved',
    checks: [
      {
        key: 'bias',
        title: 'Bias',
        passed: true,
        detail: 'No biased wording found in 1 039 passages.',
      },
      {
        key: 'duplicates',
        title: 'Duplicates',
        passed: true,
        detail: '2 near-duplicate passages (0.2 %), under the 5 % limit.',
      },
    ],
    reason: null,
    validator: 'built-in',
    decided_at: '2026-12-03T21:05:00Z',
  },
  decision: null,
  rollout: null,
  post_checks: [],
  rollbacks: [],
  created_by: 'user:default/ira',
  created_by_name: 'Ira Manager',
  created_at: '2026-12-03T21:00:00Z',
  updated_at: '2026-12-03T21:05:00Z',
  version: 2,
};

export const deployed: PpRetuning = {
  ...retuning,
  id: 'ret-2',
  status: 'monitoring',
  decision: {
    outcome: 'approved',
    by: 'user:default/ada',
    by_name: 'Ada Admin',
    reason: 'Looks good',
    at: '2026-12-03T22:00:00Z',
  },
  rollout: {
    phase: 'canary_25',
    phase_title: 'Canary at 25 %',
    traffic_percent: 25,
    gates: [
      {
        metric: 'error_rate',
        title: 'Error rate',
        outcome: 'pass',
        value: 0.012,
        threshold: 0.05,
      },
    ],
    rollback_reason: null,
    standby_until: null,
    history: [{ at: '2026-12-03T22:01:00Z', from: 'approved', to: 'canary_5' }],
  },
  post_checks: [
    {
      after: '1h',
      due_at: '2026-12-03T23:00:00Z',
      checked_at: '2026-12-03T23:00:10Z',
      outcome: 'pass',
      gates: [],
    },
    {
      after: '24h',
      due_at: '2026-12-04T22:00:00Z',
      checked_at: null,
      outcome: 'pending',
      gates: [],
    },
  ],
  rollbacks: [
    { at: '2026-11-21T10:00:00Z', reason: 'Complaints rose above 3.' },
  ],
};

import { z } from 'zod';
import { PP_AGENT_INDUSTRIES } from './orchestration';
import { ppPageSchema } from './types';

/**
 * Industry knowledge (spec Stage 8, issue #17): the shapes of `/pp/v1/industry-knowledge/…`,
 * `POST /pp/v1/agents/{agent_id}/retune`, `POST /pp/v1/agent-retuning/{retuning_id}/approve` and
 * their extras (a source's runs, test connection, run now, upload, the signed inbound webhook,
 * versions, retuning proposals and an agent's knowledge). The rules behind them are
 * `@internal/plugin-pp-knowledge-backend`'s domain modules.
 */

const timestamp = () => z.iso.datetime();
const intFromQuery = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional();
const id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'an id');
const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'lower-case letters, digits, _ and -');

/** The industries knowledge is kept for (the marketplace's three). @public */
export const PP_KNOWLEDGE_INDUSTRIES = PP_AGENT_INDUSTRIES;
/** @public */
export type PpKnowledgeIndustry = (typeof PP_KNOWLEDGE_INDUSTRIES)[number];
/** @public */
export const ppKnowledgeIndustrySchema = z
  .enum(PP_KNOWLEDGE_INDUSTRIES)
  .describe('marketing, education or sales.');

/** How a source's knowledge arrives. @public */
export const PP_KNOWLEDGE_SOURCE_TYPES = [
  'api',
  'rss',
  'webhook',
  'upload',
] as const;
/** @public */
export type PpKnowledgeSourceType = (typeof PP_KNOWLEDGE_SOURCE_TYPES)[number];
/** @public */
export const PP_KNOWLEDGE_SOURCE_TYPE_LABELS: Record<
  PpKnowledgeSourceType,
  string
> = {
  api: 'HTTP JSON API',
  rss: 'RSS or Atom feed',
  webhook: 'Inbound webhook',
  upload: 'Manual upload',
};

/** @public */
export const PP_KNOWLEDGE_AUTH_TYPES = [
  'none',
  'bearer',
  'basic',
  'api_key_header',
] as const;
/** @public */
export type PpKnowledgeAuthType = (typeof PP_KNOWLEDGE_AUTH_TYPES)[number];

/** @public */
export const PP_KNOWLEDGE_FREQUENCIES = ['hourly', 'daily', 'weekly'] as const;
/** @public */
export type PpKnowledgeFrequency = (typeof PP_KNOWLEDGE_FREQUENCIES)[number];

/**
 * A source's state: `active` (scheduled, last run fine or none yet), `failing` (the last run
 * failed; three in a row raise an alert), `paused` (not scheduled). @public
 */
export const PP_KNOWLEDGE_SOURCE_STATUSES = [
  'active',
  'failing',
  'paused',
] as const;
/** @public */
export type PpKnowledgeSourceStatus =
  (typeof PP_KNOWLEDGE_SOURCE_STATUSES)[number];

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM (24 h)');

/** The connection of an `api` or `rss` source (never its secret). @public */
export const ppKnowledgeConnectionSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .describe('Where an api or rss source is read from (http or https).'),
    auth_type: z
      .enum(PP_KNOWLEDGE_AUTH_TYPES)
      .default('none')
      .describe(
        'none, bearer (Authorization: Bearer <credential>), basic (credential is user:password) or api_key_header (header_name: <credential>).',
      ),
    header_name: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,100}$/, 'an HTTP header name')
      .optional()
      .describe('api_key_header only: the header that carries the key.'),
    json_path: z
      .string()
      .max(500)
      .optional()
      .describe(
        'api only: JSONPath to the list of records in the answer, e.g. `$.data.items[*]`; default: the answer itself (an array) or its `items`.',
      ),
    fields: z
      .object({
        id: z.string().max(200).optional(),
        title: z.string().max(200).optional(),
        content: z.string().max(200).optional(),
        url: z.string().max(200).optional(),
        published_at: z.string().max(200).optional(),
      })
      .optional()
      .describe(
        'api only: which field of a record holds its id, title, content, url and publication time; defaults id, title, content (or body, text, description), url, published_at.',
      ),
  })
  .meta({
    id: 'KnowledgeConnection',
    description:
      'Where and how a source is read. Credentials are never part of it: they are stored encrypted (or as a secret reference) and never returned.',
  });
/** @public */
export type PpKnowledgeConnection = z.infer<typeof ppKnowledgeConnectionSchema>;

/** Body of `POST /pp/v1/industry-knowledge/sources` (and of test connection). @public */
export const ppKnowledgeSourceCreateSchema = z
  .object({
    industry: ppKnowledgeIndustrySchema,
    name: z
      .string()
      .trim()
      .min(2)
      .max(120)
      .describe('What people call the source, e.g. `Google Ads API`.'),
    type: z.enum(PP_KNOWLEDGE_SOURCE_TYPES),
    connection: ppKnowledgeConnectionSchema.optional(),
    credential: z
      .string()
      .min(1)
      .max(4000)
      .optional()
      .describe(
        'The token, key or user:password, stored encrypted; or `secret:<NAME>` for a secret the backend reads from its environment. Write-only.',
      ),
    frequency: z.enum(PP_KNOWLEDGE_FREQUENCIES).default('daily'),
    time: hhmm
      .default('02:00')
      .describe(
        'daily and weekly: when the run starts, in time_zone; hourly: the minute past each hour.',
      ),
    time_zone: z
      .string()
      .max(64)
      .default('Asia/Kolkata')
      .describe('An IANA time zone; default Asia/Kolkata (IST).'),
    weekday: z
      .number()
      .int()
      .min(0)
      .max(6)
      .optional()
      .describe('weekly only: 0 = Sunday … 6 = Saturday; default Monday (1).'),
  })
  .meta({
    id: 'KnowledgeSourceCreate',
    description:
      'A new knowledge source for an industry. api and rss need connection.url; webhook sources get a signing secret, shown once in the answer.',
  });
/** @public */
export type PpKnowledgeSourceCreate = z.input<
  typeof ppKnowledgeSourceCreateSchema
>;

/** Body of `PUT /pp/v1/industry-knowledge/sources/{source_id}`: what may change. @public */
export const ppKnowledgeSourceUpdateSchema = z
  .object({
    name: z.string().trim().min(2).max(120).optional(),
    connection: ppKnowledgeConnectionSchema.optional(),
    credential: z.string().min(1).max(4000).optional(),
    frequency: z.enum(PP_KNOWLEDGE_FREQUENCIES).optional(),
    time: hhmm.optional(),
    time_zone: z.string().max(64).optional(),
    weekday: z.number().int().min(0).max(6).optional(),
    paused: z
      .boolean()
      .optional()
      .describe('true: no scheduled runs; false: scheduled again.'),
  })
  .meta({
    id: 'KnowledgeSourceUpdate',
    description: 'Changes to a knowledge source; what is left out is kept.',
  });
/** @public */
export type PpKnowledgeSourceUpdate = z.infer<
  typeof ppKnowledgeSourceUpdateSchema
>;

/** A knowledge source as the API shows it (no credential). @public */
export const ppKnowledgeSourceSchema = z
  .object({
    id: z.string(),
    industry: ppKnowledgeIndustrySchema,
    name: z.string(),
    type: z.enum(PP_KNOWLEDGE_SOURCE_TYPES),
    connection: ppKnowledgeConnectionSchema,
    has_credential: z
      .boolean()
      .describe('A credential is stored (it is never shown).'),
    frequency: z.enum(PP_KNOWLEDGE_FREQUENCIES),
    time: z.string(),
    time_zone: z.string(),
    weekday: z.number().int().nullable(),
    status: z.enum(PP_KNOWLEDGE_SOURCE_STATUSES),
    consecutive_failures: z.number().int(),
    record_count: z
      .number()
      .int()
      .describe('Documents of this source in the current knowledge.'),
    last_run_at: timestamp().nullable(),
    last_success_at: timestamp().nullable(),
    next_run_at: timestamp()
      .nullable()
      .describe('null for paused, webhook and upload sources.'),
    last_error: z.string().nullable(),
    demo: z
      .boolean()
      .describe('Demo data of the embedded dev setup, not a real source.'),
    created_by: z.string().nullable(),
    created_by_name: z.string().nullable(),
    created_at: timestamp(),
    updated_at: timestamp(),
  })
  .meta({ id: 'KnowledgeSource', description: 'A knowledge source.' });
/** @public */
export type PpKnowledgeSource = z.infer<typeof ppKnowledgeSourceSchema>;

/** The answer to creating a source: the source, and a webhook source's secret (shown once). @public */
export const ppKnowledgeSourceCreatedSchema = z
  .object({
    source: ppKnowledgeSourceSchema,
    webhook: z
      .object({
        url: z
          .string()
          .describe(
            'Where the sender posts, e.g. /pp/v1/industry-knowledge/webhooks/<id>.',
          ),
        secret: z
          .string()
          .describe(
            'Signs what the sender posts (HMAC-SHA256, PP’s signed-webhook scheme). Shown once.',
          ),
      })
      .nullable(),
  })
  .meta({
    id: 'KnowledgeSourceCreated',
    description:
      'A source just added; a webhook source’s signing secret is shown here once.',
  });
/** @public */
export type PpKnowledgeSourceCreated = z.infer<
  typeof ppKnowledgeSourceCreatedSchema
>;

/** Query of `GET /pp/v1/industry-knowledge/sources`. @public */
export const ppKnowledgeSourceQuerySchema = z
  .object({
    industry: ppKnowledgeIndustrySchema.optional(),
    status: z.enum(PP_KNOWLEDGE_SOURCE_STATUSES).optional(),
    type: z.enum(PP_KNOWLEDGE_SOURCE_TYPES).optional(),
    sort: z
      .enum(['name', 'last_run_at', 'next_run_at', 'record_count', 'status'])
      .optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: intFromQuery(1, 200).describe("1-200, the server's default is 50."),
    offset: intFromQuery(0, 10_000_000),
  })
  .meta({
    id: 'KnowledgeSourceQuery',
    description: 'Filters, order and paging of the knowledge sources.',
  });
/** @public */
export type PpKnowledgeSourceQuery = z.infer<
  typeof ppKnowledgeSourceQuerySchema
>;

/** @public */
export const ppKnowledgeSourcePageSchema = ppPageSchema(
  ppKnowledgeSourceSchema,
).meta({ id: 'KnowledgeSourcePage', description: 'Knowledge sources, paged.' });
/** @public */
export type PpKnowledgeSourcePage = z.infer<typeof ppKnowledgeSourcePageSchema>;

/** The answer to testing a connection (nothing is stored). @public */
export const ppKnowledgeConnectionTestSchema = z
  .object({
    ok: z.boolean(),
    message: z
      .string()
      .describe(
        'A sentence: what was read (e.g. `Read 24 records in 310 ms`) or what went wrong.',
      ),
    status_code: z.number().int().nullable(),
    duration_ms: z.number().int(),
    records: z.number().int().nullable(),
    sample: z
      .array(z.object({ title: z.string(), snippet: z.string() }))
      .describe('Up to three records as they would be stored.'),
  })
  .meta({
    id: 'KnowledgeConnectionTest',
    description: 'The result of a test fetch (nothing stored).',
  });
/** @public */
export type PpKnowledgeConnectionTest = z.infer<
  typeof ppKnowledgeConnectionTestSchema
>;

/** @public */
export const PP_KNOWLEDGE_RUN_STATUSES = [
  'running',
  'succeeded',
  'failed',
] as const;
/** @public */
export type PpKnowledgeRunStatus = (typeof PP_KNOWLEDGE_RUN_STATUSES)[number];
/** @public */
export const PP_KNOWLEDGE_RUN_TRIGGERS = [
  'schedule',
  'manual',
  'webhook',
  'upload',
] as const;

/** One ingestion run of a source. @public */
export const ppKnowledgeRunSchema = z
  .object({
    id: z.string(),
    source_id: z.string(),
    source_name: z.string(),
    industry: ppKnowledgeIndustrySchema,
    trigger: z.enum(PP_KNOWLEDGE_RUN_TRIGGERS),
    status: z.enum(PP_KNOWLEDGE_RUN_STATUSES),
    started_at: timestamp(),
    finished_at: timestamp().nullable(),
    duration_ms: z.number().int().nullable(),
    records_fetched: z.number().int(),
    records_added: z.number().int(),
    records_changed: z.number().int(),
    records_removed: z.number().int(),
    error: z.string().nullable(),
    version: z
      .string()
      .nullable()
      .describe(
        'The knowledge version the run made, e.g. `v2026-12-04`; null when nothing changed.',
      ),
    log: z
      .array(
        z.object({
          at: timestamp(),
          level: z.enum(['info', 'warn', 'error']),
          message: z.string(),
        }),
      )
      .describe(
        'What the run did, step by step (fetch, normalise, chunk, embed, store).',
      ),
  })
  .meta({ id: 'KnowledgeRun', description: 'An ingestion run of a source.' });
/** @public */
export type PpKnowledgeRun = z.infer<typeof ppKnowledgeRunSchema>;

/** @public */
export const ppKnowledgeRunPageSchema = ppPageSchema(ppKnowledgeRunSchema).meta(
  {
    id: 'KnowledgeRunPage',
    description: 'Ingestion runs, newest first.',
  },
);
/** @public */
export type PpKnowledgeRunPage = z.infer<typeof ppKnowledgeRunPageSchema>;

/** Body of `POST /pp/v1/industry-knowledge/sources/{source_id}/upload`. @public */
export const ppKnowledgeUploadSchema = z
  .object({
    file_name: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/\.(txt|md|markdown|pdf|csv)$/i, 'a .txt, .md, .pdf or .csv file'),
    content_base64: z
      .string()
      .min(1)
      .max(7_000_000)
      .describe('The file, base64 (at most 5 MiB once decoded).'),
  })
  .meta({
    id: 'KnowledgeUpload',
    description:
      'A file for an upload source: text, Markdown, PDF or CSV (one record per row). Ingested at once.',
  });
/** @public */
export type PpKnowledgeUpload = z.infer<typeof ppKnowledgeUploadSchema>;

/** A knowledge version of an industry. @public */
export const ppKnowledgeVersionSchema = z
  .object({
    id: z.string(),
    industry: ppKnowledgeIndustrySchema,
    label: z
      .string()
      .describe(
        '`v<date>` of the day it was made, e.g. `v2026-12-04` (`-2`, `-3` … for more that day).',
      ),
    created_at: timestamp(),
    source_id: z.string().nullable(),
    source_name: z.string().nullable(),
    chunks: z.number().int().describe('Embeddings in this version.'),
    added: z.number().int(),
    modified: z.number().int(),
    removed: z.number().int(),
    embedding_model: z.string(),
  })
  .meta({ id: 'KnowledgeVersion', description: 'A knowledge version.' });
/** @public */
export type PpKnowledgeVersion = z.infer<typeof ppKnowledgeVersionSchema>;

/** @public */
export const ppKnowledgeVersionPageSchema = ppPageSchema(
  ppKnowledgeVersionSchema,
).meta({
  id: 'KnowledgeVersionPage',
  description: 'An industry’s knowledge versions, newest first.',
});
/** @public */
export type PpKnowledgeVersionPage = z.infer<
  typeof ppKnowledgeVersionPageSchema
>;

/** Query of `GET /pp/v1/industry-knowledge/{industry}/diff`. @public */
export const ppKnowledgeDiffQuerySchema = z
  .object({
    from: z
      .string()
      .max(64)
      .optional()
      .describe('A version label or id; default: the version before `to`.'),
    to: z
      .string()
      .max(64)
      .optional()
      .describe('A version label or id; default: the newest version.'),
  })
  .meta({ id: 'KnowledgeDiffQuery', description: 'The version range.' });

/** What changed between two knowledge versions. @public */
export const ppKnowledgeDiffSchema = z
  .object({
    industry: ppKnowledgeIndustrySchema,
    from: ppKnowledgeVersionSchema.nullable(),
    to: ppKnowledgeVersionSchema.nullable(),
    embeddings_added: z.number().int(),
    embeddings_modified: z
      .number()
      .int()
      .describe('Same document and position, different text.'),
    embeddings_removed: z.number().int(),
    embeddings_total_from: z.number().int(),
    embeddings_total_to: z.number().int(),
    change_percent: z
      .number()
      .describe(
        '(added + modified + removed) / embeddings in `from` × 100, one decimal; 100 when `from` is empty.',
      ),
    new_topics: z
      .array(z.object({ label: z.string(), chunks: z.number().int() }))
      .describe('Topics found in `to` and not in `from`.'),
    removed_topics: z.array(
      z.object({ label: z.string(), chunks: z.number().int() }),
    ),
    top_sources: z
      .array(
        z.object({
          source_id: z.string(),
          source_name: z.string(),
          added: z.number().int(),
          modified: z.number().int(),
          removed: z.number().int(),
        }),
      )
      .describe('The sources with the most changes, most first (at most 10).'),
  })
  .meta({
    id: 'KnowledgeDiff',
    description:
      'Embeddings added, modified and removed between two versions, topic changes and top sources.',
  });
/** @public */
export type PpKnowledgeDiff = z.infer<typeof ppKnowledgeDiffSchema>;

/** Body of `POST /pp/v1/industry-knowledge/{industry}/search`. @public */
export const ppKnowledgeSearchSchema = z
  .object({
    query: z.string().trim().min(2).max(1000),
    source_ids: z.array(id).max(50).optional(),
    version: z
      .string()
      .max(64)
      .optional()
      .describe('A version label or id; default the newest.'),
    limit: z.number().int().min(1).max(50).default(10),
    mode: z
      .enum(['hybrid', 'keyword', 'vector'])
      .default('hybrid')
      .describe(
        'hybrid: keyword and vector ranks fused (reciprocal rank fusion).',
      ),
  })
  .meta({
    id: 'KnowledgeSearch',
    description: 'A search of an industry’s knowledge.',
  });
/** @public */
export type PpKnowledgeSearch = z.input<typeof ppKnowledgeSearchSchema>;

/** @public */
export const ppKnowledgeSearchResultSchema = z
  .object({
    industry: ppKnowledgeIndustrySchema,
    version: z.string().nullable(),
    took_ms: z.number(),
    results: z.array(
      z.object({
        chunk_id: z.string(),
        document_id: z.string(),
        title: z.string(),
        url: z.string().nullable(),
        source_id: z.string(),
        source_name: z.string(),
        score: z
          .number()
          .describe('Higher is better; comparable within one answer.'),
        snippet: z
          .string()
          .describe(
            'The chunk’s text around the match (at most ~300 characters).',
          ),
      }),
    ),
  })
  .meta({
    id: 'KnowledgeSearchResult',
    description: 'Matching chunks, best first.',
  });
/** @public */
export type PpKnowledgeSearchResult = z.infer<
  typeof ppKnowledgeSearchResultSchema
>;

// --- Retuning ------------------------------------------------------------------------------

/** @public */
export const PP_RETUNING_STRATEGIES = ['blue_green', 'canary'] as const;
/** @public */
export type PpRetuningStrategy = (typeof PP_RETUNING_STRATEGIES)[number];

/**
 * A retuning's state: validating (Genesis) → rejected (final) | awaiting_approval → declined
 * (admin said no, final) | deploying (the rollout engine) → monitoring (post-deployment checks at
 * 1 h, 24 h, 7 d) → completed | rolled_back. @public
 */
export const PP_RETUNING_STATUSES = [
  'validating',
  'rejected',
  'awaiting_approval',
  'declined',
  'deploying',
  'monitoring',
  'completed',
  'rolled_back',
] as const;
/** @public */
export type PpRetuningStatus = (typeof PP_RETUNING_STATUSES)[number];
/** @public */
export const PP_RETUNING_STATUS_LABELS: Record<PpRetuningStatus, string> = {
  validating: 'Genesis is validating',
  rejected: 'Rejected by Genesis',
  awaiting_approval: 'Waiting for an admin',
  declined: 'Declined by an admin',
  deploying: 'Rolling out',
  monitoring: 'Watched after deployment',
  completed: 'Completed',
  rolled_back: 'Rolled back',
};

/** Body of `POST /pp/v1/agents/{agent_id}/retune`. @public */
export const ppRetuneRequestSchema = z
  .object({
    knowledge_version: z
      .string()
      .min(1)
      .max(64)
      .describe(
        'The knowledge version to retune on: a label (`v2026-12-04`) or id.',
      ),
    industry: ppKnowledgeIndustrySchema
      .optional()
      .describe('Default: the agent’s industry.'),
    reason: z
      .string()
      .trim()
      .min(10)
      .max(2000)
      .describe('Why, e.g. `Improve accuracy on Q4 2024 ad formats`.'),
    strategy: z.enum(PP_RETUNING_STRATEGIES).default('blue_green'),
  })
  .meta({
    id: 'RetuneRequest',
    description:
      'A retuning proposal. Genesis validates it first; a rejection is final. Then an admin approves or declines.',
  });
/** @public */
export type PpRetuneRequest = z.input<typeof ppRetuneRequestSchema>;

/** Body of `POST /pp/v1/agent-retuning/{retuning_id}/approve` (and `/decline`). @public */
export const ppRetuningDecisionSchema = z
  .object({
    reason: z.string().trim().min(3).max(2000),
  })
  .meta({ id: 'RetuningDecision', description: 'The admin’s reason.' });
/** @public */
export type PpRetuningDecision = z.infer<typeof ppRetuningDecisionSchema>;

/** One Genesis check of a retuning. @public */
export const ppRetuningCheckSchema = z.object({
  key: z.enum([
    'bias',
    'harmful_content',
    'constitutional_alignment',
    'duplicates',
    'data_quality',
  ]),
  title: z.string(),
  passed: z.boolean(),
  detail: z.string().describe('A sentence: what was found.'),
});

/** The metrics a rollout gate judged. @public */
export const ppRetuningGateSchema = z.object({
  metric: z.string(),
  title: z.string(),
  outcome: z.enum(['pass', 'fail', 'inconclusive']),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  reason: z.string().optional(),
});

/** A retuning proposal and where it is. @public */
export const ppRetuningSchema = z
  .object({
    id: z.string(),
    agent_id: agentId,
    agent_name: z.string(),
    industry: ppKnowledgeIndustrySchema,
    knowledge_version: z.string().describe('The label it retunes on.'),
    knowledge_version_id: z.string(),
    previous_knowledge_version: z
      .string()
      .nullable()
      .describe('The agent’s knowledge before (null: its first retuning).'),
    reason: z.string(),
    strategy: z.enum(PP_RETUNING_STRATEGIES),
    status: z.enum(PP_RETUNING_STATUSES),
    genesis: z
      .object({
        verdict: z.enum(['pending', 'approved', 'rejected']),
        checks: z.array(ppRetuningCheckSchema),
        reason: z.string().nullable(),
        validator: z.string().describe('`built-in` or the external Genesis.'),
        decided_at: timestamp().nullable(),
      })
      .describe('The Genesis gate. rejected is final.'),
    decision: z
      .object({
        outcome: z.enum(['approved', 'declined']),
        by: z.string(),
        by_name: z.string().nullable(),
        reason: z.string(),
        at: timestamp(),
      })
      .nullable(),
    rollout: z
      .object({
        phase: z.string(),
        phase_title: z.string(),
        traffic_percent: z.number(),
        gates: z.array(ppRetuningGateSchema),
        rollback_reason: z.string().nullable(),
        standby_until: timestamp().nullable(),
        history: z.array(
          z.object({
            at: timestamp(),
            from: z.string(),
            to: z.string(),
            note: z.string().optional(),
          }),
        ),
      })
      .nullable(),
    post_checks: z
      .array(
        z.object({
          after: z.enum(['1h', '24h', '7d']),
          due_at: timestamp(),
          checked_at: timestamp().nullable(),
          outcome: z.enum(['pending', 'pass', 'fail', 'inconclusive']),
          gates: z.array(ppRetuningGateSchema),
        }),
      )
      .describe('The post-deployment checks at 1 h, 24 h and 7 days.'),
    rollbacks: z
      .array(z.object({ at: timestamp(), reason: z.string() }))
      .describe(
        'Rollbacks of this retuning (automatic or by the rollout engine).',
      ),
    created_by: z.string(),
    created_by_name: z.string().nullable(),
    created_at: timestamp(),
    updated_at: timestamp(),
    version: z
      .number()
      .int()
      .describe('Changes on every write (for If-Match).'),
  })
  .meta({
    id: 'Retuning',
    description: 'A retuning proposal and its progress.',
  });
/** @public */
export type PpRetuning = z.infer<typeof ppRetuningSchema>;

/** Query of `GET /pp/v1/agent-retuning`. @public */
export const ppRetuningQuerySchema = z
  .object({
    agent_id: agentId.optional(),
    status: z.enum(PP_RETUNING_STATUSES).optional(),
    industry: ppKnowledgeIndustrySchema.optional(),
    limit: intFromQuery(1, 200).describe("1-200, the server's default is 50."),
    offset: intFromQuery(0, 10_000_000),
  })
  .meta({
    id: 'RetuningQuery',
    description: 'Filters and paging of the retuning proposals.',
  });

/** @public */
export const ppRetuningPageSchema = ppPageSchema(ppRetuningSchema).meta({
  id: 'RetuningPage',
  description: 'Retuning proposals, newest first.',
});
/** @public */
export type PpRetuningPage = z.infer<typeof ppRetuningPageSchema>;

/** `GET /pp/v1/agents/{agent_id}/knowledge`: the knowledge an agent runs on. @public */
export const ppAgentKnowledgeSchema = z
  .object({
    agent_id: agentId,
    industry: ppKnowledgeIndustrySchema.nullable(),
    knowledge_version: z
      .string()
      .nullable()
      .describe(
        'The version of its last completed retuning; null if never retuned.',
      ),
    retuned_at: timestamp().nullable(),
    latest_version: z
      .string()
      .nullable()
      .describe(
        'The industry’s newest version: newer than knowledge_version means retuning would bring new knowledge.',
      ),
    active_retuning: ppRetuningSchema.nullable(),
    history: z
      .array(ppRetuningSchema)
      .describe('Its last 20 retunings, newest first.'),
  })
  .meta({
    id: 'AgentKnowledge',
    description: 'The knowledge an agent runs on.',
  });
/** @public */
export type PpAgentKnowledge = z.infer<typeof ppAgentKnowledgeSchema>;

/** Body of `POST /pp/v1/agent-retuning/{retuning_id}/evaluations` (the agent's evaluation service). @public */
export const ppRetuningEvaluationSchema = z
  .object({
    side: z
      .enum(['blue', 'green'])
      .describe(
        'blue: the version running before the retuning; green: the retuned one.',
      ),
    accuracy: z
      .number()
      .min(0)
      .max(1)
      .describe('Share of the evaluation set answered correctly, 0–1.'),
    samples: z.number().int().min(1).max(1_000_000),
    evaluated_at: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({
    id: 'RetuningEvaluation',
    description:
      'An accuracy figure of the blue or green side, from the agent’s evaluation set. A green accuracy more than 5 % below blue’s rolls the retuning back.',
  });
/** @public */
export type PpRetuningEvaluation = z.infer<typeof ppRetuningEvaluationSchema>;

/** Answer (202) of an evaluation report. @public */
export const ppRetuningEvaluationAcceptedSchema = z
  .object({ accepted: z.literal(true), retuning_id: z.string() })
  .meta({
    id: 'RetuningEvaluationAccepted',
    description: 'The figure was recorded.',
  });

/**
 * Body of `POST /pp/v1/agent-retuning/webhooks/genesis`: the external Genesis's verdict on a
 * retuning waiting in `validating` (signed with `pp.knowledge.retuning.genesis.webhookSecret`).
 * @public
 */
export const ppRetuningGenesisWebhookSchema = z
  .strictObject({
    retuning_id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a retuning id'),
    verdict: z.enum(['approved', 'rejected']),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .describe('Why it was rejected (a rejection needs one).'),
    checks: z
      .array(ppRetuningCheckSchema.strict())
      .max(20)
      .optional()
      .describe(
        'Genesis’s own checks; absent: the built-in validator’s findings PP sent stay on the retuning.',
      ),
  })
  .refine(v => v.verdict === 'approved' || Boolean(v.reason), {
    message: 'a rejection needs a reason',
    path: ['reason'],
  })
  .meta({
    id: 'RetuningGenesisWebhook',
    description:
      'The external Genesis’s verdict on a retuning: approved → awaiting an admin, rejected → final.',
  });
/** @public */
export type PpRetuningGenesisWebhook = z.infer<
  typeof ppRetuningGenesisWebhookSchema
>;

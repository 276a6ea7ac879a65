import {
  ppKnowledgeConnectionTestSchema,
  ppKnowledgeDiffSchema,
  ppKnowledgeRunPageSchema,
  ppKnowledgeRunSchema,
  ppKnowledgeSearchResultSchema,
  ppKnowledgeSourceCreatedSchema,
  ppKnowledgeSourcePageSchema,
  ppKnowledgeSourceSchema,
  ppKnowledgeVersionPageSchema,
} from '@internal/plugin-pp-common';
import {
  PP_DELIVERY_HEADER,
  PP_SIGNATURE_HEADER,
  PP_TIMESTAMP_HEADER,
  PpAuditEntry,
  PpGuard,
  PpWebhookDeliveries,
  createPpApiRouter,
  ppAuditErrors,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
import {
  knowledgeWebhookBodySchema,
  knowledgeWebhookHandler,
} from '../ingest/webhook';
import { KnowledgeApi } from './knowledgeApi';
import { KnowledgeCommands } from './KnowledgeCommands';

/** HTTP of the knowledge block of the contract and its extras (retuning aside), relative to /pp/v1. */
export function createRouter(options: {
  api: KnowledgeApi;
  commands: KnowledgeCommands;
  guard: PpGuard;
  deliveries: PpWebhookDeliveries;
  audit?: (entry: PpAuditEntry) => Promise<void>;
  now?: () => Date;
}) {
  const { api, guard, commands } = options;
  const routes = createPpApiRouter({
    pluginId: 'pp-knowledge',
    title: 'Industry knowledge',
    guard,
  });

  routes.post('/industry-knowledge/sources', {
    command: api.createSource,
    summary: 'Add a knowledge source to an industry',
    description:
      'api (HTTP JSON with a JSON path) and rss sources need connection.url and are fetched on their schedule (hourly, daily or weekly at `time` in `time_zone`, default 02:00 Asia/Kolkata); webhook sources receive signed posts (the signing secret is in this answer, once); upload sources take files. bearer, basic and api_key_header need a credential, stored encrypted (or `secret:NAME`, read from the backend’s environment) and never returned. 409 when the industry has a source of that name.',
    status: 201,
    response: ppKnowledgeSourceCreatedSchema,
    errors: [409],
  });
  routes.get('/industry-knowledge/sources', {
    command: api.listSources,
    summary: 'Knowledge sources, filtered, sorted and paged',
    description:
      'Filters industry, status (active, failing, paused) and type; sort name (default), last_run_at, next_run_at, record_count or status; order asc or desc. A versioned read: an unchanged list answers 304 to If-None-Match.',
    response: ppKnowledgeSourcePageSchema,
    maxAgeSeconds: 10,
  });
  routes.post('/industry-knowledge/sources/test-connection', {
    command: api.testConnection,
    summary: 'Test a source’s connection before saving it (nothing is stored)',
    description:
      'A real fetch of an api or rss source with a timeout of a few seconds: ok, a sentence saying what was read or what went wrong, the HTTP status, the duration and up to three records as they would be stored. Private and loopback addresses are refused unless pp.knowledge.fetch.allowPrivateNetworks.',
    response: ppKnowledgeConnectionTestSchema,
  });
  routes.get('/industry-knowledge/sources/{source_id}', {
    command: api.getSource,
    summary: 'A knowledge source (never its credential)',
    response: ppKnowledgeSourceSchema,
    maxAgeSeconds: 10,
  });
  routes.put('/industry-knowledge/sources/{source_id}', {
    command: api.updateSource,
    summary: 'Change or pause a knowledge source',
    description:
      'What is left out is kept (a credential too). paused true stops its scheduled runs; false schedules it again.',
    response: ppKnowledgeSourceSchema,
    errors: [409],
  });
  routes.post('/industry-knowledge/sources/{source_id}/run', {
    command: api.runSource,
    summary: 'Fetch an api or rss source now',
    description:
      'Runs the ingestion (fetch, normalise, chunk, embed, store) and answers the run record, failed or succeeded; a run that changed the knowledge made a version (its label in `version`).',
    response: ppKnowledgeRunSchema,
  });
  routes.get('/industry-knowledge/sources/{source_id}/runs', {
    command: api.listRuns,
    summary: 'A source’s ingestion runs, newest first (with their logs)',
    response: ppKnowledgeRunPageSchema,
    maxAgeSeconds: 10,
  });
  routes.post('/industry-knowledge/sources/{source_id}/upload', {
    command: api.upload,
    summary: 'Upload a file to an upload source (text, Markdown, PDF or CSV)',
    description:
      'The file in base64 (at most 5 MiB decoded) is ingested at once; the answer is the run record. A file uploaded again under the same name replaces the documents of its earlier upload; other files stay.',
    response: ppKnowledgeRunSchema,
  });
  routes.post('/industry-knowledge/webhooks/{source_id}', {
    access: 'signed',
    summary: 'Records posted to a webhook source (signed webhook)',
    description:
      'Signed with the secret shown when the source was added (HMAC-SHA256 of "<timestamp>.<raw body>", PP’s signed-webhook scheme; a replay is refused). The signature is checked before anything else is read; an unknown source answers 401 like a bad signature. The records are added or changed (a delivery removes nothing); the answer is the run record.',
    headers: {
      [PP_TIMESTAMP_HEADER]: z
        .string()
        .describe('Unix seconds when the request was signed; within 300 s'),
      [PP_SIGNATURE_HEADER]: z
        .string()
        .describe(
          '`sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` with the source’s secret',
        ),
      [PP_DELIVERY_HEADER]: z
        .string()
        .describe('The delivery’s id (optional): accepted once')
        .optional(),
    },
    body: knowledgeWebhookBodySchema,
    status: 200,
    response: ppKnowledgeRunSchema,
    handler: async (req, res, next) => {
      const found = await commands
        .webhookSecret(String(req.params.source_id ?? ''))
        .catch(() => undefined);
      await knowledgeWebhookHandler({
        sourceId: found?.source.id ?? 'unknown',
        secret: found?.secret,
        deliveries: options.deliveries,
        audit: options.audit,
        now: options.now,
        handle: records => commands.webhookIngest(found!.source, records),
      })(req, res, next);
    },
  });
  routes.get('/industry-knowledge/{industry}/versions', {
    command: api.listVersions,
    summary: 'An industry’s knowledge versions, newest first',
    response: ppKnowledgeVersionPageSchema,
    maxAgeSeconds: 10,
  });
  routes.get('/industry-knowledge/{industry}/diff', {
    command: api.diff,
    summary: 'What changed between two knowledge versions of an industry',
    description:
      'Embeddings added, modified (same document and position, new text) and removed, the totals and the change in %, new and removed topics, and the sources with most changes. Defaults: to = the newest version, from = the one before it.',
    response: ppKnowledgeDiffSchema,
    maxAgeSeconds: 10,
  });
  routes.post('/industry-knowledge/{industry}/search', {
    command: api.search,
    summary: 'Search an industry’s knowledge (hybrid keyword + vector)',
    description:
      'hybrid (default) fuses the keyword (BM25) and vector rankings by reciprocal rank fusion; keyword or vector alone on request. Filters source_ids and version (a label or id; default the newest).',
    response: ppKnowledgeSearchResultSchema,
  });
  return routes;
}

/** Ends the router (after the retuning routes, when they are mounted). */
export function finishRouter(
  routes: ReturnType<typeof createRouter>,
  guard: PpGuard,
) {
  routes.router.use(ppAuditErrors(guard));
}

import { ppHealthQueuesResponseSchema } from '@internal/plugin-pp-common';
import {
  PpApiRouter,
  PpGuard,
  createPpApiRouter,
} from '@internal/plugin-pp-node';
import express from 'express';
import { QueuesApi } from './queuesApi';

/** `GET /health/queues`: the latest snapshot per queue system (ETag, Cache-Control). */
export function createQueuesRouter(opts: {
  guard: PpGuard;
  api: QueuesApi;
  maxAgeSeconds: number;
  /** The plugin's documented router (a new one when omitted). */
  routes?: PpApiRouter;
}): express.Router {
  const routes =
    opts.routes ??
    createPpApiRouter({ pluginId: 'pp-health', guard: opts.guard });
  routes.get('/health/queues', {
    command: opts.api.queues,
    summary: 'Queue depths and consumers per queue system',
    description:
      'The latest snapshot of each configured queue system (RabbitMQ, Celery, Temporal); a system that could not be read says so and keeps its queues unknown.',
    response: ppHealthQueuesResponseSchema,
    etag: true,
    maxAgeSeconds: opts.maxAgeSeconds,
  });
  return routes.router;
}

import { PpGuard, ppRoute } from '@internal/plugin-pp-node';
import express from 'express';
import Router from 'express-promise-router';
import { QueuesApi } from './queuesApi';
import { cachedFor } from '../service/http';

/** `GET /health/queues`: the latest snapshot per queue system (ETag, Cache-Control). */
export function createQueuesRouter(opts: {
  guard: PpGuard;
  api: QueuesApi;
  maxAgeSeconds: number;
}): express.Router {
  const router = Router();
  router.get(
    '/health/queues',
    ppRoute(opts.guard, opts.api.queues, {
      input: () => ({}),
      send: cachedFor(opts.maxAgeSeconds),
    }),
  );
  return router;
}

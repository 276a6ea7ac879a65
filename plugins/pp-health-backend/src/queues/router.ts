import {
  PpHealthQueuesResponse,
  ppHealthReadPermission,
} from '@internal/plugin-pp-common';
import { PpGuard, sendCachedJson } from '@internal/plugin-pp-node';
import express from 'express';
import Router from 'express-promise-router';
import { QueueCollectors } from './types';

/** `GET /health/queues`: the latest snapshot per queue system (ETag, Cache-Control). */
export function createQueuesRouter(opts: {
  guard: PpGuard;
  collectors: QueueCollectors;
  maxAgeSeconds: number;
}): express.Router {
  const router = Router();
  router.get('/health/queues', async (req, res) => {
    await opts.guard.authorize(req, ppHealthReadPermission, res);
    const body: PpHealthQueuesResponse = {
      systems: await opts.collectors.latest(),
    };
    sendCachedJson(req, res, body, { maxAgeSeconds: opts.maxAgeSeconds });
  });
  return router;
}

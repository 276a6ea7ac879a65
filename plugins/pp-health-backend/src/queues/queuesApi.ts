import {
  PpHealthQueuesResponse,
  ppHealthReadPermission,
} from '@internal/plugin-pp-common';
import { ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { QueueCollectors } from './types';

/** The latest queue figures, for `GET /health/queues`. */
export function queuesApi(collectors: QueueCollectors) {
  return {
    queues: ppCommand({
      name: 'pp.health.queues',
      permission: ppHealthReadPermission,
      input: z.object({}),
      run: async (): Promise<PpHealthQueuesResponse> => ({
        systems: await collectors.latest(),
      }),
    }),
  };
}

export type QueuesApi = ReturnType<typeof queuesApi>;

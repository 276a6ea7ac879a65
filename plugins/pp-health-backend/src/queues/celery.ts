import { Config } from '@backstage/config';
import Redis from 'ioredis';
import { QueueSystemCollector } from './types';

/**
 * Celery with a Redis broker (`pp.health.queues.celery`): a Celery queue is a Redis list named after
 * the queue, so its depth (tasks waiting for a worker) is `LLEN <queue>`. A queue that does not
 * exist as a key is empty (Redis drops empty lists), so it reads 0.
 */
export function celeryCollector(config: Config): QueueSystemCollector {
  const redisUrl = config.getString('redisUrl');
  const queues = config.getOptionalStringArray('queues') ?? ['celery'];
  const timeoutMs = config.getOptionalNumber('timeoutMs') ?? 5_000;
  return {
    system: 'celery',
    async collect() {
      const redis = new Redis(redisUrl, {
        lazyConnect: true,
        connectTimeout: timeoutMs,
        commandTimeout: timeoutMs,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      });
      redis.on('error', () => {}); // reported through the calls below
      try {
        await redis.connect();
        const pipeline = redis.pipeline();
        for (const q of queues) pipeline.llen(q);
        const answers = (await pipeline.exec()) ?? [];
        const result = { queues: [] as any[], errors: [] as string[] };
        answers.forEach(([error, value], i) => {
          if (error) result.errors.push(`${queues[i]}: ${error.message}`);
          else result.queues.push({ name: queues[i], depth: Number(value) });
        });
        return result;
      } finally {
        redis.disconnect();
      }
    },
  };
}

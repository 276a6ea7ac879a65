import { Config } from '@backstage/config';
import amqp from 'amqplib';
import { PpQueueMetric } from '@internal/plugin-pp-common';
import { QueueCollection, QueueSystemCollector } from './types';

/**
 * RabbitMQ (`pp.health.queues.rabbitmq`): for each configured queue, the messages ready (depth) and
 * consumers. Through AMQP `queue.declare passive` (amqplib `checkQueue`) on `url`, or through the
 * management HTTP API when `managementUrl` is given (then `vhost`, default `/`).
 */
export function rabbitMqCollector(config: Config): QueueSystemCollector {
  const url = config.getOptionalString('url');
  const managementUrl = config.getOptionalString('managementUrl');
  const vhost = config.getOptionalString('vhost') ?? '/';
  const queues = config.getStringArray('queues');
  const timeoutMs = config.getOptionalNumber('timeoutMs') ?? 5_000;
  if (!url && !managementUrl) {
    throw new Error('pp.health.queues.rabbitmq needs url or managementUrl');
  }

  async function viaAmqp(): Promise<QueueCollection> {
    const connection = await amqp.connect(url!, { timeout: timeoutMs });
    connection.on('error', () => {}); // reported through the calls below
    const result: QueueCollection = { queues: [], errors: [] };
    try {
      for (const name of queues) {
        // a failed passive declare closes the channel, so one channel per queue
        const channel = await connection.createChannel();
        channel.on('error', () => {});
        try {
          const q = await channel.checkQueue(name);
          result.queues.push({
            name,
            depth: q.messageCount,
            consumers: q.consumerCount,
          });
        } catch (error) {
          result.errors.push(`${name}: ${(error as Error).message}`);
        } finally {
          await channel.close().catch(() => {});
        }
      }
    } finally {
      await connection.close().catch(() => {});
    }
    return result;
  }

  async function viaManagement(): Promise<QueueCollection> {
    const base = new URL(managementUrl!);
    const auth =
      base.username || base.password
        ? `Basic ${Buffer.from(
            `${decodeURIComponent(base.username)}:${decodeURIComponent(
              base.password,
            )}`,
          ).toString('base64')}`
        : undefined;
    base.username = '';
    base.password = '';
    const result: QueueCollection = { queues: [], errors: [] };
    for (const name of queues) {
      const target = new URL(
        `api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(name)}`,
        base.toString().endsWith('/') ? base : `${base}/`,
      );
      const res = await fetch(target, {
        headers: auth ? { authorization: auth } : {},
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.status === 404) {
        result.errors.push(`${name}: no such queue in vhost ${vhost}`);
        continue;
      }
      if (!res.ok) {
        throw new Error(`RabbitMQ management API answered HTTP ${res.status}`);
      }
      const body = (await res.json()) as {
        messages_ready?: number;
        messages?: number;
        consumers?: number;
      };
      // A queue the broker has not collected statistics for yet has no message counts: that is
      // an unknown depth, reported as such, never a made-up 0.
      const depth = body.messages_ready ?? body.messages;
      if (typeof depth !== 'number') {
        result.errors.push(
          `${name}: the management API reports no message counts yet (statistics not collected)`,
        );
        continue;
      }
      const metric: PpQueueMetric = {
        name,
        depth,
        consumers: body.consumers ?? null,
      };
      result.queues.push(metric);
    }
    return result;
  }

  return {
    system: 'rabbitmq',
    collect: managementUrl ? viaManagement : viaAmqp,
  };
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  PP_QUEUE_SYSTEMS,
  PpQueueMetric,
  PpQueueSystem,
  PpQueueSystemStatus,
} from '@internal/plugin-pp-common';
import { toIso } from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { celeryCollector } from './celery';
import { rabbitMqCollector } from './rabbitmq';
import { TemporalConnect, temporalCollector } from './temporal';
import { QueueCollectors, QueueSystemCollector } from './types';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The collectors configured under `pp.health.queues.<system>`; a system without configuration is
 * `not_configured` (no figures, never a made-up zero). A broken configuration of one system makes
 * that system `error` rather than failing the plugin.
 */
export class DatabaseQueueCollectors implements QueueCollectors {
  private readonly collectors = new Map<PpQueueSystem, QueueSystemCollector>();
  private readonly configErrors = new Map<PpQueueSystem, string>();

  constructor(
    private readonly opts: {
      config: Config;
      logger: LoggerService;
      db: Knex;
      now?: () => Date;
      temporalConnect?: TemporalConnect;
      /** Replace a system's collector (tests). */
      collectors?: Partial<Record<PpQueueSystem, QueueSystemCollector>>;
    },
  ) {
    const factories: Record<
      PpQueueSystem,
      (c: Config) => QueueSystemCollector
    > = {
      rabbitmq: rabbitMqCollector,
      celery: celeryCollector,
      temporal: c => temporalCollector(c, opts.temporalConnect),
    };
    for (const system of PP_QUEUE_SYSTEMS) {
      const given = opts.collectors?.[system];
      if (given) {
        this.collectors.set(system, given);
        continue;
      }
      const section = opts.config.getOptionalConfig(
        `pp.health.queues.${system}`,
      );
      if (!section) continue;
      try {
        this.collectors.set(system, factories[system](section));
      } catch (error) {
        this.configErrors.set(
          system,
          `Invalid pp.health.queues.${system}: ${(error as Error).message}`,
        );
      }
    }
  }

  private now() {
    return this.opts.now?.() ?? new Date();
  }

  async collectAndStore(now = this.now()): Promise<PpQueueSystemStatus[]> {
    const rows: Record<string, unknown>[] = [];
    const statuses: PpQueueSystemStatus[] = [];
    await Promise.all(
      PP_QUEUE_SYSTEMS.map(async system => {
        const configError = this.configErrors.get(system);
        const collector = this.collectors.get(system);
        if (!collector && !configError) return;
        let status: PpQueueSystemStatus;
        try {
          if (configError) throw new Error(configError);
          const { queues, errors } = await collector!.collect();
          status = {
            system,
            status: errors.length ? 'error' : 'ok',
            message: errors.length ? errors.join('; ') : null,
            queues,
            collected_at: now.toISOString(),
          };
        } catch (error) {
          const message = (error as Error).message || String(error);
          this.opts.logger.warn(
            `Queue metrics of ${system} failed: ${message}`,
          );
          status = {
            system,
            status: 'error',
            message,
            queues: [],
            collected_at: now.toISOString(),
          };
        }
        statuses.push(status);
        for (const q of status.queues) {
          rows.push({
            system,
            queue_name: q.name,
            pending_count: q.depth,
            running_count: q.running ?? null,
            consumer_count: q.consumers ?? null,
            status: 'ok',
            message: null,
            checked_at: now,
          });
        }
        if (status.status === 'error') {
          rows.push({
            system,
            queue_name: '',
            pending_count: null,
            running_count: null,
            consumer_count: null,
            status: 'error',
            message: (status.message ?? '').slice(0, 2000),
            checked_at: now,
          });
        }
      }),
    );
    if (rows.length) {
      await this.opts.db.transaction(tx => tx('pp_queue_metrics').insert(rows));
    }
    return this.withUnconfigured(statuses);
  }

  private withUnconfigured(
    found: PpQueueSystemStatus[],
  ): PpQueueSystemStatus[] {
    return PP_QUEUE_SYSTEMS.map(
      system =>
        found.find(s => s.system === system) ?? {
          system,
          status: 'not_configured',
          message: `Not configured: set pp.health.queues.${system} in app-config to collect ${system} queue metrics`,
          queues: [],
          collected_at: null,
        },
    );
  }

  async latest(): Promise<PpQueueSystemStatus[]> {
    const configured = PP_QUEUE_SYSTEMS.filter(
      s => this.collectors.has(s) || this.configErrors.has(s),
    );
    if (!configured.length) return this.withUnconfigured([]);
    const db = this.opts.db;
    const rows = await db('pp_queue_metrics as m')
      .join(
        db('pp_queue_metrics')
          .select('system')
          .max({ at: 'checked_at' })
          .whereIn('system', configured)
          .groupBy('system')
          .as('l'),
        join => join.on('m.system', 'l.system').andOn('m.checked_at', 'l.at'),
      )
      .select('m.*')
      .orderBy([
        { column: 'm.system' },
        { column: 'm.queue_name' },
        { column: 'm.id' },
      ]);
    if (!rows.length) {
      // nothing collected yet (first start): collect now rather than answer with nothing
      return this.collectAndStore();
    }
    const statuses: PpQueueSystemStatus[] = [];
    for (const system of configured) {
      const mine = rows.filter(r => r.system === system);
      if (!mine.length) continue;
      const error = mine.find(r => r.status === 'error');
      const queues: PpQueueMetric[] = mine
        .filter(r => r.status === 'ok')
        .map(r => {
          const metric: PpQueueMetric = {
            name: r.queue_name,
            depth: Number(r.pending_count ?? 0),
          };
          if (system === 'rabbitmq') metric.consumers = num(r.consumer_count);
          if (system === 'temporal') {
            metric.pending = num(r.pending_count);
            metric.running = num(r.running_count);
          }
          return metric;
        });
      statuses.push({
        system,
        status: error ? 'error' : 'ok',
        message: error ? error.message : null,
        queues,
        collected_at: toIso(mine[0].checked_at),
      });
    }
    return this.withUnconfigured(statuses);
  }

  async prune(before: Date): Promise<number> {
    return this.opts
      .db('pp_queue_metrics')
      .where('checked_at', '<', before)
      .delete();
  }
}

import {
  PpQueueMetric,
  PpQueueSystem,
  PpQueueSystemStatus,
} from '@internal/plugin-pp-common';

/** Reads one queue system. Throws on a failure of the whole system. */
export interface QueueSystemCollector {
  system: PpQueueSystem;
  collect(): Promise<QueueCollection>;
}

export interface QueueCollection {
  queues: PpQueueMetric[];
  /** Failures of single queues (the others were read). */
  errors: string[];
}

export interface QueueCollectors {
  /** Reads every configured system and stores a snapshot in pp_queue_metrics. */
  collectAndStore(now?: Date): Promise<PpQueueSystemStatus[]>;
  /** The latest stored snapshot per system (not configured systems say so). */
  latest(): Promise<PpQueueSystemStatus[]>;
  /** Deletes snapshots older than `before`; returns how many rows. */
  prune(before: Date): Promise<number>;
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PpReportedCondition } from '@internal/plugin-pp-common';
import { PpPluginFetchDeps, ppPluginFetch } from '@internal/plugin-pp-node';

/**
 * Where a source's consecutive failed runs go (spec Stage 8: "Receive alerts if scraping fails 3
 * consecutive times"): the health plugin's `ingestion_failing` rule. The figure is reported after
 * every run — failures in a row, 0 after a success — and the health plugin's alert evaluation
 * judges the latest one against the rule's threshold (default 3, editable with the other alert
 * thresholds), so the alert shows in the health alert list, is silenced, notified, acknowledged and
 * resolved like any other. A report is idempotent (the figure now, not an event): one lost to an
 * outage is made good by the next run's report, and `report` never throws.
 */
export interface IngestionAlertReporter {
  /** true when the health plugin accepted the figure */
  report(input: {
    sourceId: string;
    consecutiveFailures: number;
    message: string;
  }): Promise<boolean>;
}

/** The health plugin over HTTP with this plugin's own service credentials (the `plugin` role). */
export class HttpIngestionAlertReporter implements IngestionAlertReporter {
  constructor(
    private readonly deps: PpPluginFetchDeps & { logger: LoggerService },
  ) {}

  async report(input: {
    sourceId: string;
    consecutiveFailures: number;
    message: string;
  }): Promise<boolean> {
    const body: PpReportedCondition = {
      alert_type: 'ingestion_failing',
      subject: input.sourceId,
      value: input.consecutiveFailures,
      message: input.message.slice(0, 1000),
    };
    try {
      const res = await ppPluginFetch(
        this.deps,
        'pp-health',
        '/health/reported-conditions',
        { method: 'POST', body },
      );
      if (res.status === 202) return true;
      this.deps.logger.warn(
        `Knowledge source ${input.sourceId}: the health plugin did not take its failed-run figure (${res.status}); the next run reports it again`,
      );
      return false;
    } catch (e) {
      this.deps.logger.warn(
        `Knowledge source ${input.sourceId}: the health plugin could not be told its failed-run figure (${e}); the next run reports it again`,
      );
      return false;
    }
  }
}

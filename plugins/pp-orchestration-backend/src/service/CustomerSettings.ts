import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  PpAgentCustomerSettings,
  ppAgentCustomerSettingsSchema,
} from '@internal/plugin-pp-common';
import {
  PpPluginFetchDeps,
  ppAnswerSentence,
  ppPluginFetch,
} from '@internal/plugin-pp-node';

export type CustomerSettingsResult =
  | { ok: true; settings: PpAgentCustomerSettings }
  | { ok: false; message: string };

/** The customers' readiness settings of an agent (working hours, approval threshold, …). */
export interface CustomerSettingsReader {
  forAgent(agentId: string): Promise<CustomerSettingsResult>;
}

/**
 * The subscriptions plugin over HTTP (`GET /subscriptions/agents/{agent_id}/customer-settings`),
 * which reads them from the Customer Portal through its CP port: never its tables. Any failure
 * is a sentence saying why the settings are not shown; the readiness page still answers.
 */
export class HttpCustomerSettings implements CustomerSettingsReader {
  constructor(
    private readonly deps: PpPluginFetchDeps & { logger?: LoggerService },
  ) {}

  async forAgent(agentId: string): Promise<CustomerSettingsResult> {
    try {
      const res = await ppPluginFetch(
        this.deps,
        'pp-subscriptions',
        `/subscriptions/agents/${encodeURIComponent(
          agentId,
        )}/customer-settings`,
      );
      if (!res.ok) {
        const why = await ppAnswerSentence(res);
        this.deps.logger?.warn(
          `Customer settings of ${agentId}: the subscriptions plugin ${why}`,
        );
        return {
          ok: false,
          message:
            res.status === 404
              ? 'The subscriptions plugin is not installed, so the customers’ settings cannot be read.'
              : `The Customer Portal’s settings could not be read: ${why}.`,
        };
      }
      const parsed = ppAgentCustomerSettingsSchema.safeParse(await res.json());
      if (!parsed.success) {
        return {
          ok: false,
          message:
            'The subscriptions plugin answered settings PP does not understand.',
        };
      }
      return { ok: true, settings: parsed.data };
    } catch (error) {
      this.deps.logger?.warn(
        `Customer settings of ${agentId} could not be read: ${error}`,
      );
      return {
        ok: false,
        message:
          'The subscriptions plugin could not be reached, so the customers’ settings are not shown.',
      };
    }
  }
}

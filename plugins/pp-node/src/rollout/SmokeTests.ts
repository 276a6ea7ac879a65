import type { RolloutObservation } from './rollout';
import type { RolloutHealth } from './RolloutHealth';

/** @public */
export type SmokeResult = NonNullable<RolloutObservation['smoke']>;

/**
 * The smoke tests of a green version: with `urls` (config
 * `pp.orchestration.deployment.smokeTestUrls` or `pp.knowledge.retuning.deployment.smokeTestUrls`, `{agent_id}` and `{version}` filled in), an HTTP GET
 * of each (taken in turn until `requests` were sent: retunings send 10), passed on a 2xx answer
 * within the timeout; without, the health plugin's active checks of
 * the agent made since green was ready: the newest decides (up passes). No check yet: no result
 * (the engine waits, and rolls back after its smoke timeout).
 *
 * @public
 */
export class SmokeTests {
  constructor(
    private readonly deps: {
      urls: readonly string[];
      /**
       * How many requests at least: the URLs are taken in turn until that many were sent
       * (retunings: the spec's 10 test requests). Default: each URL once.
       */
      requests?: number;
      health: RolloutHealth;
      fetch?: typeof fetch;
      timeoutMs?: number;
    },
  ) {}

  async run(
    agentId: string,
    serviceId: string,
    version: string,
    since: Date,
  ): Promise<SmokeResult | undefined> {
    const { urls } = this.deps;
    if (urls.length) {
      const failures: string[] = [];
      const total = Math.max(urls.length, this.deps.requests ?? 0);
      for (let i = 0; i < total; i++) {
        const url = urls[i % urls.length]
          .replaceAll('{agent_id}', encodeURIComponent(agentId))
          .replaceAll('{version}', encodeURIComponent(version));
        try {
          const res = await (this.deps.fetch ?? fetch)(url, {
            signal: AbortSignal.timeout(this.deps.timeoutMs ?? 10_000),
          });
          await res.body?.cancel();
          if (!res.ok) failures.push(`GET ${url} answered ${res.status}`);
        } catch (error) {
          failures.push(`GET ${url} failed: ${(error as Error).message}`);
        }
      }
      return {
        passed: total - failures.length,
        failed: failures.length,
        failures,
      };
    }
    const [newest] = await this.deps.health.checksSince(serviceId, since);
    if (!newest) return undefined;
    return newest.up
      ? { passed: 1, failed: 0 }
      : {
          passed: 0,
          failed: 1,
          failures: [
            `the health check of ${serviceId} failed${
              newest.error ? `: ${newest.error}` : ''
            }`,
          ],
        };
  }
}

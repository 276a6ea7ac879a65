import type { Knex } from 'knex';
import { toIso } from '../database/util';
import type {
  DeploymentTarget,
  DeploymentTargetStatus,
} from './deploymentTarget';

/**
 * DEMO deployment target (kind `demo`), the embedded default's stand-in for a real one such as
 * Argo Rollouts: no workload is started and no traffic moves. It keeps what a real target would
 * report in a table of the plugin that runs the rollouts (`pp_demo_deployments` by default; columns
 * ref, green_version, green_ready_at, weight, stable_version, aborted, updated_at: see
 * orchestration's `20261222100000_agent_rollouts.js`), so a restart loses nothing and acts like one: `deploy` starts
 * a green side that is ready `readyAfterMs` later at 0 %, `setWeight` routes the share,
 * `promote` puts 100 % on green (the new stable version, blue kept), `abort` sends everything back
 * to blue. Its status message says it is the demo target. Production configuration names
 * `argo-rollouts` (`pp.orchestration.deployment.target`, `pp.knowledge.retuning.deployment.target`).
 *
 * @public
 */
export class DemoDeploymentTarget implements DeploymentTarget {
  readonly kind = 'demo';

  constructor(
    private readonly options: {
      db: Knex;
      /** how long the demo's green side takes to be ready (default 5 s) */
      readyAfterMs?: number;
      now?: () => Date;
      /** the table of the demo deployments (default `pp_demo_deployments`) */
      table?: string;
    },
  ) {}

  private get table() {
    return this.options.table ?? 'pp_demo_deployments';
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private async row(ref: string) {
    return this.options.db(this.table).where({ ref }).first();
  }

  private async save(ref: string, change: Record<string, unknown>) {
    const db = this.options.db;
    const values = { ...change, updated_at: this.now() };
    const n = await db(this.table).where({ ref }).update(values);
    if (n === 0) {
      await db(this.table).insert({ ref, weight: 0, ...values });
    }
  }

  private async deployed(ref: string) {
    const row = await this.row(ref);
    if (!row?.green_version) {
      throw new Error(`Demo deployment ${ref} has no green version deployed`);
    }
    return row;
  }

  async deploy(ref: string, version: string): Promise<void> {
    await this.save(ref, {
      green_version: version,
      green_ready_at: new Date(
        this.now().getTime() + (this.options.readyAfterMs ?? 5_000),
      ),
      weight: 0,
      aborted: false,
    });
  }

  async setWeight(ref: string, weight: number): Promise<void> {
    await this.deployed(ref);
    await this.save(ref, { weight: Math.max(0, Math.min(100, weight)) });
  }

  async promote(ref: string): Promise<void> {
    const row = await this.deployed(ref);
    await this.save(ref, { weight: 100, stable_version: row.green_version });
  }

  async abort(ref: string): Promise<void> {
    await this.save(ref, { weight: 0, aborted: true });
  }

  async status(ref: string): Promise<DeploymentTargetStatus> {
    const row = await this.row(ref);
    const message = 'Demo deployment target: no real workload or traffic';
    if (!row?.green_version) {
      return {
        green_version: null,
        green_ready: false,
        weight: 0,
        phase: 'healthy',
        message,
      };
    }
    const readyAt = toIso(row.green_ready_at);
    const ready = !!readyAt && Date.parse(readyAt) <= this.now().getTime();
    const weight = Number(row.weight);
    let phase: DeploymentTargetStatus['phase'];
    if (row.aborted) phase = 'aborted';
    else if (!ready) phase = 'progressing';
    else if (weight === 100 && row.stable_version === row.green_version) {
      phase = 'healthy';
    } else phase = 'paused';
    return {
      green_version: String(row.green_version),
      green_ready: ready,
      weight,
      phase,
      message,
    };
  }
}

import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';

/** A scaffolder task as PP follows it. */
export type ScaffolderTaskState =
  | { status: 'open' | 'processing' }
  | { status: 'completed'; output: Record<string, unknown> }
  | { status: 'failed' | 'cancelled'; reason: string }
  | { status: 'gone' };

/** The scaffolder's task API (`/api/scaffolder/v2/tasks`), as code generation uses it. */
export interface ScaffolderClient {
  /** Starts a task of `templateRef` with `values`; its id. */
  startTask(input: {
    templateRef: string;
    values: Record<string, unknown>;
  }): Promise<{ id: string }>;
  task(id: string): Promise<ScaffolderTaskState>;
}

interface TaskEvent {
  type: string;
  body?: {
    message?: string;
    output?: Record<string, unknown>;
    error?: { name?: string; message?: string };
  };
}

/**
 * The scaffolder over HTTP, as Backstage plugins call each other: its address from discovery,
 * a token of this plugin's service credentials (the scaffolder's permission checks allow a backend
 * plugin; people are decided by the PP policy). A task's outcome is its `completion` event.
 */
export class HttpScaffolderClient implements ScaffolderClient {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      fetch?: typeof fetch;
      timeoutMs?: number;
    },
  ) {}

  private async call(path: string, init: RequestInit = {}) {
    const base = await this.deps.discovery.getBaseUrl('scaffolder');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    return (this.deps.fetch ?? fetch)(`${base}${path}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        authorization: `Bearer ${token}`,
        accept: 'application/json',
      },
      signal: AbortSignal.timeout(this.deps.timeoutMs ?? 15_000),
    });
  }

  private static async problem(res: Response) {
    const text = (await res.text()).slice(0, 500);
    try {
      const body = JSON.parse(text);
      const message =
        body?.error?.message ??
        (Array.isArray(body?.errors)
          ? body.errors.map((e: any) => e?.stack ?? e?.message).join('; ')
          : undefined);
      if (message) return `the scaffolder answered ${res.status}: ${message}`;
    } catch {
      // not JSON
    }
    return `the scaffolder answered ${res.status}: ${text}`;
  }

  async startTask(input: {
    templateRef: string;
    values: Record<string, unknown>;
  }) {
    const res = await this.call('/v2/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    if (!res.ok) throw new Error(await HttpScaffolderClient.problem(res));
    const body = (await res.json()) as { id?: string };
    if (!body.id) throw new Error('the scaffolder answered no task id');
    return { id: body.id };
  }

  async task(id: string): Promise<ScaffolderTaskState> {
    const res = await this.call(`/v2/tasks/${encodeURIComponent(id)}`);
    if (res.status === 404) return { status: 'gone' };
    if (!res.ok) throw new Error(await HttpScaffolderClient.problem(res));
    const task = (await res.json()) as { status: string };
    if (task.status === 'open' || task.status === 'processing') {
      return { status: task.status };
    }
    if (
      task.status !== 'completed' &&
      task.status !== 'failed' &&
      task.status !== 'cancelled'
    ) {
      return { status: 'processing' };
    }
    // a finished task's events come at once (the long poll only waits for a running one)
    const events = await this.call(
      `/v2/tasks/${encodeURIComponent(id)}/events`,
    );
    if (!events.ok) throw new Error(await HttpScaffolderClient.problem(events));
    const list = (await events.json()) as TaskEvent[];
    const completion = [...list].reverse().find(e => e.type === 'completion');
    if (task.status === 'completed') {
      return { status: 'completed', output: completion?.body?.output ?? {} };
    }
    const failedStep = [...list]
      .reverse()
      .find(
        e =>
          e.type === 'log' &&
          (e.body as any)?.status === 'failed' &&
          (e.body as any)?.stepId,
      );
    const step = (failedStep?.body as any)?.stepId as string | undefined;
    const reason =
      task.status === 'cancelled'
        ? 'the scaffolder task was cancelled'
        : completion?.body?.error?.message ??
          completion?.body?.message ??
          'the scaffolder task failed';
    return {
      status: task.status,
      reason: step ? `step ${step}: ${reason}` : reason,
    };
  }
}

import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';

/**
 * How a PP plugin calls another plugin's routes: discovery, its own service credentials, and
 * optionally a fetch (tests) and a timeout that overrides the call's own.
 *
 * @public
 */
export interface PpPluginFetchDeps {
  discovery: DiscoveryService;
  auth: AuthService;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * A request to `path` of plugin `pluginId` with a plugin-to-plugin token of this plugin's own
 * service credentials: the other plugin's PP guard authorizes it as this plugin's principal (the
 * roles its `ensurePluginPrincipal` gave it). `body` goes as JSON. The answer comes back whatever
 * its status; network errors and the timeout (`deps.timeoutMs`, else `timeoutMs`, else 5 s) throw.
 *
 * @public
 */
export async function ppPluginFetch(
  deps: PpPluginFetchDeps,
  pluginId: string,
  path: string,
  init: { method?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Response> {
  const base = await deps.discovery.getBaseUrl(pluginId);
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf: await deps.auth.getOwnServiceCredentials(),
    targetPluginId: pluginId,
  });
  const hasBody = init.body !== undefined;
  return (deps.fetch ?? fetch)(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    body: hasBody ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(deps.timeoutMs ?? init.timeoutMs ?? 5_000),
  });
}

/**
 * What a refusal says, for a log line or a person: the `{error: {message}}` of a PP answer with
 * its status, e.g. `Ticket TKT-9 not found (404)`, or `answered 503` when it has no message.
 *
 * @public
 */
export async function ppAnswerSentence(res: Response): Promise<string> {
  let message: string | undefined;
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    message = body?.error?.message;
  } catch {
    // not JSON: the status says it
  }
  return message
    ? `${message.replace(/[.\s]+$/, '')} (${res.status})`
    : `answered ${res.status}`;
}

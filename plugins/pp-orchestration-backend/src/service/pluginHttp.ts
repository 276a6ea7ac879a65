import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';

/** How this plugin calls another PP plugin: discovery, service auth, a timeout. */
export interface PluginHttpDeps {
  discovery: DiscoveryService;
  auth: AuthService;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * GET `path` of plugin `pluginId` with a plugin-to-plugin token of this plugin's own service
 * credentials (the other plugin's PP guard authorizes it as this plugin's principal, a viewer).
 * Returns the response; network errors and timeouts throw.
 */
export async function pluginGet(
  deps: PluginHttpDeps,
  pluginId: string,
  path: string,
): Promise<Response> {
  const base = await deps.discovery.getBaseUrl(pluginId);
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf: await deps.auth.getOwnServiceCredentials(),
    targetPluginId: pluginId,
  });
  return (deps.fetch ?? fetch)(`${base}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    signal: AbortSignal.timeout(deps.timeoutMs ?? 5_000),
  });
}

/** The `{error: {message}}` of a PP answer, or its status. */
export async function answerSentence(res: Response): Promise<string> {
  let message: string | undefined;
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    message = body?.error?.message;
  } catch {
    // not JSON
  }
  return message
    ? `${message.replace(/[.\s]+$/, '')} (${res.status})`
    : `answered ${res.status}`;
}

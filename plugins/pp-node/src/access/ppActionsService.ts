import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  ActionsService,
  ActionsServiceAction,
  actionsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError, ResponseError } from '@backstage/errors';
import { ppMcpActionAllowed } from '@internal/plugin-pp-common';
import {
  PpIdentityService,
  PpPrincipal,
  ppIdentityServiceRef,
} from '../identity/PpIdentityService';
import { PP_ADMIN_TOKEN_SUBJECT } from '../http/tokenAuth';
import { ppPrincipalOfCredentials } from './principalOfCredentials';

/**
 * The actions service (what the MCP actions backend lists and invokes for AI agents), with the
 * Platform Portal's rules:
 *
 * - a caller sees and may call only the actions its current roles allow (`ppMcpActionRules`, the
 *   contract's `mcp_actions`); an action not listed there is neither listed nor callable;
 * - a caller who came with a PP token (agent, service or person API token, PP_ADMIN_TOKEN) reaches
 *   the action's plugin as itself, through a delegation token, so the PP guard there decides with
 *   its roles and audits it by name; people keep Backstage's on-behalf-of token.
 *
 * Backend plugins' own service credentials are trusted as Backstage trusts them.
 */
export class PpActionsService implements ActionsService {
  private constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      config: RootConfigService;
      logger: LoggerService;
      auth: AuthService;
      identity: PpIdentityService;
    },
  ) {}

  static create(deps: {
    discovery: DiscoveryService;
    config: RootConfigService;
    logger: LoggerService;
    auth: AuthService;
    identity: PpIdentityService;
  }): PpActionsService {
    return new PpActionsService(deps);
  }

  async list({ credentials }: { credentials: BackstageCredentials }) {
    const caller = await this.callerOf(credentials);
    if (caller === 'refused') return { actions: [] };
    const sources =
      this.deps.config.getOptionalStringArray(
        'backend.actions.pluginSources',
      ) ?? [];
    const lists = await Promise.all(
      sources.map(async pluginId => {
        try {
          const response = await this.request(
            pluginId,
            '/.backstage/actions/v1/actions',
            credentials,
            caller,
          );
          if (!response.ok) throw await ResponseError.fromResponse(response);
          const { actions } = (await response.json()) as {
            actions: ActionsServiceAction[];
          };
          return actions;
        } catch (error) {
          this.deps.logger.warn(
            `Failed to fetch actions from ${pluginId}`,
            error as Error,
          );
          return [];
        }
      }),
    );
    const actions = lists.flat();
    return {
      actions:
        caller === 'backend'
          ? actions
          : actions.filter(a => ppMcpActionAllowed(a.id, caller.roles)),
    };
  }

  async invoke(opts: {
    id: string;
    input?: Record<string, any>;
    secrets?: Record<string, any>;
    credentials: BackstageCredentials;
  }) {
    const caller = await this.callerOf(opts.credentials);
    if (
      caller === 'refused' ||
      (caller !== 'backend' && !ppMcpActionAllowed(opts.id, caller.roles))
    ) {
      const who = caller === 'refused' ? undefined : caller;
      const error = new NotAllowedError(
        who
          ? `The action ${opts.id} is not allowed for ${who.name} (${
              who.roles.join(', ') || 'no roles'
            })`
          : `The caller is not an active Platform Portal principal`,
      );
      await this.deps.identity
        .record({
          principal: who?.ref ?? 'anonymous',
          action: 'actions.invoke',
          resource: opts.id,
          outcome: 'denied',
          reason: error.message,
          requestId: null,
        })
        .catch(() => {});
      throw error;
    }
    const colon = opts.id.indexOf(':');
    if (colon < 1) throw new NotAllowedError(`Invalid action id: ${opts.id}`);
    const pluginId = opts.id.slice(0, colon);
    const version = opts.secrets ? 'v2' : 'v1';
    const body =
      version === 'v2'
        ? JSON.stringify({ input: opts.input, secrets: opts.secrets })
        : JSON.stringify(opts.input);
    const response = await this.request(
      pluginId,
      `/.backstage/actions/${version}/actions/${encodeURIComponent(
        opts.id,
      )}/invoke`,
      opts.credentials,
      caller,
      { method: 'POST', body, headers: { 'Content-Type': 'application/json' } },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const { output } = await response.json();
    return { output };
  }

  /** The PP principal behind credentials; `backend` for a plugin's own credentials. */
  private async callerOf(
    credentials: BackstageCredentials,
  ): Promise<PpPrincipal | 'backend' | 'refused'> {
    const found = await ppPrincipalOfCredentials(
      this.deps.identity,
      credentials,
    );
    if (found === 'backend') return found;
    return found && found.status === 'active' ? found : 'refused';
  }

  private async request(
    pluginId: string,
    path: string,
    credentials: BackstageCredentials,
    caller: PpPrincipal | 'backend',
    init?: RequestInit,
  ) {
    const baseUrl = await this.deps.discovery.getBaseUrl(pluginId);
    let token: string;
    if (
      caller !== 'backend' &&
      (credentials.principal as { type: string }).type === 'service'
    ) {
      // A PP token principal: carried as itself, not as this plugin.
      token = this.deps.identity.delegationToken(
        caller.kind === 'bootstrap' ? PP_ADMIN_TOKEN_SUBJECT : caller.id,
      );
    } else {
      ({ token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: pluginId,
      }));
    }
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...init?.headers, Authorization: `Bearer ${token}` },
    });
  }
}

/**
 * Replaces Backstage's default actions service in every plugin (notably `mcp-actions`).
 *
 * @public
 */
export const ppActionsServiceFactory = createServiceFactory({
  service: actionsServiceRef,
  deps: {
    discovery: coreServices.discovery,
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    auth: coreServices.auth,
    identity: ppIdentityServiceRef,
  },
  factory(deps) {
    return PpActionsService.create(deps);
  },
});

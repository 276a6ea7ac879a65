import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  PP_BOOTSTRAP_PRINCIPAL,
  PpIdentityService,
  PpPrincipal,
  ppUserIdFromEntityRef,
} from '../identity/PpIdentityService';
import {
  PP_ADMIN_TOKEN_SUBJECT,
  PP_PRINCIPAL_SUBJECT_PREFIX,
} from '../http/tokenAuth';

/**
 * The PP principal behind Backstage credentials, whatever their kind, in its current state (the
 * caller checks its status): a person from their user entity ref; a PP token from its service
 * subject (`PP_ADMIN_TOKEN`, `pp-principal:<id>`). `'backend'` for a Backstage plugin's own
 * service credentials (`plugin:<id>`) unless that plugin is registered as a PP principal, undefined
 * for anything else. The one place credentials
 * become a PP principal (the guard's `authorizeCredentials`, the actions service).
 *
 * @public
 */
export async function ppPrincipalOfCredentials(
  identity: Pick<PpIdentityService, 'getPrincipal'>,
  credentials: BackstageCredentials,
): Promise<PpPrincipal | 'backend' | undefined> {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
    | { type: 'none' };
  if (principal.type === 'user') {
    const userId = ppUserIdFromEntityRef(principal.userEntityRef);
    return userId ? identity.getPrincipal(userId) : undefined;
  }
  if (principal.type !== 'service') return undefined;
  if (principal.subject === PP_ADMIN_TOKEN_SUBJECT)
    return PP_BOOTSTRAP_PRINCIPAL;
  if (principal.subject.startsWith(PP_PRINCIPAL_SUBJECT_PREFIX)) {
    const id = principal.subject.slice(PP_PRINCIPAL_SUBJECT_PREFIX.length);
    return id ? identity.getPrincipal(id) : undefined;
  }
  if (!principal.subject.startsWith('plugin:')) return undefined;
  // a plugin registered as a PP principal (ensurePluginPrincipal) acts as that principal
  return (await identity.getPrincipal(principal.subject)) ?? 'backend';
}

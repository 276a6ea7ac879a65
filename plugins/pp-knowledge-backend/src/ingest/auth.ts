import { InputError } from '@backstage/errors';
import type { PpKnowledgeConnection } from '@internal/plugin-pp-common';

/**
 * The request headers of a connection's authentication, and which of them are secret (not sent
 * on after a redirect to another origin). The credential is the plain one (resolved by the
 * `CredentialVault`).
 */
export function authHeaders(
  connection: Pick<PpKnowledgeConnection, 'auth_type' | 'header_name'>,
  credential: string | undefined,
): { headers: Record<string, string>; secretHeaders: string[] } {
  const type = connection.auth_type ?? 'none';
  if (type === 'none') return { headers: {}, secretHeaders: [] };
  if (!credential) {
    throw new InputError(
      `The source uses ${
        type === 'api_key_header'
          ? 'an API key header'
          : `${type} authentication`
      } but has no credential: enter one`,
    );
  }
  if (/[\r\n]/.test(credential)) {
    throw new InputError('The credential must be on one line');
  }
  switch (type) {
    case 'bearer':
      return {
        headers: { authorization: `Bearer ${credential}` },
        secretHeaders: ['authorization'],
      };
    case 'basic':
      if (!credential.includes(':')) {
        throw new InputError(
          'A basic authentication credential is user:password (with the colon)',
        );
      }
      return {
        headers: {
          authorization: `Basic ${Buffer.from(credential, 'utf8').toString(
            'base64',
          )}`,
        },
        secretHeaders: ['authorization'],
      };
    case 'api_key_header': {
      const name = connection.header_name;
      if (!name || !/^[A-Za-z0-9-]{1,100}$/.test(name)) {
        throw new InputError(
          'api_key_header authentication needs connection.header_name, the header that carries the key (e.g. X-API-Key)',
        );
      }
      return { headers: { [name]: credential }, secretHeaders: [name] };
    }
    default:
      throw new InputError(
        `The authentication type must be none, bearer, basic or api_key_header, not ${JSON.stringify(
          type,
        )}`,
      );
  }
}

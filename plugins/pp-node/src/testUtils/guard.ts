import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import express from 'express';
import { Knex } from 'knex';
import { PpGuard, createPpGuard } from '../http/PpGuard';
import {
  PpIdentityService,
  createPpIdentityService,
} from '../identity/PpIdentityService';

/** A caller of a route test: an agent or person with roles, or a service principal. */
export interface PpTestPrincipal {
  name: string;
  kind: 'agent' | 'service' | 'user';
  roles?: string[];
  /** The catalog entity an agent or service principal is bound to. */
  entityRef?: string | null;
  email?: string;
}

/**
 * The real PP identity and guard on a test database, with one API token per principal: routes
 * under test see exactly what they see in the backend (roles → permissions, 401/403, audit).
 * Requests without an Authorization header are anonymous (401).
 */
export async function createTestPpGuard(
  database: Knex,
  principals: PpTestPrincipal[],
): Promise<{
  guard: PpGuard;
  identity: PpIdentityService;
  /** Raw API token per principal name (send as `Bearer <token>`). */
  tokens: Record<string, string>;
  userIds: Record<string, string>;
}> {
  const identity = await createPpIdentityService({
    database,
    logger: mockServices.logger.mock(),
    config: mockServices.rootConfig({ data: {} }),
  });
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  for (const p of principals) {
    const user = await identity.users.createUser(
      {
        name: p.name,
        email: p.email,
        kind: p.kind,
        roles: p.roles ?? [],
        entityRef: p.entityRef ?? null,
        status: 'active',
      } as any,
      'test',
    );
    userIds[p.name] = user.id;
    tokens[p.name] = (
      await identity.users.createApiToken(user.id, 't', null, 'test')
    ).token;
  }
  const guard = createPpGuard({
    httpAuth: mockServices.httpAuth.mock({
      credentials: (async (req: express.Request) => {
        if (!req.headers.authorization)
          throw new AuthenticationError('Missing credentials');
        return mockCredentials.service('pp-token');
      }) as any,
    }),
    identity,
  });
  return { guard, identity, tokens, userIds };
}

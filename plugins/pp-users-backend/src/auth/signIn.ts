import { randomUUID } from 'node:crypto';
import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { AuthResolverContext } from '@backstage/plugin-auth-node';
import {
  PP_SESSION_CLAIM,
  PpIdentityService,
  ppUserEntityRef,
} from '@internal/plugin-pp-node';

/** How a sign-in attempt arrived: a new sign-in, or a refresh of an existing session. */
export interface PpSignInAttempt {
  email: string | undefined;
  sessionId: string;
  fresh: boolean;
  provider: string;
}

export function allowedDomains(config: Config): string[] {
  return (
    config.getOptionalStringArray('pp.auth.allowedDomains') ?? ['waooaw.com']
  ).map(d => d.toLocaleLowerCase('en-US'));
}

/**
 * The Platform Portal's sign-in rules (spec Stage 1), shared by every provider:
 * the email's domain is allowed, the person exists in pp_users and is not inactive; a pending
 * person becomes active; a new sign-in starts a PP session (ending the oldest beyond the limit),
 * a refresh must belong to a live session. Refusals carry the reason the sign-in page shows.
 */
export async function resolvePpSignIn(
  attempt: PpSignInAttempt,
  ctx: AuthResolverContext,
  deps: {
    identity: PpIdentityService;
    config: Config;
    /** A provider's own rule on who may use it: a refusal reason, or undefined to go on. */
    admit?: (email: string) => Promise<string | undefined>;
  },
) {
  const { identity, config } = deps;
  const email = attempt.email?.trim().toLocaleLowerCase('en-US');
  const refuse = async (reason: string): Promise<never> => {
    await identity.record({
      principal: email ?? 'anonymous',
      action: 'auth.sign-in',
      resource: `provider:${attempt.provider}`,
      outcome: 'denied',
      reason,
    });
    throw new NotAllowedError(reason);
  };
  if (!email)
    return refuse('The sign-in provider did not share an email address');
  const domains = allowedDomains(config);
  const domain = email.split('@')[1] ?? '';
  if (!domains.includes(domain)) {
    return refuse(
      `Only ${domains
        .map(d => `@${d}`)
        .join(', ')} accounts may sign in to the Platform Portal`,
    );
  }
  const refusal = await deps.admit?.(email);
  if (refusal) return refuse(refusal);
  const user = await identity.users.getUserByEmail(email);
  if (!user || user.kind !== 'user') {
    return refuse(
      `${email} is not a Platform Portal user; ask an admin to add you`,
    );
  }
  if (user.status === 'inactive') {
    return refuse(
      'Your Platform Portal account is inactive; ask an admin to reactivate it',
    );
  }
  if (attempt.fresh) {
    const { ended } = await identity.sessions.start(user.id, attempt.sessionId);
    await identity.users.recordSignIn(user.id);
    await identity.record({
      principal: ppUserEntityRef(user.id),
      action: 'auth.sign-in',
      resource: `session:${attempt.sessionId}`,
      outcome: 'success',
      details: { provider: attempt.provider, ended_sessions: ended },
    });
  } else if (!(await identity.sessions.get(user.id, attempt.sessionId))) {
    return refuse('Your Platform Portal session has ended; sign in again');
  }
  const ref = ppUserEntityRef(user.id);
  return ctx.issueToken({
    claims: { sub: ref, ent: [ref], [PP_SESSION_CLAIM]: attempt.sessionId },
  });
}

export function newSessionId(): string {
  return randomUUID();
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { PP_ROLES } from '@internal/plugin-pp-common';
import {
  ExpiredRoleGrant,
  PP_ACCESS_EXPIRY_ACTOR,
  PpIdentityService,
  PpNotifier,
} from '@internal/plugin-pp-node';

/** How often the expiry job runs; a grant ends in the store at its time whatever this is. */
export const ACCESS_EXPIRY_INTERVAL_SECONDS = 60;

/**
 * Ends the time-bound grants that are due: revokes each role (logged in the role change log by
 * `pp-access-expiry`), ends the person's sessions and drops cached principals everywhere
 * (accessChanged), writes the audit record and tells the person (portal, and email when
 * configured). The scheduler runs it on one instance at a time.
 */
export async function revokeExpiredGrants(deps: {
  identity: PpIdentityService;
  /** Only `notify` is needed: the person is told after the revoke has committed. */
  notifier: Pick<PpNotifier, 'notify'>;
  logger: LoggerService;
}): Promise<ExpiredRoleGrant[]> {
  const { identity, notifier, logger } = deps;
  const revoked = await identity.users.revokeExpiredRoles();
  for (const grant of revoked) {
    const { user, role, expiredAt } = grant;
    const title = PP_ROLES[role].title;
    try {
      await identity.accessChanged(user.id);
      await identity.record({
        principal: PP_ACCESS_EXPIRY_ACTOR,
        action: 'pp.users.roles.expire',
        resource: `user:${user.id}`,
        outcome: 'success',
        details: { role, expired_at: expiredAt, roles_now: user.roles },
      });
      await notifier.notify({
        topic: 'users.role.expired',
        title: `Your ${title} access has ended`,
        description:
          `The time-bound ${title} role ended at ${expiredAt} and was revoked; you were signed out. ` +
          `Request it again on My access if you still need it.`,
        link: '/pp/my-access',
        severity: 'normal',
        to: { userIds: [user.id] },
        email: true,
        reference: `user:${user.id}`,
      });
    } catch (error) {
      // The role is gone from the store either way (and no longer counts from its end time).
      logger.error(
        `Revoked expired ${role} of user ${user.id}, but ending sessions, auditing or notifying failed`,
        error as Error,
      );
    }
  }
  if (revoked.length) {
    logger.info(`Revoked ${revoked.length} expired time-bound role grant(s)`);
  }
  return revoked;
}

import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';

/** The least length of the audit HMAC secret. @public */
export const PP_AUDIT_SECRET_MIN_LENGTH = 32;

/**
 * The key of development and test portals that configure none. It is public (it is in the source),
 * so a chain keyed with it proves nothing; production refuses to start without a real secret.
 *
 * @public
 */
export const PP_AUDIT_DEV_SECRET =
  'pp-audit-development-only-secret-not-for-production';

/**
 * The key of the audit chain's HMAC and of its checkpoints: `pp.audit.secret` in config, else the
 * PP_AUDIT_SECRET environment variable. Shorter than 32 characters is refused. Missing: with
 * NODE_ENV=production the backend refuses to start; otherwise the development key is used and a
 * warning says so.
 *
 * @public
 */
export function readAuditSecret(
  config: RootConfigService,
  logger?: LoggerService,
): string {
  const secret =
    config.getOptionalString('pp.audit.secret') || process.env.PP_AUDIT_SECRET;
  if (secret) {
    if (secret.length < PP_AUDIT_SECRET_MIN_LENGTH) {
      throw new Error(
        `pp.audit.secret (PP_AUDIT_SECRET) must be at least ${PP_AUDIT_SECRET_MIN_LENGTH} characters long`,
      );
    }
    return secret;
  }
  if (process.env.NODE_ENV === 'production') {
    throw new Error(
      'pp.audit.secret (PP_AUDIT_SECRET) is not set: the audit chain needs its HMAC key in production',
    );
  }
  logger?.warn(
    'pp.audit.secret (PP_AUDIT_SECRET) is not set: the audit chain is keyed with the public ' +
      'DEVELOPMENT-ONLY secret; set a secret of 32+ characters before relying on the audit log',
  );
  return PP_AUDIT_DEV_SECRET;
}

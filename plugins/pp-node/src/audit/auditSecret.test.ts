import { mockServices } from '@backstage/backend-test-utils';
import { PP_AUDIT_DEV_SECRET, readAuditSecret } from './auditSecret';

describe('readAuditSecret', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });
  const config = (data: object = {}) => mockServices.rootConfig({ data });

  it('reads pp.audit.secret, else PP_AUDIT_SECRET', () => {
    delete process.env.PP_AUDIT_SECRET;
    const secret = 's'.repeat(40);
    expect(readAuditSecret(config({ pp: { audit: { secret } } }))).toBe(secret);
    process.env.PP_AUDIT_SECRET = 'e'.repeat(32);
    expect(readAuditSecret(config())).toBe('e'.repeat(32));
  });

  it('refuses a short secret', () => {
    expect(() =>
      readAuditSecret(config({ pp: { audit: { secret: 'short' } } })),
    ).toThrow(/at least 32 characters/);
  });

  it('refuses to start in production without a secret', () => {
    delete process.env.PP_AUDIT_SECRET;
    process.env.NODE_ENV = 'production';
    expect(() => readAuditSecret(config())).toThrow(
      /PP_AUDIT_SECRET\) is not set/,
    );
  });

  it('falls back to the development key elsewhere, and says so', () => {
    delete process.env.PP_AUDIT_SECRET;
    process.env.NODE_ENV = 'development';
    const logger = mockServices.logger.mock();
    expect(readAuditSecret(config(), logger)).toBe(PP_AUDIT_DEV_SECRET);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('DEVELOPMENT-ONLY'),
    );
  });
});

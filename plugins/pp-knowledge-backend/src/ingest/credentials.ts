import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
} from 'node:crypto';

/*
 * A source's credential (token, API key or user:password) at rest. Two forms are stored:
 *
 * - sealed: `pp1.<key id>.<base64url(iv | tag | ciphertext)>`, AES-256-GCM with a fresh 12-byte IV
 *   per seal and the key id (first 8 hex of SHA-256 of the key) as additional authenticated data.
 *   The key id says which key sealed it, so a changed key gives a clear sentence instead of a
 *   cryptic GCM failure.
 * - a secret reference `secret:NAME`: stored as is (it is not secret) and read from the backend's
 *   environment each time the source is fetched, so rotating the secret needs no edit in PP.
 *   Only variables whose names start with `PP_KNOWLEDGE_` may be referenced: without that rule a
 *   person allowed to add sources could point a source at their own server with
 *   `secret:POSTGRES_PASSWORD` as its bearer token and read the backend's own secrets.
 *
 * The key: config `pp.knowledge.credentialsKey` (base64 of 32 bytes), else derived with HKDF-SHA256
 * from `backend.auth.keys[0].secret` (so a deployment that has one secret works out of the box).
 * With neither, production (NODE_ENV=production) refuses to start; development uses a fixed,
 * publicly known key and says so (`keySource: 'development'`, for the caller to log a warning).
 */

const SEALED_PREFIX = 'pp1';
const SECRET_PREFIX = 'secret:';
/** What a `secret:NAME` reference may name. */
export const SECRET_NAME_PREFIX = 'PP_KNOWLEDGE_';
const SECRET_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

/** Where the vault's key came from. */
export type CredentialKeySource =
  | 'config'
  | 'backend.auth.keys'
  | 'development';

const keyIdOf = (key: Buffer) =>
  createHash('sha256').update(key).digest('hex').slice(0, 8);

/** True for `secret:NAME` (whatever NAME is; `checkCredential` judges it). */
export function isSecretReference(value: string): boolean {
  return value.startsWith(SECRET_PREFIX);
}

/** True for a value `seal` produced (of some key). */
export function isSealed(value: string): boolean {
  return /^pp1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/.test(value);
}

/**
 * Checks a credential as given by a person (create, update, test connection): a secret reference
 * must name an allowed variable. Plain credentials pass as they are.
 */
export function checkCredential(value: string): void {
  if (!isSecretReference(value)) return;
  const name = value.slice(SECRET_PREFIX.length);
  if (!SECRET_NAME.test(name)) {
    throw new InputError(
      `${JSON.stringify(
        value,
      )} is not a secret reference: write secret:NAME with NAME in capitals, digits and _`,
    );
  }
  if (!name.startsWith(SECRET_NAME_PREFIX)) {
    throw new InputError(
      `secret:${name} is refused: a source may only reference environment variables whose names start with ${SECRET_NAME_PREFIX} (so that it cannot send the backend's own secrets elsewhere)`,
    );
  }
}

/** Encrypts credentials at rest and resolves them (and secret references) at fetch time. */
export class CredentialVault {
  readonly keySource: CredentialKeySource;
  private readonly key: Buffer;
  private readonly keyId: string;
  private readonly env: Record<string, string | undefined>;

  /**
   * The vault of a backend: key from config (see the header), secret references from
   * `options.env` (default `process.env`). Throws in production without a key.
   */
  static fromConfig(
    config: Config,
    options: {
      env?: Record<string, string | undefined>;
      production?: boolean;
    } = {},
  ): CredentialVault {
    const env = options.env ?? process.env;
    const production = options.production ?? env.NODE_ENV === 'production';
    const configured = config.getOptionalString('pp.knowledge.credentialsKey');
    if (configured) {
      const key = Buffer.from(configured, 'base64');
      if (key.length !== 32) {
        throw new Error(
          `pp.knowledge.credentialsKey must be the base64 of 32 random bytes (e.g. \`openssl rand -base64 32\`); it decodes to ${key.length} bytes`,
        );
      }
      return new CredentialVault(key, { env, keySource: 'config' });
    }
    const authSecret = config
      .getOptionalConfigArray('backend.auth.keys')?.[0]
      ?.getOptionalString('secret');
    if (authSecret) {
      const key = Buffer.from(
        hkdfSync(
          'sha256',
          authSecret,
          'pp-knowledge',
          'pp-knowledge credentials v1',
          32,
        ),
      );
      return new CredentialVault(key, { env, keySource: 'backend.auth.keys' });
    }
    if (production) {
      throw new Error(
        'pp-knowledge cannot store source credentials safely: set pp.knowledge.credentialsKey (base64 of 32 random bytes) or backend.auth.keys',
      );
    }
    const key = createHash('sha256')
      .update('pp-knowledge development key — not secret')
      .digest();
    return new CredentialVault(key, { env, keySource: 'development' });
  }

  constructor(
    key: Buffer,
    options: {
      env?: Record<string, string | undefined>;
      keySource?: CredentialKeySource;
    } = {},
  ) {
    if (key.length !== 32) {
      throw new Error(`A credential key is 32 bytes, not ${key.length}`);
    }
    this.key = Buffer.from(key);
    this.keyId = keyIdOf(this.key);
    this.env = options.env ?? process.env;
    this.keySource = options.keySource ?? 'config';
  }

  /** AES-256-GCM of `plain`, as `pp1.<key id>.<base64url>`. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(this.keyId));
    const ciphertext = Buffer.concat([
      cipher.update(plain, 'utf8'),
      cipher.final(),
    ]);
    const tag = cipher.getAuthTag();
    return `${SEALED_PREFIX}.${this.keyId}.${Buffer.concat([
      iv,
      tag,
      ciphertext,
    ]).toString('base64url')}`;
  }

  /** The plain text of a sealed value; throws a sentence when it is not one of this key. */
  open(sealed: string): string {
    if (!isSealed(sealed)) {
      throw new Error('The stored credential is not a sealed value');
    }
    const [, keyId, payload] = sealed.split('.');
    if (keyId !== this.keyId) {
      throw new Error(
        `The stored credential was sealed with another key (${keyId}, the backend's is ${this.keyId}): enter the credential again`,
      );
    }
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length < 28) {
      throw new Error('The stored credential is damaged: enter it again');
    }
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.key,
        bytes.subarray(0, 12),
      );
      decipher.setAAD(Buffer.from(this.keyId));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([
        decipher.update(bytes.subarray(28)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new Error('The stored credential is damaged: enter it again');
    }
  }

  /**
   * What to store for a credential a person gave: a secret reference as is (checked), anything
   * else sealed.
   */
  protect(credential: string): string {
    checkCredential(credential);
    return isSecretReference(credential) ? credential : this.seal(credential);
  }

  /**
   * The plain credential for a fetch: opens a sealed value, reads a secret reference from the
   * environment (throws when it is not set), passes a plain value through (test connection gets
   * the credential as typed). undefined for none.
   */
  resolve(stored: string | null | undefined): string | undefined {
    if (stored === null || stored === undefined || stored === '') {
      return undefined;
    }
    if (isSecretReference(stored)) {
      checkCredential(stored);
      const name = stored.slice(SECRET_PREFIX.length);
      const value = this.env[name];
      if (!value) {
        throw new InputError(
          `The secret ${name} is not set in the backend's environment: set it, or enter the credential itself`,
        );
      }
      return value;
    }
    return isSealed(stored) ? this.open(stored) : stored;
  }
}

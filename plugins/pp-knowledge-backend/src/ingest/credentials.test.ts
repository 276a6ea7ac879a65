import { ConfigReader } from '@backstage/config';
import { randomBytes } from 'node:crypto';
import {
  CredentialVault,
  checkCredential,
  isSealed,
  isSecretReference,
} from './credentials';

const key = randomBytes(32);

describe('CredentialVault', () => {
  const vault = new CredentialVault(key, {
    env: { PP_KNOWLEDGE_ADS_TOKEN: 'from-env', DATABASE_PASSWORD: 'nope' },
  });

  it('seals and opens, with a fresh IV each time', () => {
    const a = vault.seal('user:päss word');
    const b = vault.seal('user:päss word');
    expect(a).not.toBe(b);
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain('päss');
    expect(vault.open(a)).toBe('user:päss word');
    expect(vault.open(b)).toBe('user:päss word');
  });

  it('refuses a value of another key, and a tampered one, with a sentence', () => {
    const other = new CredentialVault(randomBytes(32));
    expect(() => other.open(vault.seal('x'))).toThrow(
      /sealed with another key .*enter the credential again/,
    );
    const sealed = vault.seal('secret token');
    const last = sealed.slice(-2, -1) === 'A' ? 'B' : 'A';
    const tampered = `${sealed.slice(0, -2)}${last}${sealed.slice(-1)}`;
    expect(() => vault.open(tampered)).toThrow(/damaged/);
    expect(() => vault.open('plain')).toThrow(/not a sealed value/);
  });

  it('protect seals plain credentials and keeps secret references', () => {
    expect(vault.protect('secret:PP_KNOWLEDGE_ADS_TOKEN')).toBe(
      'secret:PP_KNOWLEDGE_ADS_TOKEN',
    );
    const sealed = vault.protect('tok');
    expect(isSealed(sealed)).toBe(true);
    expect(vault.resolve(sealed)).toBe('tok');
  });

  it('resolves secret references from the environment, only PP_KNOWLEDGE_ ones', () => {
    expect(vault.resolve('secret:PP_KNOWLEDGE_ADS_TOKEN')).toBe('from-env');
    expect(() => vault.resolve('secret:PP_KNOWLEDGE_MISSING')).toThrow(
      "The secret PP_KNOWLEDGE_MISSING is not set in the backend's environment",
    );
    expect(() => vault.resolve('secret:DATABASE_PASSWORD')).toThrow(
      /only reference environment variables whose names start with PP_KNOWLEDGE_/,
    );
    expect(() => vault.protect('secret:lower-case')).toThrow(
      /not a secret reference/,
    );
    expect(vault.resolve(undefined)).toBeUndefined();
    expect(vault.resolve(null)).toBeUndefined();
    expect(vault.resolve('typed in a test')).toBe('typed in a test');
  });

  it('tells references apart', () => {
    expect(isSecretReference('secret:X')).toBe(true);
    expect(isSecretReference('Bearer x')).toBe(false);
    expect(() => checkCredential('plain-token')).not.toThrow();
  });
});

describe('CredentialVault.fromConfig', () => {
  it('uses pp.knowledge.credentialsKey', () => {
    const config = new ConfigReader({
      pp: { knowledge: { credentialsKey: key.toString('base64') } },
    });
    const a = CredentialVault.fromConfig(config, { production: true });
    expect(a.keySource).toBe('config');
    expect(new CredentialVault(key).open(a.seal('x'))).toBe('x');
  });

  it('refuses a key that is not 32 bytes', () => {
    const config = new ConfigReader({
      pp: {
        knowledge: { credentialsKey: Buffer.from('short').toString('base64') },
      },
    });
    expect(() => CredentialVault.fromConfig(config)).toThrow(/32 random bytes/);
  });

  it('derives one from backend.auth.keys[0].secret, stable across instances', () => {
    const config = new ConfigReader({
      backend: { auth: { keys: [{ secret: 'backend-secret' }] } },
    });
    const a = CredentialVault.fromConfig(config, { production: true });
    const b = CredentialVault.fromConfig(config, { production: true });
    expect(a.keySource).toBe('backend.auth.keys');
    expect(b.open(a.seal('shared'))).toBe('shared');
  });

  it('refuses to start in production without a key, uses a known key in development', () => {
    const config = new ConfigReader({});
    expect(() =>
      CredentialVault.fromConfig(config, { production: true }),
    ).toThrow(/set pp.knowledge.credentialsKey/);
    expect(() =>
      CredentialVault.fromConfig(config, { env: { NODE_ENV: 'production' } }),
    ).toThrow(/cannot store source credentials safely/);
    const dev = CredentialVault.fromConfig(config, { production: false });
    expect(dev.keySource).toBe('development');
    expect(dev.open(dev.seal('d'))).toBe('d');
  });
});

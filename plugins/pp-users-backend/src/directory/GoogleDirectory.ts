import { createSign } from 'node:crypto';
import { Config } from '@backstage/config';
import { InputError, ServiceUnavailableError } from '@backstage/errors';

const SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';

/**
 * Optional check that a new person's email is a real Google Workspace account (spec Stage 4:
 * "validate via Google Directory API"). Uses a service account with domain-wide delegation,
 * impersonating a Workspace admin (`adminSubject`). Off unless `pp.auth.googleDirectory.enabled`.
 */
export class GoogleDirectory {
  private token?: { value: string; until: number };

  static fromConfig(config: Config): GoogleDirectory | undefined {
    const c = config.getOptionalConfig('pp.auth.googleDirectory');
    if (!c?.getOptionalBoolean('enabled')) return undefined;
    const key = JSON.parse(c.getString('serviceAccountKey')) as {
      client_email: string;
      private_key: string;
    };
    return new GoogleDirectory({
      clientEmail: key.client_email,
      privateKey: key.private_key,
      adminSubject: c.getString('adminSubject'),
      tokenUrl:
        c.getOptionalString('tokenUrl') ??
        'https://oauth2.googleapis.com/token',
      directoryUrl:
        c.getOptionalString('directoryUrl') ??
        'https://admin.googleapis.com/admin/directory/v1',
    });
  }

  constructor(
    private readonly options: {
      clientEmail: string;
      privateKey: string;
      adminSubject: string;
      tokenUrl: string;
      directoryUrl: string;
    },
  ) {}

  private assertion(now: number): string {
    const b64 = (v: object) =>
      Buffer.from(JSON.stringify(v)).toString('base64url');
    const head = b64({ alg: 'RS256', typ: 'JWT' });
    const body = b64({
      iss: this.options.clientEmail,
      sub: this.options.adminSubject,
      scope: SCOPE,
      aud: this.options.tokenUrl,
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000) + 3600,
    });
    const signature = createSign('RSA-SHA256')
      .update(`${head}.${body}`)
      .sign(this.options.privateKey)
      .toString('base64url');
    return `${head}.${body}.${signature}`;
  }

  private async accessToken(): Promise<string> {
    const now = Date.now();
    if (this.token && this.token.until > now + 60_000) return this.token.value;
    const res = await fetch(this.options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: this.assertion(now),
      }),
    }).catch(e => {
      throw new ServiceUnavailableError(
        `Google token endpoint unreachable: ${e.message}`,
      );
    });
    if (!res.ok) {
      throw new ServiceUnavailableError(
        `Google refused the directory credentials (${res.status})`,
      );
    }
    const json = (await res.json()) as {
      access_token: string;
      expires_in: number;
    };
    this.token = {
      value: json.access_token,
      until: now + json.expires_in * 1000,
    };
    return json.access_token;
  }

  /** Throws a 400 when the account does not exist or is suspended, 503 when Google cannot say. */
  async assertActiveAccount(email: string): Promise<void> {
    const res = await fetch(
      `${this.options.directoryUrl}/users/${encodeURIComponent(
        email,
      )}?projection=basic`,
      { headers: { authorization: `Bearer ${await this.accessToken()}` } },
    ).catch(e => {
      throw new ServiceUnavailableError(
        `Google Directory unreachable: ${e.message}`,
      );
    });
    if (res.status === 404) {
      throw new InputError(
        `${email} is not an account in the Google Workspace directory`,
      );
    }
    if (!res.ok) {
      throw new ServiceUnavailableError(
        `Google Directory answered ${res.status}`,
      );
    }
    const user = (await res.json()) as { suspended?: boolean };
    if (user.suspended) {
      throw new InputError(
        `${email} is suspended in the Google Workspace directory`,
      );
    }
  }
}

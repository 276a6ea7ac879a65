import { createHmac } from 'node:crypto';

/** GitHub's `X-Hub-Signature-256` of a body: `sha256=<hex HMAC-SHA256 with the webhook secret>`. */
export function githubSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

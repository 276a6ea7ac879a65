import { createVerify, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { GoogleDirectory } from './GoogleDirectory';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
});

/** A local stand-in for Google's token endpoint and Directory API that checks what it receives. */
function fakeGoogle() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === '/token') {
        const assertion = new URLSearchParams(body).get('assertion')!;
        const [h, p, s] = assertion.split('.');
        const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
        const valid = createVerify('RSA-SHA256')
          .update(`${h}.${p}`)
          .verify(publicKey, Buffer.from(s, 'base64url'));
        const ok =
          valid &&
          claims.sub === 'admin@waooaw.com' &&
          claims.scope.includes('admin.directory.user.readonly');
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok ? { access_token: 'at-1', expires_in: 3600 } : { error: 'bad' },
          ),
        );
        return;
      }
      if (req.headers.authorization !== 'Bearer at-1') {
        res.writeHead(401).end();
        return;
      }
      const email = decodeURIComponent(
        req.url!.split('/users/')[1].split('?')[0],
      );
      if (email === 'real@waooaw.com')
        res.writeHead(200).end(JSON.stringify({ primaryEmail: email }));
      else if (email === 'away@waooaw.com')
        res.writeHead(200).end(JSON.stringify({ suspended: true }));
      else res.writeHead(404).end('{}');
    });
  });
  return { server, seen };
}

describe('GoogleDirectory', () => {
  const { server, seen } = fakeGoogle();
  let directory: GoogleDirectory;

  beforeAll(async () => {
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    directory = GoogleDirectory.fromConfig(
      new ConfigReader({
        pp: {
          auth: {
            googleDirectory: {
              enabled: true,
              serviceAccountKey: JSON.stringify({
                client_email: 'pp@waooaw.iam.gserviceaccount.com',
                private_key: privateKey.export({
                  type: 'pkcs8',
                  format: 'pem',
                }),
              }),
              adminSubject: 'admin@waooaw.com',
              tokenUrl: `${base}/token`,
              directoryUrl: `${base}/directory/v1`,
            },
          },
        },
      }),
    )!;
  });
  afterAll(() => new Promise(r => server.close(r)));

  it('is off unless enabled', () => {
    expect(GoogleDirectory.fromConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('accepts active accounts and refuses unknown or suspended ones', async () => {
    await expect(
      directory.assertActiveAccount('real@waooaw.com'),
    ).resolves.toBeUndefined();
    await expect(
      directory.assertActiveAccount('nobody@waooaw.com'),
    ).rejects.toMatchObject({ name: 'InputError' });
    await expect(
      directory.assertActiveAccount('away@waooaw.com'),
    ).rejects.toThrow(/suspended/);
    // one token for all three look-ups
    expect(seen.filter(s => s.startsWith('POST /token'))).toHaveLength(1);
  });
});

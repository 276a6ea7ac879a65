import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A local Slack incoming webhook for tests. @public */
export interface PpTestSlackReceiver {
  url: string;
  /** The messages it accepted. */
  received: Array<{ text: string }>;
  /** Answer every following post with this status (non-200 messages are not kept). */
  fail(status: number): void;
  close(): Promise<void>;
}

/** Starts a local Slack incoming webhook on a free port. @public */
export async function startTestSlackReceiver(): Promise<PpTestSlackReceiver> {
  const received: Array<{ text: string }> = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      if (status === 200) received.push(JSON.parse(body));
      res.writeHead(status).end(status === 200 ? 'ok' : 'channel_is_archived');
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    fail(next) {
      status = next;
    },
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}

/** A local SMTP server for tests. @public */
export interface PpTestSmtpReceiver {
  port: number;
  /** Every message it accepted: envelope recipients and the raw data. */
  mails: Array<{ to: string[]; data: string }>;
  close(): Promise<void>;
}

/** Starts a local SMTP server (no auth, no TLS) on a free port. @public */
export async function startTestSmtpReceiver(): Promise<PpTestSmtpReceiver> {
  const mails: PpTestSmtpReceiver['mails'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', c => (data += c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map(r => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}

/** A local stand-in for the external Genesis: records what PP posts (raw), answers `state.status`. @public */
export interface PpTestGenesisReceiver {
  url: string;
  received: Array<{ headers: IncomingHttpHeaders; body: string }>;
  /** what every following post is answered with (default 202) */
  state: { status: number };
  close(): Promise<void>;
}

/** Starts a local Genesis receiver on a free port. @public */
export async function startTestGenesisReceiver(): Promise<PpTestGenesisReceiver> {
  const received: PpTestGenesisReceiver['received'] = [];
  const state = { status: 202 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = state.status;
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/validate`,
    received,
    state,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}

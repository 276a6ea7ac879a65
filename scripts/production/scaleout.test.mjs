// Two instances of the built bundle on one PostgreSQL and one Redis (same database prefix, same
// Redis prefix, same secrets; different ports), as two pods of deploy/kubernetes would run:
// sessions and role changes, scheduled jobs once per interval, If-Match updates spread over both,
// PostgreSQL and Redis restarted under them, SIGKILL of one mid-load, SIGTERM of the other with a
// request in flight. Figures are printed as `[figure] ...` lines (README "Deploy" quotes them).
//
// The instances run NODE_ENV=staging with the dev sign-in and demo data switched on by an overlay:
// sessions only come from a sign-in, Google is out of reach here, and the dev sign-in is refused with
// NODE_ENV=production (scripts/smoke-production.sh checks that and the rest of production mode).
//
// Run: PP_BUNDLE_DIR=<scripts/prepare-bundle.sh folder> node --test scripts/production/scaleout.test.mjs
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import {
  call,
  deployment,
  devSignIn,
  freePort,
  postgres,
  query,
  redis,
  sleep,
  startInstance,
  startWebhookReceiver,
  within,
} from './lib.mjs';

const figure = (...args) => console.log('[figure]', ...args);
const run = `scale-${Date.now().toString(36)}`;
let dep;
let A;
let B;
let slack;
let admin;
const bootAt = Date.now();

before(async () => {
  // Every third Slack message fails once, so the outbox retry task has work to do.
  slack = await startWebhookReceiver({
    failFirstFor: body =>
      new RegExp(`${run} ticket-(0|3|6|9)(?![0-9])`).test(body),
  });
  dep = deployment({
    overlay: [
      'auth:',
      '  environment: development',
      '  providers:',
      '    pp-dev:',
      '      enabled: true',
      'pp:',
      '  demo:',
      '    enabled: true',
      '  notifications:',
      '    slack:',
      '      webhooks:',
      `        helpdesk: ${slack.url}`,
      '',
    ].join('\n'),
  });
  admin = dep.adminToken;
  const [portA, portB] = [await freePort(), await freePort()];
  // One public URL for both, as behind the Ingress.
  const baseUrl = `http://localhost:${portA}`;
  const opts = name => ({
    name,
    port: name === 'A' ? portA : portB,
    baseUrl,
    nodeEnv: 'staging',
  });
  // A first, then B, as a rollout (maxSurge 1) starts pods. Two instances starting at the same
  // moment on EMPTY databases race on knex's migration locks (knex does not wait for a lock another
  // process holds, and a process that dies holding one leaves it locked): see deploy/kubernetes.
  const started = Date.now();
  A = await startInstance(dep, opts('A'));
  const readyA = await A.ready();
  B = await startInstance(dep, opts('B'));
  const readyB = (await B.ready()) + readyA;
  void started;
  figure(
    `start on empty databases: A ready after ${readyA} ms, B (started when A was ready) after ${readyB} ms`,
  );
});

after(async () => {
  if (!postgres.isUp()) postgres.start();
  if (!redis.isUp()) redis.start();
  await A?.stop();
  await B?.stop();
  await slack?.close();
  await dep?.drop();
});

test('a session ended through A is refused by B within 5 s', async () => {
  const token = await devSignIn(A.url, 'vik.viewer@waooaw.com');
  assert.equal(
    (await call(B.url, 'GET', '/pp/v1/users/me', { token })).status,
    200,
  );
  assert.equal(
    (await call(A.url, 'POST', '/pp/v1/auth/logout', { token })).status < 300,
    true,
  );
  const ms = await within(
    5000,
    async () =>
      (await call(B.url, 'GET', '/pp/v1/users/me', { token })).status === 401,
    'B refuses the ended session',
  );
  figure(`session ended on A, refused by B after ${ms} ms`);
});

test('a role changed through A is in force on B within 5 s (sessions and API tokens)', async () => {
  // A person signed in: a role change ends their sessions everywhere.
  const token = await devSignIn(A.url, 'hari.helpdesk@waooaw.com');
  assert.equal(
    (await call(B.url, 'GET', '/pp/v1/tickets', { token })).status,
    200,
  );
  const users = await call(A.url, 'GET', '/pp/v1/users?limit=100', {
    token: admin,
  });
  const list = users.json.items ?? users.json.users ?? users.json;
  const hari = list.find(u => u.email === 'hari.helpdesk@waooaw.com');
  assert.ok(hari, 'hari is listed');
  const assign = await call(
    A.url,
    'POST',
    `/pp/v1/users/${hari.id}/assign-role`,
    {
      token: admin,
      body: { role: 'viewer' },
    },
  );
  assert.equal(assign.status, 200, assign.text);
  const ms = await within(
    5000,
    async () =>
      (await call(B.url, 'GET', '/pp/v1/tickets', { token })).status === 401,
    'B refuses the session ended by the role change',
  );
  figure(`role changed on A, session refused by B after ${ms} ms`);

  // An API token acts with the principal's current roles: B's cached principal is dropped.
  const created = await call(A.url, 'POST', '/pp/v1/users', {
    token: admin,
    body: {
      email: `${run}@waooaw.com`,
      name: 'Scale test',
      roles: ['helpdesk_agent'],
    },
  });
  assert.equal(created.status, 201, created.text);
  const minted = await call(
    A.url,
    'POST',
    `/pp/v1/users/${created.json.id}/api-tokens`,
    {
      token: admin,
      body: { name: run, expires_in_days: 1 },
    },
  );
  assert.ok(minted.status < 300, minted.text);
  const apiToken = minted.json.token;
  assert.equal(
    (await call(B.url, 'GET', '/pp/v1/tickets', { token: apiToken })).status,
    200,
  );
  const revoke = await call(
    A.url,
    'POST',
    `/pp/v1/users/${created.json.id}/revoke-role`,
    {
      token: admin,
      body: { role: 'helpdesk_agent' },
    },
  );
  assert.equal(revoke.status, 200, revoke.text);
  const msToken = await within(
    5000,
    async () =>
      (
        await call(B.url, 'GET', '/pp/v1/tickets', { token: apiToken })
      ).status === 403,
    'B refuses the API token without the role',
  );
  figure(`role revoked on A, API token refused by B after ${msToken} ms`);
});

const tickets = [];
const acknowledged = []; // { id, title, via }

test('200 ticket updates with If-Match spread over both instances: every 2xx is in the database', async () => {
  for (let i = 0; i < 10; i++) {
    const res = await call(i % 2 ? B.url : A.url, 'POST', '/pp/v1/tickets', {
      token: admin,
      body: {
        type: 'incident',
        priority: 'medium',
        title: `${run} ticket-${i}`,
        description: 'Two instances, one ticket table.',
      },
    });
    assert.equal(res.status, 201, res.text);
    tickets.push(res.json.id);
  }
  let conflicts = 0;
  let n = 0;
  const started = Date.now();
  // 8 writers, each on a random ticket through a random instance: read the ETag, write with it.
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      while (n < 200) {
        const id = tickets[Math.floor(Math.random() * tickets.length)];
        const read = Math.random() < 0.5 ? A : B;
        const write = Math.random() < 0.5 ? A : B;
        const got = await call(read.url, 'GET', `/pp/v1/tickets/${id}`, {
          token: admin,
        });
        assert.equal(got.status, 200, got.text);
        const title = `${run} update ${w}-${n}-${Math.random()
          .toString(36)
          .slice(2, 8)}`;
        const res = await call(write.url, 'PUT', `/pp/v1/tickets/${id}`, {
          token: admin,
          headers: { 'if-match': got.headers.get('etag') },
          body: { title },
        });
        if (res.status === 412) {
          conflicts++;
          continue;
        }
        assert.equal(res.status, 200, res.text);
        if (n < 200) acknowledged.push({ id, title, via: write.name });
        n++;
      }
    }),
  );
  const ms = Date.now() - started;
  const rows = await query(
    dep,
    'pp-helpdesk',
    `select ticket_id, new_value from pp_ticket_history where field = 'title' and ticket_id = any($1)`,
    [tickets],
  );
  const inDb = new Set(rows.map(r => `${r.ticket_id} ${r.new_value}`));
  for (const a of acknowledged) {
    assert.ok(
      inDb.has(`${a.id} ${a.title}`),
      `acknowledged update ${a.title} is not in the history`,
    );
  }
  // No lost write: each ticket's version is 1 + its acknowledged updates.
  const versions = await query(
    dep,
    'pp-helpdesk',
    'select id, version from pp_tickets where id = any($1)',
    [tickets],
  );
  const all = acknowledged.length;
  for (const { id, version } of versions) {
    const ours = rows.filter(r => r.ticket_id === id).length;
    assert.equal(
      version,
      1 + ours,
      `ticket ${id}: version ${version}, ${ours} title changes`,
    );
  }
  assert.equal(rows.length >= all, true);
  const viaA = acknowledged.filter(a => a.via === 'A').length;
  figure(
    `${all} acknowledged If-Match updates (${viaA} via A, ${
      all - viaA
    } via B) in ${ms} ms, ${conflicts} answered 412 and retried; all ${all} in the database, versions consistent`,
  );
});

const ticketPattern = i => new RegExp(`${run} ticket-${i}(?![0-9])`);

test('scheduled jobs run once per interval across both instances', async () => {
  // Wait until the outbox retry task (every 30 s, backoff 30 s) had its chance at the failed posts.
  await sleep(Math.max(0, 75_000 - (Date.now() - bootAt)));
  await within(
    60_000,
    async () => {
      const ok = slack.posts.filter(
        p => p.status === 200 && p.body.includes(run),
      );
      return tickets.every((_, i) =>
        ok.some(p => ticketPattern(i).test(p.body)),
      );
    },
    'every ticket-created Slack notice delivered',
  );
  for (let i = 0; i < tickets.length; i++) {
    // Only the created notice names `ticket-<i>`: the updates above changed every title.
    const mine = slack.posts.filter(p => ticketPattern(i).test(p.body));
    const delivered = mine.filter(p => p.status === 200).length;
    assert.equal(
      delivered,
      1,
      `ticket-${i}: ${delivered} deliveries of its created notice (${mine.length} posts)`,
    );
  }
  const retried = slack.posts.filter(p => p.status === 500).length;

  // Demo heartbeats (every 30 s): one row per service per interval, never two from two instances.
  const since = new Date(bootAt + 20_000);
  const beats = await query(
    dep,
    'pp-health',
    `select service_id, checked_at from pp_health_checks where source = 'heartbeat' and checked_at > $1 order by service_id, checked_at`,
    [since],
  );
  const byService = new Map();
  for (const b of beats) {
    const list = byService.get(b.service_id) ?? [];
    list.push(new Date(b.checked_at).getTime());
    byService.set(b.service_id, list);
  }
  assert.ok(byService.size >= 10, `heartbeats of ${byService.size} services`);
  let minGap = Infinity;
  for (const [service, times] of byService) {
    assert.ok(times.length >= 2, `${service}: ${times.length} heartbeats`);
    for (let i = 1; i < times.length; i++)
      minGap = Math.min(minGap, times[i] - times[i - 1]);
  }
  assert.ok(
    minGap >= 20_000,
    `two heartbeats of one service ${minGap} ms apart: the task ran twice`,
  );

  // Alert evaluation: never two open alerts for one rule and service (the flapping demo service).
  const dupAlerts = await query(
    dep,
    'pp-health',
    `select alert_type, service_id, count(*) from pp_health_alerts where status = 'open' group by 1, 2 having count(*) > 1`,
  );
  assert.deepEqual(dupAlerts, []);
  const window = Math.round((Date.now() - bootAt) / 1000);
  figure(
    `over ${window} s: heartbeats of ${
      byService.size
    } services, closest two of one service ${Math.round(
      minGap / 1000,
    )} s apart (interval 30 s); ${
      tickets.length
    } Slack notices delivered exactly once each (${retried} failed first and were retried once); no duplicate open alerts`,
  );
});

test('PostgreSQL restarted: 503 with Retry-After at once, not ready, serving again within 10 s of its return', async () => {
  const path = '/pp/v1/tickets?limit=5';
  assert.equal((await call(A.url, 'GET', path, { token: admin })).status, 200);
  postgres.stop();
  try {
    for (const inst of [A, B]) {
      const res = await call(inst.url, 'GET', path, { token: admin });
      assert.equal(res.status, 503, `${inst.name}: ${res.status} ${res.text}`);
      assert.ok(res.ms < 3000, `${inst.name} answered after ${res.ms} ms`);
      assert.equal(res.headers.get('retry-after'), '5');
      assert.match(res.json.error.message, /PostgreSQL/);
      assert.doesNotMatch(
        res.text,
        /"stack"|\/work\/|node_modules|ECONNREFUSED/,
      );
      const ready = await call(
        inst.url,
        'GET',
        '/.backstage/health/v1/readiness',
      );
      assert.equal(ready.status, 503);
      assert.match(ready.text, /PostgreSQL/);
      assert.equal(
        (await call(inst.url, 'GET', '/.backstage/health/v1/liveness')).status,
        200,
      );
      figure(
        `PostgreSQL down: ${inst.name} answered 503 in ${res.ms} ms; readiness 503`,
      );
    }
  } finally {
    postgres.start();
  }
  const back = Date.now();
  await within(30_000, async () => postgres.isUp(), 'PostgreSQL is back');
  for (const inst of [A, B]) {
    const ms = await within(
      10_000,
      async () =>
        (await call(inst.url, 'GET', path, { token: admin })).status === 200,
      `${inst.name} serves again`,
    );
    await within(
      10_000,
      async () =>
        (
          await call(inst.url, 'GET', '/.backstage/health/v1/readiness')
        ).status === 200,
      `${inst.name} ready`,
    );
    figure(
      `PostgreSQL back: ${inst.name} served again ${ms} ms later (${
        Date.now() - back
      } ms after the restart command)`,
    );
  }
});

test('Redis restarted: 503 with Retry-After at once, not ready, serving again within 10 s of its return', async () => {
  const token = await devSignIn(B.url, 'vik.viewer@waooaw.com');
  assert.equal(
    (await call(A.url, 'GET', '/pp/v1/users/me', { token })).status,
    200,
  );
  redis.stop();
  try {
    await within(5000, async () => !redis.isUp(), 'Redis stopped');
    for (const inst of [A, B]) {
      const res = await call(inst.url, 'GET', '/pp/v1/users/me', { token });
      assert.equal(res.status, 503, `${inst.name}: ${res.status} ${res.text}`);
      assert.ok(res.ms < 3000, `${inst.name} answered after ${res.ms} ms`);
      assert.equal(res.headers.get('retry-after'), '5');
      assert.match(res.json.error.message, /Redis/);
      const ready = await call(
        inst.url,
        'GET',
        '/.backstage/health/v1/readiness',
      );
      assert.equal(ready.status, 503);
      assert.match(ready.text, /Redis/);
      figure(
        `Redis down: ${inst.name} answered 503 in ${res.ms} ms; readiness 503`,
      );
    }
  } finally {
    redis.start();
  }
  const back = Date.now();
  await within(10_000, async () => redis.isUp(), 'Redis is back');
  // Redis keeps nothing on disk here, so the sessions are gone: sign in again and be served.
  for (const inst of [A, B]) {
    const ms = await within(
      10_000,
      async () => {
        try {
          const fresh = await devSignIn(inst.url, 'vik.viewer@waooaw.com');
          return (
            (await call(inst.url, 'GET', '/pp/v1/users/me', { token: fresh }))
              .status === 200
          );
        } catch {
          return false;
        }
      },
      `${inst.name} signs in and serves again`,
    );
    await within(
      10_000,
      async () =>
        (
          await call(inst.url, 'GET', '/.backstage/health/v1/readiness')
        ).status === 200,
      `${inst.name} ready`,
    );
    figure(
      `Redis back: ${inst.name} signed in and served again ${ms} ms later (${
        Date.now() - back
      } ms after the start command)`,
    );
  }
});

test('SIGKILL of A mid-load loses no acknowledged write and B keeps serving', async () => {
  const acked = [];
  const failures = { A: 0, B: 0 };
  const bErrors = [];
  let stop = false;
  let killedAt;
  const worker = async w => {
    for (let i = 0; !stop; i++) {
      const inst = i % 2 ? A : B;
      const body = `${run} comment ${w}-${i}`;
      try {
        const res = await call(
          inst.url,
          'POST',
          `/pp/v1/tickets/${tickets[w % tickets.length]}/comments`,
          {
            token: admin,
            body: { body },
            timeoutMs: 5000,
          },
        );
        if (res.status === 201 || res.status === 200)
          acked.push({ body, via: inst.name });
        else if (inst === B)
          bErrors.push(`${res.status} ${res.text.slice(0, 200)}`);
      } catch (error) {
        failures[inst.name]++;
        if (inst === B) bErrors.push(String(error));
      }
    }
  };
  const load = Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
  await sleep(1500);
  A.child.kill('SIGKILL');
  killedAt = Date.now();
  await sleep(3000);
  stop = true;
  await load;
  assert.equal((await A.exited).signal, 'SIGKILL');
  const rows = await query(
    dep,
    'pp-helpdesk',
    `select body from pp_ticket_comments where body like $1`,
    [`${run} comment %`],
  );
  const stored = new Set(rows.map(r => r.body));
  const lost = acked.filter(a => !stored.has(a.body));
  assert.deepEqual(lost, [], 'acknowledged comments missing from the database');
  assert.deepEqual(bErrors, [], 'B failed requests');
  const afterKill = await call(B.url, 'GET', `/pp/v1/tickets/${tickets[0]}`, {
    token: admin,
  });
  assert.equal(afterKill.status, 200);
  figure(
    `SIGKILL of A under load: ${acked.length} acknowledged comments (${
      acked.filter(a => a.via === 'A').length
    } via A), all in the database; ${
      failures.A
    } requests to A failed after the kill; B answered every request`,
  );
  void killedAt;
});

test('SIGTERM finishes the request in flight and exits within 30 s', async () => {
  // A comment whose body is still arriving when SIGTERM comes.
  const body = JSON.stringify({ body: `${run} in flight` });
  const inFlight = new Promise((resolve, reject) => {
    const req = http.request(
      `${B.url}/pp/v1/tickets/${tickets[0]}/comments`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${admin}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      res => {
        let text = '';
        res.on('data', c => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10));
    setTimeout(() => {
      B.child.kill('SIGTERM');
      setTimeout(() => req.end(body.slice(10)), 1000);
    }, 300);
  });
  const sentAt = Date.now() + 300;
  const res = await inFlight;
  assert.equal(res.status, 201, res.text);
  const exit = await B.exited;
  const ms = exit.at - sentAt;
  assert.equal(exit.code, 0, B.log().slice(-2000));
  assert.ok(ms < 30_000, `exited ${ms} ms after SIGTERM`);
  const stored = await query(
    dep,
    'pp-helpdesk',
    'select 1 from pp_ticket_comments where body = $1',
    [`${run} in flight`],
  );
  assert.equal(stored.length, 1);
  figure(
    `SIGTERM: the request in flight answered ${res.status}, the process exited 0 after ${ms} ms`,
  );
});

// Two instances of the built bundle on one PostgreSQL and one Redis (same database prefix, same
// Redis prefix, same secrets; different ports), as two pods of deploy/kubernetes would run. The
// PostgreSQL and the Redis are the test's own (lib.mjs startPrivateServers: free ports, a temporary
// folder, removed at the end), so restarting them never touches the machine's shared servers:
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
import fs from 'node:fs';
import http from 'node:http';
import { after, before, test } from 'node:test';
import {
  call,
  deployment,
  devSignIn,
  freePort,
  query,
  sleep,
  startInstance,
  startPrivateServers,
  startWebhookReceiver,
  within,
} from './lib.mjs';

const figure = (...args) => console.log('[figure]', ...args);
const run = `scale-${Date.now().toString(36)}`;
let servers;
let dep;
let A;
let B;
let slack;
let admin;
let bothReadyAt;
const slaTickets = [];

// A monitored service of the test's own: its health URL answers 500 and records every probe, so
// the health-check task's runs can be counted and its service-down alert fires once.
const probeHits = [];
let probe;
const PROBE_SERVICE = 'scale-probe-service';
const CHECK_SECONDS = 10;
const SLA_CHECK_SECONDS = 5;

before(async () => {
  probe = http.createServer((req, res) => {
    probeHits.push(Date.now());
    res.writeHead(500).end('down on purpose');
  });
  await new Promise(r => probe.listen(0, '127.0.0.1', r));
  // Every third Slack message fails once, so the outbox retry task has work to do.
  slack = await startWebhookReceiver({
    failFirstFor: body =>
      new RegExp(`${run} ticket-(0|3|6|9)(?![0-9])`).test(body),
  });
  // A private PostgreSQL and Redis: the fault tests below restart them.
  servers = await startPrivateServers();
  dep = deployment(servers, {
    files: {
      'probe-service.yaml': [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        `  name: ${PROBE_SERVICE}`,
        '  annotations:',
        `    pp.waooaw.com/service-id: ${PROBE_SERVICE}`,
        `    pp.waooaw.com/health-check-url: http://127.0.0.1:${
          probe.address().port
        }/health`,
        'spec:',
        '  type: service',
        '  lifecycle: production',
        '  owner: group:team-platform-ops',
        '  system: waooaw-platform',
        '',
      ].join('\n'),
    },
    // Short intervals so that several runs of each job fall in the test's few minutes.
    overlay: dir =>
      [
        'auth:',
        '  environment: development',
        '  providers:',
        '    pp-dev:',
        '      enabled: true',
        'catalog:',
        '  locations:',
        '    - type: file',
        '      target: ./catalog-info.yaml',
        '    - type: file',
        `      target: ${dir}/probe-service.yaml`,
        'pp:',
        '  demo:',
        '    enabled: true',
        '  health:',
        `    checkIntervalSeconds: ${CHECK_SECONDS}`,
        '  helpdesk:',
        `    slaCheckSeconds: ${SLA_CHECK_SECONDS}`,
        '    sla:',
        '      critical:',
        '        responseMinutes: 1',
        '        resolutionMinutes: 2',
        '        escalationPath: infrastructure_engineer',
        '  notifications:',
        '    slack:',
        '      webhooks:',
        `        helpdesk: ${slack.url}`,
        `        platform-health: ${slack.url}`,
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
  A = await startInstance(dep, opts('A'));
  const readyA = await A.ready();
  // Service down after 45 s without a successful check (the demo services beat every 30 s).
  const threshold = await call(
    A.url,
    'PUT',
    '/pp/v1/health/alert-thresholds/service_down',
    { token: admin, body: { threshold_value: 0.75 } },
  );
  assert.equal(threshold.status, 200, threshold.text);
  B = await startInstance(dep, opts('B'));
  const readyB = await B.ready();
  bothReadyAt = Date.now();
  // Critical incidents with a 1-minute response target: the SLA monitor warns (48 s), marks the
  // breach and escalates each (60 s), on whichever instance runs it.
  for (let i = 0; i < 3; i++) {
    const res = await call(i % 2 ? B.url : A.url, 'POST', '/pp/v1/tickets', {
      token: admin,
      body: {
        type: 'incident',
        priority: 'critical',
        title: `${run} sla-${i}`,
        description: 'The SLA monitor runs on one instance at a time.',
      },
    });
    assert.equal(res.status, 201, res.text);
    slaTickets.push(res.json.id);
  }
  figure(
    `start on empty databases: A ready after ${readyA} ms, B (started when A was ready) after ${readyB} ms more`,
  );
});

after(async () => {
  await A?.stop();
  await B?.stop();
  await slack?.close();
  await new Promise(r => (probe ? probe.close(r) : r()));
  await servers?.destroy();
  // PP_PRODUCTION_KEEP_LOGS=1 keeps the instances' logs (printed folder) for a failed run.
  if (dep && process.env.PP_PRODUCTION_KEEP_LOGS === '1')
    console.log(`[production] instance logs kept in ${dep.dir}`);
  else if (dep) fs.rmSync(dep.dir, { recursive: true, force: true });
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
    // An agent principal is active at once (a person stays pending until their first sign-in,
    // and a pending person's tokens are refused everywhere).
    body: {
      kind: 'agent',
      name: `Scale test ${run}`,
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

/** Rows of `sql` on the notifier's tables of both plugins that send notices. */
async function inNotifierDbs(sql) {
  const out = [];
  for (const plugin of ['pp-health', 'pp-helpdesk']) {
    for (const row of await query(dep, plugin, sql))
      out.push({ plugin, ...row });
  }
  return out;
}

/** Smallest gap between two consecutive times (ms), and how many there are. */
function gaps(times) {
  const sorted = [...times].sort((x, y) => x - y);
  let min = Infinity;
  for (let i = 1; i < sorted.length; i++)
    min = Math.min(min, sorted[i] - sorted[i - 1]);
  return min;
}

test('scheduled jobs run once per interval across both instances: no duplicate alerts, notices or history rows', async () => {
  // Long enough for every job to have run several times on the pair, and for the outbox retry
  // task (every 30 s, backoff 30 s) to have had its chance at the failed posts.
  await sleep(Math.max(0, 70_000 - (Date.now() - bothReadyAt)));
  const sentSlack = () =>
    inNotifierDbs(
      `select id, reference, topic from pp_notification_outbox where channel = 'slack' and status = 'sent'`,
    );
  await within(
    120_000,
    async () => {
      const ok = slack.posts.filter(
        p => p.status === 200 && p.body.includes(run),
      );
      const created = tickets.every((_, i) =>
        ok.some(p => ticketPattern(i).test(p.body)),
      );
      const alert = await query(
        dep,
        'pp-health',
        `select id from pp_health_alerts where service_id = $1 and alert_type = 'service_down'`,
        [PROBE_SERVICE],
      );
      const alertSent = (await sentSlack()).some(
        r => alert.length && r.reference === `health-alert:${alert[0].id}`,
      );
      const sla = await query(
        dep,
        'pp-helpdesk',
        `select ticket_id from pp_ticket_sla_events where ticket_id = any($1) and kind = 'breached' and target = 'response'`,
        [slaTickets],
      );
      // The demo generator's first run with the services writes their 24 h history first (about
      // 2 700 heartbeats: seconds on a quiet machine, a minute on a busy one), then beats live.
      const live = await query(
        dep,
        'pp-health',
        `select service_id from pp_health_checks where source = 'heartbeat' and checked_at > $1 group by 1 having count(*) >= 2`,
        [new Date(bothReadyAt)],
      );
      return (
        created &&
        alertSent &&
        sla.length === slaTickets.length &&
        live.length >= 10
      );
    },
    'ticket notices delivered, the probe service alert sent, the SLA breaches marked, live demo heartbeats',
  );
  const window = Date.now() - bothReadyAt;

  // Outbox delivery: each Slack notice delivered once (the failed ones retried once, not twice).
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
  const bodies = new Map();
  for (const p of slack.posts.filter(
    x =>
      x.status === 200 &&
      (x.body.includes(run) || x.body.includes(PROBE_SERVICE)),
  ))
    bodies.set(p.body, (bodies.get(p.body) ?? 0) + 1);
  const twice = [...bodies].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], 'a Slack message delivered twice');
  const sent = await sentSlack();
  // One message per event, one outbox row per message and target.
  const dupMessages = await inNotifierDbs(
    `select reference, topic, payload::json->>'title' as title, count(*)::int as n from pp_notification_messages group by 1, 2, 3 having count(*) > 1`,
  );
  assert.deepEqual(dupMessages, [], 'a notice written twice');
  const dupOutbox = await inNotifierDbs(
    `select message_id, channel, target, count(*)::int as n from pp_notification_outbox group by 1, 2, 3 having count(*) > 1`,
  );
  assert.deepEqual(dupOutbox, [], 'a delivery expanded twice');

  // Health checks (every 10 s): the probe service was checked once per interval, not twice.
  const hits = probeHits.filter(t => t > bothReadyAt);
  const hitGap = gaps(hits);
  assert.ok(hits.length >= 3, `${hits.length} checks of the probe service`);
  assert.ok(
    hitGap >= (CHECK_SECONDS * 1000) / 2,
    `two checks of the probe service ${hitGap} ms apart: the task ran twice`,
  );
  assert.ok(
    hits.length <= window / (CHECK_SECONDS * 1000) + 2,
    `${hits.length} checks in ${window} ms`,
  );
  const checkRows = await query(
    dep,
    'pp-health',
    `select checked_at from pp_health_checks where service_id = $1 and source <> 'heartbeat' and checked_at > $2`,
    [PROBE_SERVICE, new Date(bothReadyAt)],
  );
  assert.ok(
    gaps(checkRows.map(r => new Date(r.checked_at).getTime())) >=
      (CHECK_SECONDS * 1000) / 2,
    'two check rows of one service within half an interval',
  );

  // Alert evaluation: one service-down alert for the probe service, its notice once.
  const alerts = await query(
    dep,
    'pp-health',
    `select id, status from pp_health_alerts where service_id = $1 and alert_type = 'service_down'`,
    [PROBE_SERVICE],
  );
  assert.equal(alerts.length, 1, JSON.stringify(alerts));
  const alertNotices = sent.filter(
    r => r.reference === `health-alert:${alerts[0].id}`,
  );
  assert.equal(alertNotices.length, 1, JSON.stringify(alertNotices));
  const dupAlerts = await query(
    dep,
    'pp-health',
    `select alert_type, service_id, count(*)::int as n from pp_health_alerts where status = 'open' group by 1, 2 having count(*) > 1`,
  );
  assert.deepEqual(dupAlerts, []);

  // Demo heartbeats (every 30 s): one row per service per interval, never two from two instances.
  const beats = await query(
    dep,
    'pp-health',
    `select service_id, checked_at from pp_health_checks where source = 'heartbeat' and checked_at > $1 order by service_id, checked_at`,
    [new Date(bothReadyAt)],
  );
  const byService = new Map();
  for (const b of beats) {
    const list = byService.get(b.service_id) ?? [];
    list.push(new Date(b.checked_at).getTime());
    byService.set(b.service_id, list);
  }
  assert.ok(byService.size >= 10, `heartbeats of ${byService.size} services`);
  let beatGap = Infinity;
  for (const [service, times] of byService) {
    assert.ok(times.length >= 2, `${service}: ${times.length} heartbeats`);
    beatGap = Math.min(beatGap, gaps(times));
  }
  assert.ok(
    beatGap >= 20_000,
    `two heartbeats of one service ${beatGap} ms apart: the task ran twice`,
  );

  // SLA monitor (every 5 s): each warning and breach once, each escalation once.
  const events = await query(
    dep,
    'pp-helpdesk',
    `select ticket_id, target, kind, count(*)::int as n from pp_ticket_sla_events where ticket_id = any($1) group by 1, 2, 3`,
    [slaTickets],
  );
  const responseEvents = events.filter(e => e.target === 'response');
  assert.equal(
    responseEvents.length,
    slaTickets.length * 2,
    JSON.stringify(events),
  );
  assert.deepEqual(
    events.filter(e => e.n > 1),
    [],
    'an SLA event recorded twice',
  );
  const dupHistory = await query(
    dep,
    'pp-helpdesk',
    `select ticket_id, field, new_value, count(*)::int as n from pp_ticket_history where ticket_id = any($1) and changed_by_id = 'pp-helpdesk-sla' group by 1, 2, 3 having count(*) > 1`,
    [slaTickets],
  );
  assert.deepEqual(dupHistory, [], 'an SLA change written twice');
  const slaHistory = await query(
    dep,
    'pp-helpdesk',
    `select count(*)::int as n from pp_ticket_history where ticket_id = any($1) and changed_by_id = 'pp-helpdesk-sla'`,
    [slaTickets],
  );
  const slaNotices = sent.filter(
    r => r.topic.startsWith('helpdesk.sla.') || r.topic.includes('escalat'),
  ).length;

  figure(
    `scheduled jobs over ${Math.round(window / 1000)} s on two instances: ` +
      `probe service checked ${hits.length} times, closest two ${Math.round(
        hitGap / 1000,
      )} s apart (interval ${CHECK_SECONDS} s); one service-down alert, one notice; ` +
      `heartbeats of ${
        byService.size
      } demo services, closest two of one service ${Math.round(
        beatGap / 1000,
      )} s apart (interval 30 s); ` +
      `SLA: ${events.reduce((n, e) => n + e.n, 0)} warnings/breaches for ${
        slaTickets.length
      } tickets, ${
        slaHistory[0].n
      } history rows, ${slaNotices} Slack notices, none twice; ` +
      `${sent.length} Slack notices delivered once each (${retried} failed first and were retried once)`,
  );
});

test('PostgreSQL restarted: 503 with Retry-After at once, not ready, serving again within 10 s of its return', async () => {
  const path = '/pp/v1/tickets?limit=5';
  assert.equal((await call(A.url, 'GET', path, { token: admin })).status, 200);
  servers.postgres.stop();
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
      // Readiness probes are answered from a 1-second cache: not ready within 2 s of the outage.
      let ready;
      const readyMs = await within(
        2000,
        async () => {
          ready = await call(
            inst.url,
            'GET',
            '/.backstage/health/v1/readiness',
          );
          return ready.status === 503;
        },
        `${inst.name} reports not ready`,
      );
      assert.match(ready.text, /PostgreSQL/);
      assert.equal(
        (await call(inst.url, 'GET', '/.backstage/health/v1/liveness')).status,
        200,
      );
      figure(
        `PostgreSQL down: ${inst.name} answered 503 in ${res.ms} ms; readiness 503 after ${readyMs} ms`,
      );
    }
  } finally {
    servers.postgres.start();
  }
  const back = Date.now();
  await within(
    30_000,
    async () => servers.postgres.isUp(),
    'PostgreSQL is back',
  );
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
  await servers.redis.stop();
  try {
    await within(5000, async () => !servers.redis.isUp(), 'Redis stopped');
    for (const inst of [A, B]) {
      const res = await call(inst.url, 'GET', '/pp/v1/users/me', { token });
      assert.equal(res.status, 503, `${inst.name}: ${res.status} ${res.text}`);
      assert.ok(res.ms < 3000, `${inst.name} answered after ${res.ms} ms`);
      assert.equal(res.headers.get('retry-after'), '5');
      assert.match(res.json.error.message, /Redis/);
      // Readiness probes are answered from a 1-second cache: not ready within 2 s of the outage.
      let ready;
      const readyMs = await within(
        2000,
        async () => {
          ready = await call(
            inst.url,
            'GET',
            '/.backstage/health/v1/readiness',
          );
          return ready.status === 503;
        },
        `${inst.name} reports not ready`,
      );
      assert.match(ready.text, /Redis/);
      figure(
        `Redis down: ${inst.name} answered 503 in ${res.ms} ms; readiness 503 after ${readyMs} ms`,
      );
    }
  } finally {
    servers.redis.start();
  }
  const back = Date.now();
  await within(10_000, async () => servers.redis.isUp(), 'Redis is back');
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

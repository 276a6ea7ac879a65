import path from 'node:path';
import { PpTicketDetail } from '@internal/plugin-pp-common';
import { startTestSlackReceiver } from '@internal/plugin-pp-node/testUtils';
import { repoRoot } from '../__testUtils__/catalogFiles';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { ppUntil } from '../__testUtils__/until';
import { ppAnswerCacheStats } from '@internal/plugin-pp-node';

/*
 * The helpdesk through the whole production composition (the /pp/v1 mount, real sign-in, the PP
 * permission policy, the pp-helpdesk plugin, the PP notifier with a local Slack webhook), on SQLite
 * and PostgreSQL.
 */

jest.setTimeout(300_000);

const until = ppUntil({ intervalMs: 100, tries: 200 });

describe.each(ppTestEngines())('helpdesk full stack (%s)', database => {
  let pp: PpTestBackend;
  let slack: Awaited<ReturnType<typeof startTestSlackReceiver>>;
  let hari: string; // helpdesk_agent
  let ines: string; // infrastructure_engineer
  let vik: string; // viewer
  let sam: string; // subscription_manager
  const run = `r${Date.now().toString(36)}`;

  beforeAll(async () => {
    slack = await startTestSlackReceiver();
    pp = await startPpTestBackend({
      database,
      config: {
        pp: { notifications: { slack: { webhooks: { helpdesk: slack.url } } } },
        // the real catalog files: tickets name catalog services and agents
        catalog: {
          rules: [{ allow: ['Component', 'System', 'Group', 'Location'] }],
          locations: [
            { type: 'file', target: path.join(repoRoot, 'catalog-info.yaml') },
          ],
        },
      },
    });
    hari = await pp.bearer('hari.helpdesk@waooaw.com');
    ines = await pp.bearer('ines.infra@waooaw.com');
    vik = await pp.bearer('vik.viewer@waooaw.com');
    sam = await pp.bearer('sam.subscriptions@waooaw.com');
  });

  afterAll(async () => {
    await pp?.stop();
    await slack?.close();
  });

  const create = async (who: string, body: object = {}) => {
    const res = await pp
      .http()
      .post('/pp/v1/tickets')
      .set('Authorization', who)
      .send({
        type: 'support',
        priority: 'medium',
        title: `${run} cannot sign in`,
        description: 'The sign-in page loops.',
        ...body,
      });
    expect(res.status).toBe(201);
    return res.body as PpTicketDetail;
  };

  it('creates a ticket (helpdesk agent), tells #helpdesk, refuses a viewer and anonymous callers', async () => {
    const t = await create(hari, { priority: 'critical', type: 'incident' });
    expect(t).toMatchObject({
      key: expect.stringMatching(/^TKT-\d{6}$/),
      status: 'open',
      reporter: { name: expect.any(String), email: 'hari.helpdesk@waooaw.com' },
      allowed_transitions: ['in_progress', 'escalated'],
      sla: { policy: { response_minutes: 15, resolution_minutes: 240 } },
    });
    await until(
      async () => slack.received.some(m => m.text.includes(t.key)),
      'the Slack message',
    );
    const denied = await pp
      .http()
      .post('/pp/v1/tickets')
      .set('Authorization', vik)
      .send({
        type: 'support',
        priority: 'low',
        title: 'nope',
        description: 'x',
      });
    expect(denied.status).toBe(403);
    expect(denied.body.error.name).toBe('NotAllowedError');
    expect((await pp.http().get('/pp/v1/tickets')).status).toBe(401);
    expect(
      (await pp.http().get('/pp/v1/tickets').set('Authorization', sam)).status,
    ).toBe(403);
    const bad = await pp
      .http()
      .post('/pp/v1/tickets')
      .set('Authorization', hari)
      .send({ type: 'question', priority: 'urgent', title: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/type/);
    expect(bad.body.error.message).toMatch(/priority/);
    // the viewer reads
    const read = await pp
      .http()
      .get(`/pp/v1/tickets/${t.key}`)
      .set('Authorization', vik);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(t.id);
    // the write is audited
    const audit = await pp
      .http()
      .get('/pp/v1/audit?limit=200')
      .set('Authorization', pp.admin);
    expect(
      audit.body.items.find(
        (r: any) =>
          r.action === 'pp.tickets.create' && r.resource === `ticket:${t.key}`,
      ),
    ).toMatchObject({ outcome: 'success' });
  });

  it('answers an unchanged queue with 304 from the tickets change mark; any ticket write changes it', async () => {
    const queue = (who: string, query: string, etag?: string) => {
      const req = pp
        .http()
        .get(`/pp/v1/tickets?${query}`)
        .set('Authorization', who);
      return etag ? req.set('If-None-Match', etag) : req;
    };
    const first = await queue(hari, 'limit=5');
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('private, max-age=15');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"v[\w-]{27}"$/);
    const unchanged = await queue(hari, 'limit=5', etag);
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    // the tag stands for this caller and this query only
    expect((await queue(hari, 'limit=6', etag)).status).toBe(200);
    expect((await queue(ines, 'limit=5', etag)).status).toBe(200);
    // a ticket write raises the mark: the same tag now gets the new queue
    await create(hari);
    const changed = await queue(hari, 'limit=5', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.total_count).toBe(first.body.total_count + 1);
    expect((await queue(hari, 'limit=5', changed.headers.etag)).status).toBe(
      304,
    );
    // checks before the tag: a bad query is 400, a caller without the permission 403
    expect((await queue(hari, 'limit=abc', changed.headers.etag)).status).toBe(
      400,
    );
    expect((await queue(sam, 'limit=5', changed.headers.etag)).status).toBe(
      403,
    );
  });

  it('gives an unchanged queue to the next request from the answer kept under its ETag, never past the gate, and a write shows at once', async () => {
    const admin = pp.admin;
    const agent = await pp
      .http()
      .post('/pp/v1/users')
      .set('Authorization', admin)
      .send({
        kind: 'agent',
        name: `Queue reader ${run}`,
        roles: ['helpdesk_agent'],
        entity_ref: 'component:default/genesis-validator',
      });
    expect(agent.status).toBe(201);
    const minted = await pp
      .http()
      .post(`/pp/v1/users/${agent.body.id}/api-tokens`)
      .set('Authorization', admin)
      .send({ name: 'queue reader' });
    expect(minted.status).toBe(201);
    const reader = `Bearer ${minted.body.token}`;
    const queue = (headers: Record<string, string> = {}) =>
      pp
        .http()
        .get('/pp/v1/tickets?limit=7')
        .set({ Authorization: reader, ...headers });

    const first = await queue();
    expect(first.status).toBe(200);
    const before = ppAnswerCacheStats();
    const again = await queue();
    expect(again.status).toBe(200);
    expect(again.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.text).toBe(first.text);
    expect(ppAnswerCacheStats().hits).toBe(before.hits + 1);
    // Cache-Control: no-cache makes it anew: the same body
    const fresh = await queue({ 'Cache-Control': 'no-cache' });
    expect(fresh.text).toBe(first.text);
    expect(ppAnswerCacheStats().hits).toBe(before.hits + 1);

    // a ticket written through the API is in the very next answer
    const t = await create(hari, { title: `Kept answer ${run}` });
    const after = await queue();
    expect(after.headers.etag).not.toBe(first.headers.etag);
    expect(after.body.total_count).toBe(first.body.total_count + 1);
    const alone = await pp
      .http()
      .get(
        `/pp/v1/tickets?limit=7&q=${encodeURIComponent(`Kept answer ${run}`)}`,
      )
      .set('Authorization', reader);
    expect(alone.body.items.map((i: { id: string }) => i.id)).toEqual([t.id]);

    const roles = async (change: 'assign' | 'revoke', role: string) => {
      const res = await pp
        .http()
        .post(`/pp/v1/users/${agent.body.id}/${change}-role`)
        .set('Authorization', admin)
        .send({ role, reason: 'kept answers test of the queue' });
      expect(res.status).toBeLessThan(300);
    };
    // other roles: an answer of its own, not the one kept for the old roles
    const kept = ppAnswerCacheStats();
    await roles('assign', 'viewer');
    const widened = await queue();
    expect(widened.status).toBe(200);
    expect(widened.headers.etag).toBe(after.headers.etag);
    expect(ppAnswerCacheStats().hits).toBe(kept.hits);
    // the gate comes first: without a role that may read tickets, 403
    await roles('revoke', 'helpdesk_agent');
    await roles('revoke', 'viewer');
    const refused = await queue();
    expect(refused.status).toBe(403);
    expect(refused.body.items).toBeUndefined();
  });

  it('uses the ETag as the version: If-Match updates, a stale one is 412 and changes nothing', async () => {
    const t = await create(hari);
    const get = await pp
      .http()
      .get(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', hari);
    const etag = get.headers.etag;
    expect(etag).toBeTruthy();
    const notModified = await pp
      .http()
      .get(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', hari)
      .set('If-None-Match', etag);
    expect(notModified.status).toBe(304);
    const ok = await pp
      .http()
      .put(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', ines)
      .set('If-Match', etag)
      .send({ title: `${run} edited once` });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, title: `${run} edited once` });
    const stale = await pp
      .http()
      .put(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', hari)
      .set('If-Match', etag)
      .send({ title: `${run} lost edit` });
    expect(stale.status).toBe(412);
    expect(stale.body.error.name).toBe('PreconditionFailedError');
    // the version to re-read, as a field for agents
    expect(stale.body.error.current_version).toBe(2);
    const staleVersion = await pp
      .http()
      .put(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', hari)
      .send({ version: 1, title: `${run} lost edit` });
    expect(staleVersion.status).toBe(412);
    expect(staleVersion.body.error.current_version).toBe(2);
    const noVersion = await pp
      .http()
      .put(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', hari)
      .send({ title: `${run} lost edit` });
    expect(noVersion.status).toBe(400);
    const after = await pp
      .http()
      .get(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', hari);
    expect(after.body).toMatchObject({
      version: 2,
      title: `${run} edited once`,
    });
  });

  it.each([
    ['assign', 'open', { assignee_id: 'me' }],
    ['transition', 'open', { status: 'in_progress' }],
    ['escalate', 'open', { reason: 'Customer blocked for two hours' }],
    ['close', 'resolved', { resolution_notes: 'Flushed the session store.' }],
  ] as const)(
    'POST /tickets/{id}/%s needs the version like PUT: none is 400, a stale one 412, neither writes',
    async (write, from, body) => {
      const t = await create(hari);
      const get = (id: string) =>
        pp.http().get(`/pp/v1/tickets/${id}`).set('Authorization', hari);
      const post = (extra: object = {}, ifMatch?: string) => {
        const req = pp
          .http()
          .post(`/pp/v1/tickets/${t.id}/${write}`)
          .set('Authorization', ines);
        if (ifMatch) req.set('If-Match', ifMatch);
        return req.send({ ...body, ...extra });
      };
      const moves = { open: [], resolved: ['in_progress', 'resolved'] }[from];
      for (const status of moves) {
        const cur = await get(t.id);
        const moved = await pp
          .http()
          .post(`/pp/v1/tickets/${t.id}/transition`)
          .set('Authorization', hari)
          .send({ status, version: cur.body.version });
        expect(moved.status).toBe(200);
      }
      const seen = await get(t.id);
      expect(seen.body.status).toBe(from);
      // someone else changes the ticket after it was read
      const other = await pp
        .http()
        .put(`/pp/v1/tickets/${t.id}`)
        .set('Authorization', hari)
        .send({ version: seen.body.version, add_labels: ['touched'] });
      expect(other.status).toBe(200);
      const before = await get(t.id);

      const missing = await post();
      expect(missing.status).toBe(400);
      expect(missing.body.error).toEqual({
        name: 'InputError',
        message:
          'Send the version you read: a "version" field or an If-Match header with the ETag of GET /tickets/{ticket_id}',
      });
      const stale = await post({ version: seen.body.version });
      expect(stale.status).toBe(412);
      expect(stale.body.error).toMatchObject({
        name: 'PreconditionFailedError',
        message: `${t.key} is at version ${before.body.version}, not ${seen.body.version}; reload and try again`,
      });
      const staleEtag = await post({}, seen.headers.etag);
      expect(staleEtag.status).toBe(412);
      expect(staleEtag.body.error.name).toBe('PreconditionFailedError');

      const after = await get(t.id);
      expect(after.headers.etag).toBe(before.headers.etag);
      expect(after.body).toEqual(before.body);

      // with the ETag just read it goes through
      const ok = await post({}, before.headers.etag);
      expect(ok.status).toBe(200);
      expect(ok.body.version).toBe(before.body.version + 1);
    },
  );

  it('keeps every one of 50 parallel PUTs (each retries on 412 with the version it read)', async () => {
    const t = await create(hari);
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        for (let attempt = 0; attempt < 300; attempt++) {
          const cur = await pp
            .http()
            .get(`/pp/v1/tickets/${t.id}`)
            .set('Authorization', hari);
          const res = await pp
            .http()
            .put(`/pp/v1/tickets/${t.id}`)
            .set('Authorization', i % 2 ? hari : ines)
            .send({ version: cur.body.version, add_labels: [`p${i}`] });
          if (res.status === 200) return;
          expect(res.status).toBe(412);
          conflicts += 1;
        }
        throw new Error(`PUT ${i} never got through`);
      }),
    );
    const final = await pp
      .http()
      .get(`/pp/v1/tickets/${t.id}`)
      .set('Authorization', hari);
    expect(final.body.labels).toHaveLength(50);
    expect(final.body.version).toBe(51);
    expect(
      final.body.timeline.filter(
        (e: any) => e.kind === 'change' && e.field === 'labels',
      ),
    ).toHaveLength(50);
    expect(conflicts).toBeGreaterThan(0);
  });

  it('walks the lifecycle over HTTP: 409 names the allowed moves, escalation tells #helpdesk, closing needs notes', async () => {
    const t = await create(hari);
    const illegal = await pp
      .http()
      .post(`/pp/v1/tickets/${t.key}/transition`)
      .set('Authorization', hari)
      .send({ status: 'resolved', version: t.version });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.message).toContain(
      'allowed: in_progress, escalated',
    );
    // the same as fields, for agents
    expect(illegal.body.error).toMatchObject({
      name: 'ConflictError',
      status: 'open',
      allowed_transitions: ['in_progress', 'escalated'],
    });
    const assign = await pp
      .http()
      .post(`/pp/v1/tickets/${t.key}/assign`)
      .set('Authorization', hari)
      .send({ assignee_id: 'me', version: t.version });
    expect(assign.status).toBe(200);
    expect(assign.body.assignee.email).toBe('hari.helpdesk@waooaw.com');
    const started = await pp
      .http()
      .post(`/pp/v1/tickets/${t.key}/transition`)
      .set('Authorization', hari)
      .send({ status: 'in_progress', version: assign.body.version });
    expect(started.status).toBe(200);
    expect(started.body.sla.first_response_at).toBeTruthy();
    const shortReason = await pp
      .http()
      .post(`/pp/v1/tickets/${t.key}/escalate`)
      .set('Authorization', hari)
      .send({ reason: 'meh', version: started.body.version });
    expect(shortReason.status).toBe(400);
    const escalated = await pp
      .http()
      .post(`/pp/v1/tickets/${t.key}/escalate`)
      .set('Authorization', hari)
      .send({
        reason: 'Customer blocked for two hours',
        version: started.body.version,
      });
    expect(escalated.status).toBe(200);
    expect(escalated.body).toMatchObject({
      status: 'escalated',
      escalated_to: 'team_lead',
      escalation_level: 1,
    });
    await until(
      async () =>
        slack.received.some(
          m => m.text.includes(t.key) && /escalated/i.test(m.text),
        ),
      'the escalation Slack message',
    );
    const comment = await pp
      .http()
      .post(`/pp/v1/tickets/${t.key}/comments`)
      .set('Authorization', ines)
      .send({ body: 'Session store was full; flushed it.' });
    expect(comment.status).toBe(201);
    // the comment took no version but made a new one
    expect(comment.body.version).toBe(escalated.body.version + 1);
    const resolved = await pp
      .http()
      .post(`/pp/v1/tickets/${t.key}/transition`)
      .set('Authorization', ines)
      .send({ status: 'resolved', version: comment.body.version });
    expect(resolved.status).toBe(200);
    const noNotes = await pp
      .http()
      .post(`/pp/v1/tickets/${t.key}/close`)
      .set('Authorization', ines)
      .send({ version: resolved.body.version });
    expect(noNotes.status).toBe(400);
    const viewerClose = await pp
      .http()
      .post(`/pp/v1/tickets/${t.key}/close`)
      .set('Authorization', vik)
      .send({
        resolution_notes: 'Flushed the session store.',
        version: resolved.body.version,
      });
    expect(viewerClose.status).toBe(403);
    const closed = await pp
      .http()
      .post(`/pp/v1/tickets/${t.key}/close`)
      .set('Authorization', ines)
      .send({
        resolution_notes: 'Flushed the session store.',
        version: resolved.body.version,
      });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      allowed_transitions: [],
    });
    const fields = closed.body.timeline.map((e: any) =>
      e.kind === 'comment' ? 'comment' : e.field,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'created',
        'assignee',
        'status',
        'escalation_level',
        'comment',
        'resolution_notes',
        'closed_at',
      ]),
    );
  });

  it('filters and pages the queue (assignee me/unassigned, priority, text, cursor)', async () => {
    const mine = await create(ines, {
      priority: 'high',
      title: `${run} queue a`,
    });
    await pp
      .http()
      .post(`/pp/v1/tickets/${mine.id}/assign`)
      .set('Authorization', ines)
      .send({ assignee_id: 'me', version: mine.version });
    await create(ines, { priority: 'low', title: `${run} queue b` });
    await create(ines, { priority: 'critical', title: `${run} queue c` });
    const q = `${run} queue`;
    const list = async (query: string, who = vik) => {
      const res = await pp
        .http()
        .get(`/pp/v1/tickets?q=${encodeURIComponent(q)}&${query}`)
        .set('Authorization', who);
      expect(res.status).toBe(200);
      return res.body;
    };
    expect((await list('')).items.map((x: any) => x.title)).toEqual([
      `${run} queue c`,
      `${run} queue a`,
      `${run} queue b`,
    ]);
    expect(
      (await list('assignee=me', ines)).items.map((x: any) => x.id),
    ).toEqual([mine.id]);
    expect((await list('assignee=unassigned')).total_count).toBe(2);
    expect((await list('priority=high,low')).total_count).toBe(2);
    const p1 = await list('limit=2');
    expect(p1.items).toHaveLength(2);
    const p2 = await list(`limit=2&cursor=${p1.next_cursor}`);
    expect(p2.items.map((x: any) => x.title)).toEqual([`${run} queue b`]);
    expect(p2.next_cursor).toBeNull();
    const bad = await pp
      .http()
      .get('/pp/v1/tickets?status=pending')
      .set('Authorization', vik);
    expect(bad.status).toBe(400);
  });

  it('stores type-checked attachments and serves them to readers', async () => {
    const t = await create(hari);
    const text = Buffer.from('stack trace line 1\nline 2\n');
    const up = await pp
      .http()
      .post(`/pp/v1/tickets/${t.id}/attachments`)
      .set('Authorization', hari)
      .send({
        file_name: 'trace.txt',
        content_type: 'text/plain',
        content_base64: text.toString('base64'),
      });
    expect(up.status).toBe(201);
    const down = await pp
      .http()
      .get(`/pp/v1/tickets/${t.id}/attachments/${up.body.id}`)
      .set('Authorization', vik)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(down.status).toBe(200);
    expect(down.headers['content-type']).toMatch(/text\/plain/);
    expect((down.body as Buffer).equals(text)).toBe(true);
    const again = await pp
      .http()
      .get(`/pp/v1/tickets/${t.id}/attachments/${up.body.id}`)
      .set('Authorization', vik)
      .set('If-None-Match', down.headers.etag);
    expect(again.status).toBe(304);
    const wrong = await pp
      .http()
      .post(`/pp/v1/tickets/${t.id}/attachments`)
      .set('Authorization', hari)
      .send({
        file_name: 'x.png',
        content_type: 'image/png',
        content_base64: text.toString('base64'),
      });
    expect(wrong.status).toBe(400);
    const viewer = await pp
      .http()
      .post(`/pp/v1/tickets/${t.id}/attachments`)
      .set('Authorization', vik)
      .send({
        file_name: 'trace.txt',
        content_type: 'text/plain',
        content_base64: text.toString('base64'),
      });
    expect(viewer.status).toBe(403);
  });

  it('offers ticket actions to AI agents under the same permissions', async () => {
    const invoke = (who: string, action: string, body: object) =>
      pp
        .http()
        .post(
          `/api/pp-helpdesk/.backstage/actions/v1/actions/pp-helpdesk:${action}/invoke`,
        )
        .set('Authorization', who)
        .send(body);
    const listedActions = await pp
      .http()
      .get('/api/pp-helpdesk/.backstage/actions/v1/actions')
      .set('Authorization', hari);
    expect(listedActions.status).toBe(200);
    expect(listedActions.body.actions.map((a: any) => a.id).sort()).toEqual([
      'pp-helpdesk:pp-tickets-assign',
      'pp-helpdesk:pp-tickets-comment',
      'pp-helpdesk:pp-tickets-create',
      'pp-helpdesk:pp-tickets-get',
      'pp-helpdesk:pp-tickets-list',
      'pp-helpdesk:pp-tickets-transition',
    ]);
    const listAction = listedActions.body.actions.find(
      (a: any) => a.name === 'pp-tickets-list',
    );
    expect(listAction.attributes.readOnly).toBe(true);
    expect(Object.keys(listAction.schema.input.properties)).toEqual(
      expect.arrayContaining(['status', 'assignee', 'cursor']),
    );
    const created = await invoke(hari, 'pp-tickets-create', {
      type: 'incident',
      priority: 'high',
      title: `${run} from an agent`,
      description: 'Opened through the actions registry.',
    });
    expect(created.status).toBe(200);
    const key = created.body.output.ticket.key;
    // audited like the route, marked as coming through the actions registry
    const audit = await pp
      .http()
      .get('/pp/v1/audit?limit=200')
      .set('Authorization', pp.admin);
    expect(audit.status).toBe(200);
    const createdRecord = audit.body.items.find(
      (r: any) =>
        r.action === 'pp.tickets.create' && r.resource === `ticket:${key}`,
    );
    expect(createdRecord).toMatchObject({
      outcome: 'success',
      details: {
        via: 'actions',
        ticket_id: created.body.output.ticket.id,
        version: 1,
      },
    });
    const denied = await invoke(vik, 'pp-tickets-create', {
      type: 'incident',
      priority: 'high',
      title: `${run} viewer`,
      description: 'should be refused',
    });
    expect(denied.status).toBe(403);
    const listed = await invoke(vik, 'pp-tickets-list', {
      q: `${run} from an agent`,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.output.items.map((x: any) => x.key)).toEqual([key]);
    const transitionAction = listedActions.body.actions.find(
      (a: any) => a.name === 'pp-tickets-transition',
    );
    const assignAction = listedActions.body.actions.find(
      (a: any) => a.name === 'pp-tickets-assign',
    );
    expect(transitionAction.schema.input.required).toContain('version');
    expect(assignAction.schema.input.required).toContain('version');
    const noVersion = await invoke(ines, 'pp-tickets-transition', {
      ticket_id: key,
      status: 'in_progress',
    });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.name).toBe('InputError');
    const moved = await invoke(ines, 'pp-tickets-transition', {
      ticket_id: key,
      status: 'in_progress',
      version: 1,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.output.ticket).toMatchObject({
      status: 'in_progress',
      version: 2,
    });
    const staleMove = await invoke(ines, 'pp-tickets-transition', {
      ticket_id: key,
      status: 'on_hold',
      version: 1,
    });
    expect(staleMove.status).toBe(412);
    expect(staleMove.body.error).toMatchObject({
      name: 'PreconditionFailedError',
      message: expect.stringContaining('is at version 2, not 1'),
    });
    const staleAssign = await invoke(ines, 'pp-tickets-assign', {
      ticket_id: key,
      assignee_id: 'me',
      version: 1,
    });
    expect(staleAssign.status).toBe(412);
    const noVersionAssign = await invoke(ines, 'pp-tickets-assign', {
      ticket_id: key,
      assignee_id: 'me',
    });
    expect(noVersionAssign.status).toBe(400);
    const unchanged = await invoke(vik, 'pp-tickets-get', { ticket_id: key });
    expect(unchanged.body.output.ticket).toMatchObject({
      status: 'in_progress',
      version: 2,
      assignee: null,
    });
    const assigned = await invoke(ines, 'pp-tickets-assign', {
      ticket_id: key,
      assignee_id: 'me',
      version: 2,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.output.ticket.assignee.email).toBe(
      'ines.infra@waooaw.com',
    );
    const illegal = await invoke(ines, 'pp-tickets-transition', {
      ticket_id: key,
      status: 'closed',
      version: 3,
    });
    expect(illegal.status).toBe(409);
    const viewerComment = await invoke(vik, 'pp-tickets-comment', {
      ticket_id: key,
      body: 'hi',
    });
    expect(viewerComment.status).toBe(403);
  });

  it('guards the endpoints that are not in the contract like the contract ones', async () => {
    const t = await create(hari);
    const anon = await pp.http().get('/pp/v1/tickets/assignees');
    expect(anon.status).toBe(401);
    expect(
      (
        await pp
          .http()
          .get('/pp/v1/tickets/sla-policy')
          .set('Authorization', sam)
      ).status,
    ).toBe(403);
    const assignees = await pp
      .http()
      .get('/pp/v1/tickets/assignees')
      .set('Authorization', vik);
    expect(assignees.status).toBe(200);
    expect(assignees.body.items.map((p: any) => p.email)).toEqual(
      expect.arrayContaining([
        'hari.helpdesk@waooaw.com',
        'ines.infra@waooaw.com',
        'founder@waooaw.com',
      ]),
    );
    expect(assignees.body.items.map((p: any) => p.email)).not.toContain(
      'vik.viewer@waooaw.com',
    );
    const policy = await pp
      .http()
      .get('/pp/v1/tickets/sla-policy')
      .set('Authorization', hari);
    expect(policy.body.sla.low).toEqual({
      response_minutes: 1440,
      resolution_minutes: 10080,
      escalation_path: 'team_lead',
    });
    const viewerMove = await pp
      .http()
      .post(`/pp/v1/tickets/${t.id}/transition`)
      .set('Authorization', vik)
      .send({ status: 'in_progress' });
    expect(viewerMove.status).toBe(403);
    const anonAttachment = await pp
      .http()
      .get(`/pp/v1/tickets/${t.id}/attachments/${t.id}`);
    expect(anonAttachment.status).toBe(401);
    expect(
      (
        await pp
          .http()
          .get('/pp/v1/tickets/TKT-999999')
          .set('Authorization', vik)
      ).status,
    ).toBe(404);
  });

  it('links a ticket to a catalog service or agent, and refuses other or unknown entities', async () => {
    // the catalog ingests its YAML in the background after start
    const linked = await until(
      async () => {
        const res = await pp
          .http()
          .post('/pp/v1/tickets')
          .set('Authorization', hari)
          .send({
            type: 'incident',
            priority: 'high',
            title: `${run} agent misbehaves`,
            description: 'Wrong answers since the last retune.',
            entity_ref: 'Component:default/genesis-validator',
          });
        return res.status === 201 && res.body;
      },
      'the catalog to know genesis-validator',
      900,
    );
    expect(linked.entity_ref).toBe('component:default/genesis-validator');
    const byEntity = await pp
      .http()
      .get('/pp/v1/tickets?entity_ref=component:default/genesis-validator')
      .set('Authorization', vik);
    expect(byEntity.body.items.map((x: any) => x.id)).toContain(linked.id);
    const send = (entity_ref: string) =>
      pp
        .http()
        .post('/pp/v1/tickets')
        .set('Authorization', hari)
        .send({
          type: 'support',
          priority: 'low',
          title: `${run} wrong entity`,
          description: 'x',
          entity_ref,
        });
    const website = await send('component:default/platform-portal');
    expect(website.status).toBe(400);
    expect(website.body.error.message).toMatch(
      /neither a service nor an AI agent/,
    );
    const unknown = await send('component:default/no-such-service');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/not found/);
  });

  it('seeds labelled demo tickets when pp.demo.enabled', async () => {
    const demo = await until(async () => {
      const res = await pp
        .http()
        .get('/pp/v1/tickets?limit=200')
        .set('Authorization', vik);
      const items = res.body.items.filter((x: any) =>
        x.labels.includes('demo'),
      );
      return items.length >= 6 && items;
    }, 'the demo tickets');
    expect(new Set(demo.map((x: any) => x.status))).toEqual(
      new Set(['open', 'in_progress', 'on_hold', 'resolved', 'closed']),
    );
    expect(
      demo.some(
        (x: any) => x.entity_ref === 'component:default/payment-service',
      ),
    ).toBe(true);
  });
});

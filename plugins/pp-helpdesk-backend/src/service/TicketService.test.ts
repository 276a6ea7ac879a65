import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  PP_TICKET_STATUSES,
  PP_TICKET_TRANSITIONS,
  PpTicketDetail,
  PpTicketStatus,
  ppTicketAttachmentSchema,
  ppTicketDetailSchema,
  ppTicketPageSchema,
  ppTicketSettingsSchema,
} from '@internal/plugin-pp-common';
import {
  DatabaseIdentityStore,
  PpAuditEntry,
  PpNotificationMessage,
  PpTransactionalNotifier,
  PpPrincipal,
  isPostgres,
  ppJsonEtag,
  principalFromUser,
} from '@internal/plugin-pp-node';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { Knex } from 'knex';
import { DatabaseTicketStore } from '../database/DatabaseTicketStore';
import { migrateHelpdesk } from '../plugin';
import { helpdeskSettingsFromConfig } from './config';
import {
  Precondition,
  PreconditionFailedError,
  TicketService,
} from './TicketService';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

/** Records the notices a unit of work writes, once its transaction commits. */
class RecordingNotifier implements PpTransactionalNotifier {
  messages: PpNotificationMessage[] = [];
  async enqueue(
    tx: any,
    messages: PpNotificationMessage | PpNotificationMessage[],
  ) {
    const list = [messages].flat();
    const committed: Promise<unknown> | undefined = tx.executionPromise;
    if (!committed) this.messages.push(...list);
    else
      void committed.then(
        () => this.messages.push(...list),
        () => undefined,
      );
  }
  flush() {}
  async listMessages() {
    return [];
  }
  async notify(message: PpNotificationMessage) {
    this.messages.push(message);
    return [];
  }
  async deliverDue() {
    return { sent: 0, retrying: 0, failed: 0 };
  }
  async listDeliveries() {
    return [];
  }
  topics() {
    return this.messages.map(m => m.topic);
  }
}

const MIN = 60_000;

describe.each(databases.eachSupportedId())('TicketService (%s)', id => {
  let knex: Knex;
  let users: DatabaseIdentityStore;
  let now: Date;
  let notifier: RecordingNotifier;
  let audits: PpAuditEntry[];
  let agent: PpPrincipal;
  let infra: PpPrincipal;
  let lead: PpPrincipal;
  let viewer: PpPrincipal;

  const service = (config: object = {}) =>
    TicketService.create({
      database: { getClient: async () => knex, migrations: { skip: true } },
      users,
      notifier,
      settings: helpdeskSettingsFromConfig(new ConfigReader(config)),
      logger: mockServices.logger.mock(),
      audit: async entry => {
        audits.push(entry);
      },
      now: () => now,
    });
  const at = (minutes: number) => {
    now = new Date(Date.parse('2026-11-25T10:00:00Z') + minutes * MIN);
  };

  beforeAll(async () => {
    knex = await databases.init(id);
    await knex.migrate.latest({
      directory: resolvePackagePath('@internal/plugin-pp-node', 'migrations'),
    });
    await migrateHelpdesk(knex);
    users = new DatabaseIdentityStore(knex, () => now);
    await users.syncRoles();
    const person = async (email: string, roles: any[]) =>
      principalFromUser(
        await users.createUser(
          {
            email,
            name: email.split('@')[0],
            kind: 'user',
            roles,
            entityRef: null,
            status: 'active',
          } as any,
          'test',
        ),
      );
    at(0);
    agent = await person('agent@waooaw.com', ['helpdesk_agent']);
    infra = await person('infra@waooaw.com', ['infrastructure_engineer']);
    lead = await person('lead@waooaw.com', ['helpdesk_agent']);
    viewer = await person('viewer@waooaw.com', ['viewer']);
  });

  beforeEach(async () => {
    notifier = new RecordingNotifier();
    audits = [];
    at(0);
    await knex('pp_ticket_history').delete();
    await knex('pp_ticket_comments').delete();
    await knex('pp_ticket_attachments').delete();
    await knex('pp_tickets').delete();
  });

  const base = {
    type: 'support' as const,
    priority: 'medium' as const,
    title: 'Cannot sign in',
    description: 'The sign-in page loops.',
  };

  /** The version a caller reads before writing. */
  const read = async (s: TicketService, ticketId: string) => ({
    version: (await s.get(ticketId)).version,
  });

  /** A ticket brought to `status` through legal moves only. */
  async function ticketIn(s: TicketService, status: PpTicketStatus) {
    let t = await s.create(base, agent);
    const paths: Record<PpTicketStatus, PpTicketStatus[]> = {
      open: [],
      in_progress: ['in_progress'],
      on_hold: ['in_progress', 'on_hold'],
      escalated: ['escalated'],
      resolved: ['in_progress', 'resolved'],
      closed: ['in_progress', 'resolved', 'closed'],
    };
    for (const step of paths[status]) {
      t = await s.transition(
        t.id,
        {
          status: step,
          reason: 'customer is blocked for hours',
          resolution_notes: 'Fixed the redirect loop.',
        },
        agent,
        { version: t.version },
      );
    }
    return s.get(t.id);
  }

  describe('state machine', () => {
    const pairs = PP_TICKET_STATUSES.flatMap(from =>
      PP_TICKET_STATUSES.filter(to => to !== from).map(
        to => [from, to] as const,
      ),
    );
    const legal = pairs.filter(([from, to]) =>
      PP_TICKET_TRANSITIONS[from].includes(to),
    );
    const illegal = pairs.filter(
      ([from, to]) => !PP_TICKET_TRANSITIONS[from].includes(to),
    );
    const attempt = (
      s: TicketService,
      t: { id: string; version: number },
      to: PpTicketStatus,
    ) =>
      s.transition(
        t.id,
        {
          status: to,
          reason: 'needs the infra team now',
          resolution_notes: 'Root cause fixed.',
        },
        agent,
        { version: t.version },
      );

    it('covers all 30 pairs of distinct statuses', () => {
      expect(legal.length + illegal.length).toBe(30);
      expect(legal.length).toBe(13);
    });

    it.each(legal)('%s → %s is allowed and recorded', async (from, to) => {
      const s = await service();
      const t = await ticketIn(s, from);
      expect(t.status).toBe(from);
      expect(t.allowed_transitions).toEqual(PP_TICKET_TRANSITIONS[from]);
      const moved = await attempt(s, t, to);
      expect(moved.status).toBe(to);
      expect(moved.version).toBe(t.version + 1);
      const change = moved.timeline.filter(
        e => e.kind === 'change' && e.field === 'status',
      );
      expect(change[change.length - 1]).toMatchObject({
        old_value: from,
        new_value: to,
        actor: { id: agent.id },
      });
    });

    it.each(illegal)(
      '%s → %s is a conflict naming the allowed moves',
      async (from, to) => {
        const s = await service();
        const t = await ticketIn(s, from);
        expect(t.status).toBe(from);
        await expect(attempt(s, t, to)).rejects.toMatchObject({
          name: 'ConflictError',
          message: expect.stringContaining(
            `allowed: ${PP_TICKET_TRANSITIONS[from].join(', ') || 'none'}`,
          ),
        });
        expect((await s.get(t.id)).version).toBe(t.version);
      },
    );

    it('closing requires resolution notes; escalating requires a reason', async () => {
      const s = await service();
      const t = await s.create(base, agent);
      const started = await s.transition(
        t.id,
        { status: 'in_progress' },
        agent,
        { version: t.version },
      );
      const resolved = await s.transition(t.id, { status: 'resolved' }, agent, {
        version: started.version,
      });
      await expect(
        s.transition(t.id, { status: 'closed' }, agent, {
          version: resolved.version,
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/resolution notes/),
      });
      const other = await s.create(base, agent);
      await expect(
        s.transition(
          other.id,
          { status: 'escalated', reason: 'short' },
          agent,
          { version: other.version },
        ),
      ).rejects.toMatchObject({ name: 'InputError' });
      const closed = await s.close(t.id, 'Reset the session store.', agent, {
        version: resolved.version,
      });
      expect(closed).toMatchObject({
        status: 'closed',
        resolution_notes: 'Reset the session store.',
      });
      expect(closed.closed_at).toBe(now.toISOString());
      // reopen a resolved ticket
      const r2 = await ticketIn(s, 'resolved');
      const reopened = await s.transition(
        r2.id,
        { status: 'in_progress' },
        infra,
        { version: r2.version },
      );
      expect(reopened).toMatchObject({
        status: 'in_progress',
        resolved_at: null,
      });
    });
  });

  describe('SLA', () => {
    it('flags breach imminent at 80 %, breaches at 100 % and escalates a critical incident to infrastructure engineers', async () => {
      const s = await service();
      const t = await s.create(
        { ...base, type: 'incident', priority: 'critical' },
        viewer,
      );
      expect(t.sla).toMatchObject({
        response_due_at: '2026-11-25T10:15:00.000Z',
        resolution_due_at: '2026-11-25T14:00:00.000Z',
        due_at: '2026-11-25T10:15:00.000Z',
        response_state: 'ok',
      });
      at(11);
      expect(await s.runSlaCheck()).toEqual({
        warned: 0,
        breached: 0,
        escalated: 0,
        failed: 0,
      });
      at(12); // 12 of 15 minutes = 80 %
      expect(await s.runSlaCheck()).toEqual({
        warned: 1,
        breached: 0,
        escalated: 0,
        failed: 0,
      });
      const warned = await s.get(t.id);
      expect(warned.sla.response_state).toBe('breach_imminent');
      expect(
        notifier.messages.find(m => m.topic === 'helpdesk.sla.breach_imminent'),
      ).toMatchObject({
        to: { roles: ['helpdesk_agent'] }, // nobody assigned yet
      });
      at(13);
      expect(await s.runSlaCheck()).toEqual({
        warned: 0,
        breached: 0,
        escalated: 0,
        failed: 0,
      });
      at(15);
      expect(await s.runSlaCheck()).toEqual({
        warned: 0,
        breached: 1,
        escalated: 1,
        failed: 0,
      });
      const breached = await s.get(t.id);
      expect(breached).toMatchObject({
        status: 'escalated',
        escalation_level: 1,
        escalated_to: 'infrastructure_engineer',
        escalation_reason: 'SLA response target breached',
      });
      expect(breached.sla.response_state).toBe('breached');
      const breach = notifier.messages.find(
        m => m.topic === 'helpdesk.sla.breached',
      )!;
      expect(breach.email).toBe(true);
      expect(breach.to?.roles).toEqual(
        expect.arrayContaining(['infrastructure_engineer']),
      );
      const escalation = notifier.messages.find(
        m => m.topic === 'helpdesk.ticket.escalated',
      )!;
      expect(escalation.slackChannel).toBe('helpdesk');
      expect(escalation.to?.roles).toEqual(['infrastructure_engineer']);
      expect(audits.map(a => [a.principal, a.action, a.resource])).toEqual([
        [
          'plugin:pp-helpdesk/sla',
          'pp.tickets.sla.breach_imminent',
          `ticket:${t.key}`,
        ],
        [
          'plugin:pp-helpdesk/sla',
          'pp.tickets.sla.breached',
          `ticket:${t.key}`,
        ],
        ['plugin:pp-helpdesk/sla', 'pp.tickets.escalate', `ticket:${t.key}`],
      ]);
      // the history names the system as the actor of the flags
      expect(
        breached.timeline
          .filter(e => e.kind === 'change' && e.actor.id === 'pp-helpdesk-sla')
          .map(e => (e as any).field),
      ).toEqual(
        expect.arrayContaining([
          'response_warned_at',
          'response_breached_at',
          'status',
          'escalation_level',
        ]),
      );
    });

    it('first response stops the response clock; the resolution clock pauses while on hold', async () => {
      const s = await service();
      const t = await s.create(base, viewer); // medium: 8 h / 72 h
      at(30);
      const c = await s.comment(t.id, 'Looking into it', agent);
      expect(c.sla.first_response_at).toBe(now.toISOString());
      expect(c.sla.response_state).toBe('met');
      expect(c.sla.due_at).toBe(c.sla.resolution_due_at);
      const started = await s.transition(
        t.id,
        { status: 'in_progress' },
        agent,
        { version: c.version },
      );
      at(60);
      const held = await s.transition(t.id, { status: 'on_hold' }, agent, {
        version: started.version,
      });
      expect(held.sla).toMatchObject({
        resolution_state: 'paused',
        paused_since: now.toISOString(),
      });
      at(72 * 60 + 10); // past the original resolution due time, but on hold
      expect(await s.runSlaCheck()).toEqual({
        warned: 0,
        breached: 0,
        escalated: 0,
        failed: 0,
      });
      const resumed = await s.transition(
        t.id,
        { status: 'in_progress' },
        agent,
        { version: held.version },
      );
      const heldSeconds = (72 * 60 + 10 - 60) * 60;
      expect(resumed.sla.paused_seconds).toBe(heldSeconds);
      expect(resumed.sla.resolution_due_at).toBe(
        new Date(
          Date.parse('2026-11-25T10:00:00Z') +
            72 * 60 * MIN +
            heldSeconds * 1000,
        ).toISOString(),
      );
      expect(resumed.sla.resolution_state).toBe('ok');
      // 80 % of 72 h counted without the hold
      at(72 * 60 + 10 + (0.8 * 72 * 60 - 60) - 1);
      expect((await s.runSlaCheck()).warned).toBe(0);
      at(72 * 60 + 10 + (0.8 * 72 * 60 - 60));
      expect((await s.runSlaCheck()).warned).toBe(1);
    });

    it("a reporter's own comment or assignment is not a first response; moving to in_progress is", async () => {
      const s = await service();
      const t = await s.create(base, agent);
      const c = await s.comment(
        t.id,
        'More detail: it happens on Safari only',
        agent,
      );
      const assigned = await s.assign(t.id, 'me', agent, {
        version: c.version,
      });
      expect(assigned.sla.first_response_at).toBeNull();
      expect(assigned.assignee?.id).toBe(agent.id);
      at(5);
      const byOther = await s.assign(t.id, infra.id, lead, {
        version: assigned.version,
      });
      expect(byOther.sla.first_response_at).toBe(now.toISOString());
      const t2 = await s.create(base, agent);
      at(7);
      const started = await s.transition(
        t2.id,
        { status: 'in_progress' },
        agent,
        { version: t2.version },
      );
      expect(started.sla.first_response_at).toBe(now.toISOString());
    });

    it('routes escalations: medium/low to the configured team leads, else the admins; high incidents to infra', async () => {
      const withLeads = await service({
        pp: {
          helpdesk: { teamLeads: ['LEAD@waooaw.com', 'outside@example.com'] },
        },
      });
      const t = await withLeads.create({ ...base, priority: 'low' }, viewer);
      await withLeads.escalate(t.id, 'customer escalated by phone', agent, {
        version: t.version,
      });
      const m = notifier.messages.find(
        x => x.topic === 'helpdesk.ticket.escalated',
      )!;
      // the team leads by address: the notifier tells lead@ (a PP user) in the portal and by
      // email, and emails outside@ (nobody known) — resolved when delivered, not when written
      expect(m.to).toEqual({
        userIds: [],
        roles: [],
        emails: ['lead@waooaw.com', 'outside@example.com'],
      });

      notifier.messages = [];
      const noLeads = await service();
      const t2 = await noLeads.create({ ...base, priority: 'medium' }, viewer);
      await noLeads.escalate(t2.id, 'customer escalated by phone', agent, {
        version: t2.version,
      });
      expect(
        notifier.messages.find(x => x.topic === 'helpdesk.ticket.escalated')!.to
          ?.roles,
      ).toEqual(['admin']);

      notifier.messages = [];
      // config moves high to team leads, but a high incident still goes to infrastructure engineers
      const s3 = await service({
        pp: { helpdesk: { sla: { high: { escalationPath: 'team_lead' } } } },
      });
      const inc = await s3.create(
        { ...base, type: 'incident', priority: 'high' },
        viewer,
      );
      const sup = await s3.create(
        { ...base, type: 'support', priority: 'high' },
        viewer,
      );
      expect(inc.sla.policy.escalation_path).toBe('infrastructure_engineer');
      expect(sup.sla.policy.escalation_path).toBe('team_lead');
      at(121);
      const run = await s3.runSlaCheck();
      expect(run).toEqual({ warned: 0, breached: 2, escalated: 2, failed: 0 });
      const escalated = notifier.messages.filter(
        x => x.topic === 'helpdesk.ticket.escalated',
      );
      expect(escalated.map(x => x.to?.roles).sort()).toEqual([
        ['admin'],
        ['infrastructure_engineer'],
      ]);
      // manual escalation of an already escalated ticket is not a legal move
      await expect(
        s3.escalate(
          inc.id,
          'escalate once more please',
          agent,
          await read(s3, inc.id),
        ),
      ).rejects.toMatchObject({
        name: 'ConflictError',
      });
    });
  });

  it('writes a history row for every changed field and merges comments into the timeline', async () => {
    const s = await service();
    const t = await s.create({ ...base, labels: ['login'] }, agent);
    at(1);
    await s.update(
      t.id,
      {
        title: 'Cannot sign in on Safari',
        priority: 'high',
        labels: ['login', 'safari'],
        version: undefined,
      },
      infra,
      { version: t.version },
    );
    at(2);
    await s.comment(t.id, 'Reproduced on Safari 18', infra);
    at(3);
    await s.assign(t.id, lead.id, infra, await read(s, t.id));
    const d = await s.get(t.id);
    const changes = d.timeline.filter(e => e.kind === 'change') as any[];
    const byField = (f: string) => changes.filter(c => c.field === f);
    expect(byField('created')).toHaveLength(1);
    expect(byField('title')[0]).toMatchObject({
      old_value: 'Cannot sign in',
      new_value: 'Cannot sign in on Safari',
      actor: { id: infra.id, name: 'infra' },
      at: '2026-11-25T10:01:00.000Z',
    });
    expect(byField('priority')[0]).toMatchObject({
      old_value: 'medium',
      new_value: 'high',
    });
    expect(byField('labels')[0]).toMatchObject({
      old_value: 'login',
      new_value: 'login, safari',
    });
    // the policy changed with the priority: due times are history too
    expect(byField('response_due_at')[0]).toMatchObject({
      old_value: '2026-11-25T18:00:00.000Z',
      new_value: '2026-11-25T12:00:00.000Z',
    });
    expect(byField('assignee')[0]).toMatchObject({
      old_value: null,
      new_value: `lead (${lead.id})`,
    });
    expect(byField('first_response_at')).toHaveLength(1);
    const kinds = d.timeline.map(
      e => `${e.kind}:${e.kind === 'change' ? e.field : 'comment'}`,
    );
    expect(kinds.indexOf('comment:comment')).toBeGreaterThan(
      kinds.indexOf('change:title'),
    );
    expect(kinds.indexOf('comment:comment')).toBeLessThan(
      kinds.indexOf('change:assignee'),
    );
    expect(d.timeline.find(e => e.kind === 'comment')).toMatchObject({
      body: 'Reproduced on Safari 18',
    });
    // timestamps ascend
    const times = d.timeline.map(e => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('refuses a stale version (412) without writing, and PUT requires a version', async () => {
    const s = await service();
    const t = await s.create(base, agent);
    await s.update(t.id, { title: 'First edit' }, agent, { version: 1 });
    await expect(
      s.update(t.id, { title: 'Stale edit' }, infra, { version: 1 }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(
      s.update(t.id, { title: 'No version' }, infra, {}),
    ).rejects.toMatchObject({
      name: 'InputError',
    });
    // `If-Match: *` (alone, in a list, or next to a version) is no version at all
    for (const pre of [
      { ifMatch: '*' },
      { ifMatch: `"other", *` },
      { ifMatch: '*', version: 2 },
    ]) {
      await expect(
        s.update(t.id, { title: 'Any version' }, infra, pre),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /^If-Match: \* is not accepted: a ticket write needs the concrete version you read/,
        ),
      });
    }
    expect((await s.get(t.id)).title).toBe('First edit');
    // a PUT that changes nothing writes nothing
    const same = await s.update(t.id, { title: 'First edit' }, infra, {
      version: 2,
    });
    expect(same.version).toBe(2);
    const d = await s.get(t.id);
    expect(d).toMatchObject({ title: 'First edit', version: 2 });
    expect(
      d.timeline.filter(e => e.kind === 'change' && e.field === 'title'),
    ).toHaveLength(1);
  });

  describe('assign, transition, escalate and close carry the version like PUT', () => {
    type Write = (
      s: TicketService,
      ticketId: string,
      pre: Precondition,
    ) => Promise<PpTicketDetail>;
    const writes: Array<[string, PpTicketStatus, Write]> = [
      [
        'assign',
        'open',
        (s, ticketId, pre) => s.assign(ticketId, infra.id, agent, pre),
      ],
      [
        'transition',
        'open',
        (s, ticketId, pre) =>
          s.transition(
            ticketId,
            { status: 'in_progress', comment: 'Starting on it' },
            agent,
            pre,
          ),
      ],
      [
        'escalate',
        'in_progress',
        (s, ticketId, pre) =>
          s.escalate(ticketId, 'customer is blocked for hours', agent, pre),
      ],
      [
        'close',
        'resolved',
        (s, ticketId, pre) =>
          s.close(ticketId, 'Fixed the redirect loop for good.', agent, pre),
      ],
    ];

    it.each(writes)(
      '%s: no version is an InputError, a stale version or ETag a 412, and neither writes anything',
      async (_name, from, write) => {
        const s = await service();
        const seen = await ticketIn(s, from);
        // someone else changes the ticket after it was read
        await s.update(seen.id, { add_labels: ['touched'] }, lead, {
          version: seen.version,
        });
        const current = await s.get(seen.id);
        notifier.messages = [];
        audits = [];

        await expect(write(s, seen.id, {})).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(
            /Send the version you read: a "version" field or an If-Match header/,
          ),
        });
        await expect(write(s, seen.id, { ifMatch: '*' })).rejects.toMatchObject(
          {
            name: 'InputError',
            message: expect.stringContaining('If-Match: * is not accepted'),
          },
        );
        await expect(
          write(s, seen.id, { version: seen.version }),
        ).rejects.toMatchObject({
          name: 'PreconditionFailedError',
          message: expect.stringContaining(
            `is at version ${current.version}, not ${seen.version}`,
          ),
        });
        await expect(
          write(s, seen.id, { ifMatch: ppJsonEtag(seen) }),
        ).rejects.toBeInstanceOf(PreconditionFailedError);

        // nothing written: same version, timeline, fields; nobody notified
        expect(await s.get(seen.id)).toEqual(current);
        expect(notifier.messages).toEqual([]);

        // the same write with the version just read goes through
        const done = await write(s, seen.id, { version: current.version });
        expect(done.version).toBe(current.version + 1);
        const byEtag = await ticketIn(s, from);
        expect(
          (await write(s, byEtag.id, { ifMatch: ppJsonEtag(byEtag) })).version,
        ).toBe(byEtag.version + 1);
      },
    );
  });

  it('takes comments and attachments without a version: 20 concurrent comments all land', async () => {
    const s = await service();
    const t = await s.create(base, agent);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.comment(t.id, `comment ${i}`, i % 2 ? infra : lead),
      ),
    );
    expect(results).toHaveLength(20);
    const d = await s.get(t.id);
    expect(d.version).toBe(21);
    expect(
      d.timeline
        .filter(e => e.kind === 'comment')
        .map(e => (e as any).body)
        .sort(),
    ).toEqual(Array.from({ length: 20 }, (_, i) => `comment ${i}`).sort());
  });

  it('keeps all 50 of 50 concurrent updates (optimistic concurrency with retry on 412)', async () => {
    const s = await service();
    const t = await s.create(base, agent);
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        for (let attempt = 0; attempt < 500; attempt++) {
          const current = await s.get(t.id);
          try {
            await s.update(t.id, { add_labels: [`l${i}`] }, agent, {
              version: current.version,
            });
            return;
          } catch (e) {
            if (!(e instanceof PreconditionFailedError)) throw e;
            conflicts += 1;
          }
        }
        throw new Error(`update ${i} never got through`);
      }),
    );
    const d = await s.get(t.id);
    expect(d.labels).toHaveLength(50);
    expect(new Set(d.labels)).toEqual(
      new Set(Array.from({ length: 50 }, (_, i) => `l${i}`)),
    );
    expect(d.version).toBe(51);
    expect(
      d.timeline.filter(e => e.kind === 'change' && e.field === 'labels'),
    ).toHaveLength(50);
    expect(conflicts).toBeGreaterThan(0);
  });

  it('lists the queue by SLA due time with filters and cursor paging', async () => {
    const s = await service();
    const made = [];
    for (const [i, priority] of (
      [
        'low',
        'critical',
        'medium',
        'high',
        'critical',
        'low',
        'medium',
      ] as const
    ).entries()) {
      at(i);
      made.push(
        await s.create(
          { ...base, priority, title: `Ticket ${i} ${priority}` },
          agent,
        ),
      );
    }
    await s.assign(made[1].id, infra.id, agent, { version: 1 });
    const started = await s.transition(
      made[6].id,
      { status: 'in_progress' },
      agent,
      { version: 1 },
    );
    await s.transition(made[6].id, { status: 'resolved' }, agent, {
      version: started.version,
    });
    const all = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await s.list({ limit: 3, cursor }, agent);
      expect(res.total_count).toBe(7);
      all.push(...res.items);
      if (!res.next_cursor) break;
      cursor = res.next_cursor;
    }
    expect(all).toHaveLength(7);
    expect(all.map(x => x.title)).toEqual([
      'Ticket 1 critical',
      'Ticket 4 critical',
      'Ticket 3 high',
      'Ticket 2 medium',
      'Ticket 0 low',
      'Ticket 5 low',
      'Ticket 6 medium', // resolved: last
    ]);
    expect((await s.list({ priority: ['critical'] }, agent)).total_count).toBe(
      2,
    );
    expect((await s.list({ status: ['resolved'] }, agent)).items[0].id).toBe(
      made[6].id,
    );
    expect((await s.list({ assignee: 'unassigned' }, agent)).total_count).toBe(
      6,
    );
    expect(
      (await s.list({ assignee: 'me' }, infra)).items.map(x => x.id),
    ).toEqual([made[1].id]);
    expect(
      (await s.list({ q: 'TICKET 3' }, agent)).items.map(x => x.id),
    ).toEqual([made[3].id]);
    expect(
      (await s.list({ q: made[5].key }, agent)).items.map(x => x.id),
    ).toEqual([made[5].id]);
    expect((await s.list({ q: '100%_' }, agent)).total_count).toBe(0);
    // created from an instant (the SLA job's recomputed days): tickets 4, 5 and 6, in queue order
    expect(
      (
        await s.list({ created_from: '2026-11-25T10:04:00.000Z' }, agent)
      ).items.map(x => x.title),
    ).toEqual(['Ticket 4 critical', 'Ticket 5 low', 'Ticket 6 medium']);
    expect(
      (
        await s.list(
          { created_from: '2026-11-25T12:04:00+02:00', priority: ['critical'] },
          agent,
        )
      ).total_count,
    ).toBe(1);
    // a text search pages in queue order too (PostgreSQL: counted, then collected and sorted)
    const found: string[] = [];
    let next: string | undefined;
    do {
      const res = await s.list({ q: 'ticket', limit: 3, cursor: next }, agent);
      expect(res.total_count).toBe(7);
      found.push(...res.items.map(x => x.title));
      next = res.next_cursor ?? undefined;
    } while (next);
    expect(found).toEqual(all.map(x => x.title));
    // PostgreSQL tests the first tickets in queue order first (here 3): a word in all of them
    // settles the first page there, with "at least 3"; a rarer one is counted through the index
    const probing = await DatabaseTicketStore.create({
      database: { getClient: async () => knex, migrations: { skip: true } },
      textProbeSize: 3,
    });
    const common = await probing.page({ q: 'ticket' }, { limit: 2 });
    expect(common.rows.map(r => r.title)).toEqual(
      all.slice(0, 2).map(x => x.title),
    );
    expect(common).toMatchObject(
      isPostgres(knex)
        ? { total_count: 3, total_exact: false }
        : { total_count: 7, total_exact: true },
    );
    expect(common.next_cursor).not.toBeNull();
    const rare = await probing.page({ q: 'ticket 6' }, { limit: 2 });
    expect(rare.rows.map(r => r.title)).toEqual(['Ticket 6 medium']);
    expect(rare).toMatchObject({
      total_count: 1,
      total_exact: true,
      next_cursor: null,
    });
    // a rarer word pages through its matches, counted on every page
    const pages = async (store: DatabaseTicketStore, q: string) => {
      const seen: Array<{ titles: string[]; total: number; exact: boolean }> =
        [];
      let after: string | undefined;
      do {
        const res = await store.page({ q }, { limit: 1, cursor: after });
        seen.push({
          titles: res.rows.map(r => r.title),
          total: res.total_count,
          exact: res.total_exact,
        });
        after = res.next_cursor ?? undefined;
      } while (after);
      return seen;
    };
    expect(await pages(probing, 'medium')).toEqual([
      { titles: ['Ticket 2 medium'], total: 2, exact: true },
      { titles: ['Ticket 6 medium'], total: 2, exact: true },
    ]);
    // more matches than the cap: "at least" the cap, the pages in queue order all the same
    const capped = await DatabaseTicketStore.create({
      database: { getClient: async () => knex, migrations: { skip: true } },
      textProbeSize: 3,
      countCap: 1,
    });
    expect(await pages(capped, 'low')).toEqual([
      { titles: ['Ticket 0 low'], total: 1, exact: false },
      { titles: ['Ticket 5 low'], total: 1, exact: false },
    ]);
    await expect(s.list({ cursor: 'garbage' }, agent)).rejects.toMatchObject({
      name: 'InputError',
    });
  });

  it('stores attachments in the database after checking type and size', async () => {
    const s = await service({
      pp: { helpdesk: { attachments: { maxBytes: 1024 } } },
    });
    const t = await s.create(base, agent);
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a', 'hex'),
      Buffer.alloc(20, 1),
    ]);
    const a = await s.addAttachment(
      t.key,
      { file_name: 'shot.png', content_type: 'image/png', content: png },
      agent,
    );
    expect(a).toMatchObject({
      file_name: 'shot.png',
      size_bytes: 28,
      uploaded_by: agent.id,
    });
    expect((await s.getAttachment(t.id, a.id)).content.equals(png)).toBe(true);
    await expect(
      s.addAttachment(
        t.id,
        {
          file_name: 'x.png',
          content_type: 'image/png',
          content: Buffer.from('not a png'),
        },
        agent,
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/not image\/png/),
    });
    await expect(
      s.addAttachment(
        t.id,
        {
          file_name: 'x.exe',
          content_type: 'application/x-msdownload',
          content: png,
        },
        agent,
      ),
    ).rejects.toMatchObject({ name: 'InputError' });
    await expect(
      s.addAttachment(
        t.id,
        {
          file_name: 'big.txt',
          content_type: 'text/plain',
          content: Buffer.alloc(2000, 65),
        },
        agent,
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/1024/),
    });
    const d = await s.get(t.id);
    expect(d.attachments.map(x => x.id)).toEqual([a.id]);
    expect(
      d.timeline.some(e => e.kind === 'change' && e.field === 'attachment'),
    ).toBe(true);
  });

  it('only staff who may work on tickets can be assigned', async () => {
    const s = await service();
    const t = await s.create(base, agent);
    await expect(
      s.assign(t.id, viewer.id, agent, { version: t.version }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/cannot work on tickets/),
    });
    await expect(
      s.assign(t.id, 'no-such-user', agent, { version: t.version }),
    ).rejects.toMatchObject({ name: 'InputError' });
    expect((await s.assignees()).map(p => p.id).sort()).toEqual(
      [agent.id, infra.id, lead.id].sort(),
    );
  });

  describe('SLA history survives re-planning (issue 11)', () => {
    it('a breached ticket whose type changes is not breached, escalated or notified again', async () => {
      const s = await service();
      const t = await s.create(
        { ...base, type: 'incident', priority: 'critical' },
        viewer,
      );
      at(15);
      expect(await s.runSlaCheck()).toMatchObject({
        breached: 1,
        escalated: 1,
      });
      const breached = await s.get(t.id);
      const sent = notifier.topics().length;
      // incident → support (same priority): the same deadline under a re-planned policy
      at(16);
      const retyped = await s.update(t.id, { type: 'support' }, agent, {
        version: breached.version,
      });
      expect(retyped.sla.breached_at).toBe(breached.sla.breached_at);
      at(17);
      expect(await s.runSlaCheck()).toEqual({
        warned: 0,
        breached: 0,
        escalated: 0,
        failed: 0,
      });
      const after = await s.get(t.id);
      expect(after.escalation_level).toBe(1);
      expect(notifier.topics().slice(sent)).toEqual([]);
      expect(
        await knex('pp_ticket_sla_events')
          .where({ ticket_id: t.id })
          .orderBy('id')
          .select('target', 'kind'),
      ).toEqual([{ target: 'response', kind: 'breached' }]);
    });

    it('downgrading critical → low keeps breached_at (no laundering) and the history says so', async () => {
      const s = await service();
      const t = await s.create(
        { ...base, type: 'incident', priority: 'critical' },
        viewer,
      );
      at(15);
      await s.runSlaCheck();
      const breached = await s.get(t.id);
      expect(breached.sla.breached_at).not.toBeNull();
      at(20);
      const low = await s.update(t.id, { priority: 'low' }, agent, {
        version: breached.version,
      });
      expect(low.sla).toMatchObject({
        breached_at: breached.sla.breached_at,
        response_state: 'breached',
        response_due_at: '2026-11-26T10:00:00.000Z', // the low policy's 24 h
      });
      // no history row sets a warning or breach back to nothing
      expect(
        low.timeline.filter(
          e =>
            e.kind === 'change' &&
            /_(warned|breached)_at$/.test(e.field) &&
            e.new_value === null,
        ),
      ).toEqual([]);
      // the new, later deadline of a target already breached is not breached again
      at(24 * 60 + 5);
      const sent = notifier.topics().length;
      expect((await s.runSlaCheck()).breached).toBe(0);
      expect(
        notifier
          .topics()
          .slice(sent)
          .filter(x => x === 'helpdesk.sla.breached'),
      ).toEqual([]);
    });

    it('an upgrade makes a target not yet warned due at once, and tells about it once', async () => {
      const s = await service();
      const t = await s.create({ ...base, priority: 'low' }, viewer);
      at(30);
      const up = await s.update(t.id, { priority: 'critical' }, agent, {
        version: t.version,
      });
      expect(up.sla.response_due_at).toBe('2026-11-25T10:15:00.000Z');
      expect(await s.runSlaCheck()).toMatchObject({ breached: 1 });
      at(31);
      expect(await s.runSlaCheck()).toMatchObject({ breached: 0, warned: 0 });
      expect(
        notifier.topics().filter(x => x === 'helpdesk.sla.breached'),
      ).toHaveLength(1);
    });
  });

  describe('closed is final (issue 11)', () => {
    it('refuses every field change of a closed ticket with 409 and takes comments', async () => {
      const s = await service();
      const t = await ticketIn(s, 'closed');
      const edits: Array<[string, object]> = [
        ['title', { title: 'Renamed after closing' }],
        ['priority', { priority: 'critical' }],
        ['resolution_notes', { resolution_notes: null }],
        ['labels', { add_labels: ['late'] }],
        ['type', { type: 'incident' }],
      ];
      for (const [field, edit] of edits) {
        await expect(
          s.update(t.id, edit, agent, { version: t.version }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: expect.stringContaining(field),
          // the same as fields of the error body, for agents
          status: 'closed',
          allowed_transitions: [],
          fields: expect.arrayContaining([field]),
        });
      }
      await expect(
        s.assign(t.id, infra.id, agent, { version: t.version }),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await expect(
        s.addAttachment(
          t.id,
          {
            file_name: 'late.txt',
            content_type: 'text/plain',
            content: Buffer.from('after the fact'),
          },
          agent,
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      const unchanged = await s.get(t.id);
      expect(unchanged).toMatchObject({
        title: t.title,
        priority: t.priority,
        resolution_notes: 'Fixed the redirect loop.',
        version: t.version,
      });
      const commented = await s.comment(
        t.id,
        'Customer confirms the fix.',
        infra,
      );
      expect(commented.status).toBe('closed');
      expect(commented.timeline.at(-1)).toMatchObject({
        kind: 'comment',
        body: 'Customer confirms the fix.',
      });
    });
  });

  it('the SLA job reports a ticket it cannot process and goes on with the others (issue 11)', async () => {
    const s = await service();
    const bad = await s.create({ ...base, priority: 'critical' }, viewer);
    at(1);
    const good = await s.create({ ...base, priority: 'critical' }, viewer);
    // a row the job cannot read (its labels are not JSON); it sorts first
    await knex('pp_tickets')
      .where({ id: bad.id })
      .update({ labels: '{broken' });
    at(13);
    expect(await s.runSlaCheck()).toEqual({
      warned: 1,
      breached: 0,
      escalated: 0,
      failed: 1,
    });
    expect((await s.get(good.id)).sla.response_state).toBe('breach_imminent');
    expect(audits).toContainEqual(
      expect.objectContaining({
        action: 'pp.tickets.sla.check',
        resource: `ticket:${bad.id}`,
        outcome: 'failure',
      }),
    );
    // left for a later run, not retried on every one
    const row = await knex('pp_tickets').where({ id: bad.id }).first();
    expect(new Date(row.next_sla_check_at).getTime()).toBe(
      now.getTime() + 5 * MIN,
    );
  });

  it('keeps the queue total in counters and searches words through the index (issue 11)', async () => {
    const s = await service();
    const a = await s.create(
      {
        ...base,
        title: 'Payment webhook retries',
        description: 'Razorpay callbacks',
      },
      agent,
    );
    await s.create(
      {
        ...base,
        priority: 'high',
        title: 'Sign-in loop',
        description: 'Safari only',
      },
      agent,
    );
    await s.transition(a.id, { status: 'in_progress' }, agent, { version: 1 });
    const counts = await knex('pp_ticket_counts')
      .where('n', '>', 0)
      .orderBy(['priority', 'status'])
      .select('priority', 'status');
    expect(counts.map(c => ({ ...c }))).toEqual([
      { priority: 'high', status: 'open' },
      { priority: 'medium', status: 'in_progress' },
    ]);
    expect(await s.list({}, agent)).toMatchObject({
      total_count: 2,
      total_count_exact: true,
    });
    expect(await s.list({ status: ['open'] }, agent)).toMatchObject({
      total_count: 1,
    });
    const titles = async (q: string) =>
      (await s.list({ q }, agent)).items.map(x => x.title);
    expect(await titles('razor')).toEqual(['Payment webhook retries']);
    expect(await titles('PAY webh')).toEqual(['Payment webhook retries']);
    expect(await titles('sign loop')).toEqual(['Sign-in loop']);
    expect(await titles('safari payment')).toEqual([]);
    expect(await titles('ayment')).toEqual([]); // words match from their start
    // title edits reach the index
    await s.update(a.id, { title: 'Refund webhook retries' }, agent, {
      version: (await s.get(a.id)).version,
    });
    expect(await titles('refund')).toEqual(['Refund webhook retries']);
    expect(await titles('payment')).toEqual([]);
  });
  it('answers as the pp-common schemas say (every field, nullable vs absent)', async () => {
    const s = await service();
    const strict = <T>(schema: { parse(v: unknown): T }, value: unknown) =>
      // a JSON round trip, as the router sends it
      schema.parse(JSON.parse(JSON.stringify(value)));
    const fresh = await s.create(
      { ...base, labels: ['login'], entity_ref: 'component:default/portal' },
      agent,
    );
    strict(ppTicketDetailSchema, fresh);
    let t = await s.assign(fresh.id, 'me', agent, { version: fresh.version });
    t = await s.comment(t.id, 'Looking into it', agent);
    const attachment = await s.addAttachment(
      t.id,
      {
        file_name: 'log.txt',
        content_type: 'text/plain',
        content: Buffer.from('hello'),
      },
      agent,
    );
    strict(ppTicketAttachmentSchema, attachment);
    at(30);
    t = await s.escalate(t.id, 'customer is blocked for hours', agent, {
      version: (await s.get(t.id)).version,
    });
    t = await s.transition(
      t.id,
      { status: 'resolved', resolution_notes: 'Fixed the redirect loop.' },
      agent,
      { version: t.version },
    );
    t = await s.close(t.id, 'Fixed the redirect loop for good.', agent, {
      version: t.version,
    });
    const detail = strict(ppTicketDetailSchema, await s.get(t.id));
    expect(detail.timeline.map(e => e.kind)).toContain('comment');
    expect(detail.attachments).toHaveLength(1);
    strict(ppTicketPageSchema, await s.list({}, agent));
    strict(ppTicketPageSchema, await s.list({ limit: 1 }, agent));
    const { sla, attachments } = s.settings;
    strict(ppTicketSettingsSchema, {
      sla,
      attachments: {
        max_bytes: attachments.maxBytes,
        content_types: attachments.contentTypes,
      },
    });
  });
});

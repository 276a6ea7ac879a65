import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ppTestDatabases } from '../testUtils';
import {
  DatabaseAuditStore,
  DatabaseAuditStoreOptions,
} from './DatabaseAuditStore';
import { AUDIT_GENESIS_HASH, auditHash, auditHmac } from './auditHash';

jest.setTimeout(60_000);
const databases = ppTestDatabases();
const migrations = resolvePackagePath('@internal/plugin-pp-node', 'migrations');
const SECRET = 'test-audit-secret-0123456789abcdefghijklmnop';

describe.each(databases.eachSupportedId())(
  'DatabaseAuditStore (%s)',
  databaseId => {
    async function setUp(options: Partial<DatabaseAuditStoreOptions> = {}) {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrations });
      return {
        knex,
        audit: new DatabaseAuditStore(knex, { secret: SECRET, ...options }),
      };
    }

    async function fill(audit: DatabaseAuditStore, n: number) {
      for (let i = 0; i < n; i++) {
        await audit.append({
          principal: `user:pp/u${i}`,
          action: 'pp.users.create',
          resource: `/pp/v1/users/${i}`,
          outcome: i % 3 ? 'success' : 'denied',
          reason: i % 3 ? null : 'no role',
          requestId: `req-${i}`,
          details: { i, nested: { ok: true } },
        });
      }
    }

    it('links every row to the previous one and verifies an intact chain', async () => {
      const { audit } = await setUp();
      expect(await audit.verify()).toMatchObject({
        ok: true,
        checked: 0,
        first_broken_id: null,
        missing_tail: null,
      });
      await fill(audit, 5);
      const rows = await audit.list({ limit: 10 });
      expect(rows).toHaveLength(5);
      expect(rows[0].prev_hash).toBe(rows[1].hash);
      expect(rows[4].prev_hash).toBe('0'.repeat(64));
      expect(rows[0].details).toEqual({ i: 4, nested: { ok: true } });
      expect(await audit.verify(2)).toMatchObject({
        ok: true,
        checked: 5,
        first_broken_id: null,
        head_id: rows[0].id,
        problem: null,
      });
      expect(
        (await audit.list({ limit: 2, beforeId: rows[1].id })).map(r => r.id),
      ).toEqual([rows[2].id, rows[3].id]);
    });

    it('names the first tampered row', async () => {
      const { audit, knex } = await setUp();
      await fill(audit, 6);
      const rows = await audit.list({ limit: 10 });
      const third = rows[3];
      await knex('pp_audit_logs')
        .where({ id: third.id })
        .update({ action: 'pp.users.read' });
      expect(await audit.verify()).toMatchObject({
        ok: false,
        checked: 3,
        first_broken_id: third.id,
      });
    });

    it('detects a deleted row', async () => {
      const { audit, knex } = await setUp();
      await fill(audit, 4);
      const rows = await audit.list({ limit: 10 });
      await knex('pp_audit_logs').where({ id: rows[2].id }).del();
      expect(await audit.verify()).toMatchObject({
        ok: false,
        first_broken_id: rows[1].id,
      });
    });

    it('keys the chain: a tampered row re-hashed without the secret does not verify', async () => {
      const { audit, knex } = await setUp();
      await fill(audit, 4);
      const rows = (await audit.list({ limit: 10 })).reverse();
      const target = rows[2];
      const changed = { ...target, action: 'pp.users.read', details: null };
      // What someone with write access but no key can do: recompute sha256 (the old scheme, also
      // claiming hash_version 1), or an HMAC with a guessed key, and relink the next row.
      for (const [hash, version] of [
        [auditHash(target.prev_hash, changed), 1],
        [auditHmac('a-guessed-key', target.prev_hash, changed), 2],
      ] as const) {
        await knex('pp_audit_logs').where({ id: target.id }).update({
          action: changed.action,
          details: null,
          hash,
          hash_version: version,
        });
        await knex('pp_audit_logs')
          .where({ id: rows[3].id })
          .update({ prev_hash: hash });
        expect(await audit.verify()).toMatchObject({
          ok: false,
          first_broken_id: target.id,
        });
      }
      // The same rows under another key do not verify either.
      const other = new DatabaseAuditStore(knex, {
        secret: 'another-audit-secret-0123456789abcdefghij',
      });
      expect(await other.verify()).toMatchObject({
        ok: false,
        first_broken_id: rows[0].id,
      });
    });

    it('still verifies rows written with the old sha256 scheme before the migration', async () => {
      const knex = await databases.init(databaseId);
      // The schema as it was before the hardening, with rows of the old scheme.
      await knex.migrate.up({
        directory: migrations,
        name: '20261125000000_identity.js',
      });
      let prev = AUDIT_GENESIS_HASH;
      for (let i = 0; i < 3; i++) {
        const row = {
          principal: 'user:pp/old',
          action: `old.${i}`,
          resource: null,
          outcome: 'success',
          reason: null,
          request_id: null,
          details: null,
          created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        };
        const hash = auditHash(prev, row);
        await knex('pp_audit_logs').insert({ ...row, prev_hash: prev, hash });
        prev = hash;
      }
      await knex.migrate.latest({ directory: migrations });
      const audit = new DatabaseAuditStore(knex, { secret: SECRET });
      expect(await audit.verify()).toMatchObject({
        ok: true,
        checked: 3,
        legacy_rows: 3,
      });
      await fill(audit, 2);
      expect(await audit.verify()).toMatchObject({
        ok: true,
        checked: 5,
        legacy_rows: 3,
      });
      // An unkeyed row after the migration boundary is refused, even if its links are right.
      const head = (await audit.list({ limit: 1 }))[0];
      const forged = {
        principal: 'user:pp/evil',
        action: 'forged',
        resource: null,
        outcome: 'success',
        reason: null,
        request_id: null,
        details: null,
        created_at: new Date().toISOString(),
      };
      const [inserted] = await knex('pp_audit_logs')
        .insert({
          ...forged,
          prev_hash: head.hash,
          hash: auditHash(head.hash, forged),
          hash_version: 1,
        })
        .returning('id');
      const forgedId = Number(
        typeof inserted === 'object' ? inserted.id : inserted,
      );
      expect(await audit.verify()).toMatchObject({
        ok: false,
        first_broken_id: forgedId,
      });
    });

    it('reports a missing tail: the newest rows deleted after a checkpoint', async () => {
      const { audit, knex } = await setUp({ checkpointEvery: 5 });
      await fill(audit, 12);
      // Every 5 appends, and on demand (the timer) for the head.
      const cp = await audit.checkpoint();
      expect(cp).toMatchObject({ row_count: 12 });
      expect(
        await knex('pp_audit_checkpoints').where({ kind: 'checkpoint' }),
      ).toHaveLength(3);
      expect(await audit.verify()).toMatchObject({
        ok: true,
        checked: 12,
        checkpoints: {
          checked: 3,
          latest: { id: cp!.id, head_id: cp!.head_id },
        },
        missing_tail: null,
      });

      const rows = await audit.list({ limit: 12 });
      await knex('pp_audit_logs')
        .whereIn(
          'id',
          rows.slice(0, 3).map(r => r.id),
        )
        .del();
      const result = await audit.verify();
      expect(result).toMatchObject({
        ok: false,
        checked: 9,
        first_broken_id: null,
        missing_tail: {
          checkpoint: { id: cp!.id, head_id: rows[0].id, row_count: 12 },
          last_present_id: rows[3].id,
          missing_rows: 3,
        },
      });
      expect(result.problem).toContain('3 of the newest rows are missing');
    });

    it('checkpoints on the timer when the head moved', async () => {
      const { audit, knex } = await setUp({ checkpointIntervalMs: 50 });
      try {
        await fill(audit, 2);
        for (let i = 0; i < 100; i++) {
          const cps = await knex('pp_audit_checkpoints').where({
            kind: 'checkpoint',
          });
          if (cps.length) break;
          await new Promise(r => setTimeout(r, 20));
        }
        const cps = await knex('pp_audit_checkpoints').where({
          kind: 'checkpoint',
        });
        expect(cps).toHaveLength(1);
        expect(Number(cps[0].row_count)).toBe(2);
        // Idle head: no new checkpoint.
        await new Promise(r => setTimeout(r, 200));
        expect(
          await knex('pp_audit_checkpoints').where({ kind: 'checkpoint' }),
        ).toHaveLength(1);
      } finally {
        audit.close();
      }
    });

    it('refuses a forged or moved checkpoint', async () => {
      const { audit, knex } = await setUp({ checkpointEvery: 3 });
      await fill(audit, 6);
      const rows = await audit.list({ limit: 10 });
      // Deleting the tail and moving the checkpoint back to match needs the key.
      await knex('pp_audit_logs').whereIn('id', [rows[0].id, rows[1].id]).del();
      const newest = await knex('pp_audit_checkpoints')
        .where({ kind: 'checkpoint' })
        .orderBy('id', 'desc')
        .first();
      await knex('pp_audit_checkpoints')
        .where({ id: newest.id })
        .update({ head_id: rows[2].id, head_hash: rows[2].hash, row_count: 4 });
      expect(await audit.verify()).toMatchObject({
        ok: false,
        checkpoints: { first_broken_id: Number(newest.id) },
      });
    });

    it('keeps the chain intact under concurrent appends', async () => {
      const { audit } = await setUp({ checkpointEvery: 7 });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          audit.append({ principal: 'p', action: `a${i}`, outcome: 'success' }),
        ),
      );
      expect(await audit.verify()).toMatchObject({
        ok: true,
        checked: 20,
        first_broken_id: null,
        checkpoints: { checked: 2 },
      });
    });

    it('bounds what it stores: a 5,000-character resource and a NUL in the reason still append', async () => {
      const { audit, knex } = await setUp();
      const record = await audit.append({
        principal: 'user:pp/u',
        action: 'GET authenticate',
        resource: `/api/pp-users/users/${'x'.repeat(5000)}`,
        outcome: 'denied',
        reason: `bad\u0000token ${'y'.repeat(10_000)}`,
        requestId: 'r'.repeat(200),
      });
      expect(record.resource!.length).toBeLessThanOrEqual(512);
      expect(record.resource).toMatch(
        /^\/api\/pp-users\/users\/x+…\[truncated\]$/,
      );
      expect(record.reason!.length).toBeLessThanOrEqual(4000);
      expect(record.reason).not.toContain('\u0000');
      const [stored] = await knex('pp_audit_logs');
      expect(stored.resource).toBe(record.resource);
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 1 });
    });

    it('counts anonymous denials instead of chaining a row each', async () => {
      const { audit, knex } = await setUp();
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          audit.record({
            principal: 'anonymous',
            action: `${i % 2 ? 'GET' : 'POST'} authenticate`,
            resource: `/api/pp-helpdesk/tickets/${i}`,
            outcome: 'denied',
            reason: 'Missing credentials',
          }),
        ),
      );
      const [{ count: chained }] = await knex('pp_audit_logs').count({
        count: '*',
      });
      expect(Number(chained)).toBe(0);
      const counters = await audit.anonymousDenials();
      // 1000 requests → one row per minute and key (two keys; a minute boundary may split them).
      expect(counters.length).toBeGreaterThanOrEqual(2);
      expect(counters.length).toBeLessThanOrEqual(4);
      expect(counters.reduce((sum, c) => sum + c.count, 0)).toBe(1000);
      expect(counters[0]).toMatchObject({
        reason: 'Missing credentials',
        path_prefix: '/api/pp-helpdesk/tickets',
      });

      // A flood of distinct paths and reasons is folded beyond 100 keys a minute.
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          audit.record({
            principal: 'anonymous',
            action: 'GET authenticate',
            resource: `/api/x${i}/y`,
            outcome: 'denied',
            reason: `reason ${i}`,
          }),
        ),
      );
      const after = await audit.anonymousDenials({ limit: 1000 });
      expect(after.length).toBeLessThanOrEqual(4 + 2 * 101);
      expect(after.reduce((sum, c) => sum + c.count, 0)).toBe(2000);
      // A named principal's denial is still chained.
      await audit.record({
        principal: 'user:pp/v',
        action: 'pp.audit.read',
        outcome: 'denied',
      });
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 1 });
    });

    if (databaseId === 'POSTGRES_15') {
      it('never waits for the chain lock to count anonymous denials', async () => {
        const { audit, knex } = await setUp();
        let release!: () => void;
        const held = new Promise<void>(r => (release = r));
        let locked!: () => void;
        const isLocked = new Promise<void>(r => (locked = r));
        const holder = knex.transaction(async (tx: Knex.Transaction) => {
          await tx.raw('select pg_advisory_xact_lock(?)', [7_305_001]);
          locked();
          await held;
        });
        await isLocked;
        try {
          const counted = Promise.all(
            Array.from({ length: 200 }, () =>
              audit.record({
                principal: 'anonymous',
                action: 'GET authenticate',
                resource: '/api/pp-users/users',
                outcome: 'denied',
                reason: 'Missing credentials',
              }),
            ),
          ).then(() => 'counted');
          const timeout = new Promise(r =>
            setTimeout(() => r('blocked'), 5000),
          );
          expect(await Promise.race([counted, timeout])).toBe('counted');
        } finally {
          release();
          await holder;
        }
      });
    }

    it('writes permission checks in batches', async () => {
      const { audit, knex } = await setUp();
      const now = new Date();
      await audit.recordPermissionChecks(
        Array.from({ length: 450 }, (_, i) => ({
          principal: 'user:pp/x',
          permission: 'pp.users.read',
          allowed: i % 2 === 0,
          checkedAt: now,
        })),
      );
      const [{ count }] = await knex('pp_permission_checks').count({
        count: '*',
      });
      expect(Number(count)).toBe(450);
    });
  },
);

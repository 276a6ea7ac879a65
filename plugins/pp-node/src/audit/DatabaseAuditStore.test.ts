import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ppTestDatabases } from '../testUtils';
import { DatabaseAuditStore } from './DatabaseAuditStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseAuditStore (%s)',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({
        directory: resolvePackagePath('@internal/plugin-pp-node', 'migrations'),
      });
      return { knex, audit: new DatabaseAuditStore(knex) };
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
      expect(await audit.verify()).toEqual({
        ok: true,
        checked: 0,
        first_broken_id: null,
      });
      await fill(audit, 5);
      const rows = await audit.list({ limit: 10 });
      expect(rows).toHaveLength(5);
      expect(rows[0].prev_hash).toBe(rows[1].hash);
      expect(rows[4].prev_hash).toBe('0'.repeat(64));
      expect(rows[0].details).toEqual({ i: 4, nested: { ok: true } });
      expect(await audit.verify(2)).toEqual({
        ok: true,
        checked: 5,
        first_broken_id: null,
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
      expect(await audit.verify()).toEqual({
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

    it('keeps the chain intact under concurrent appends', async () => {
      const { audit } = await setUp();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          audit.append({ principal: 'p', action: `a${i}`, outcome: 'success' }),
        ),
      );
      expect(await audit.verify()).toEqual({
        ok: true,
        checked: 20,
        first_broken_id: null,
      });
    });

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

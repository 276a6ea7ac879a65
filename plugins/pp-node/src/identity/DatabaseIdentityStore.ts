import { randomUUID } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  PP_MAX_GRANT_HOURS,
  PP_ROLES,
  PpApiToken,
  PpApiTokenCreated,
  PpPage,
  PpPrincipalKind,
  PpRoleChange,
  PpRoleKey,
  PpRoleRequest,
  PpRoleRequestStatus,
  PpUser,
  PpUserStatus,
  roleSetProblem,
} from '@internal/plugin-pp-common';
import { Knex } from 'knex';
import {
  clampPage,
  isPostgres,
  likePattern,
  readPpChangeMark,
  toIso,
} from '../database/util';
import {
  apiTokenId,
  constantTimeEqual,
  hashToken,
  mintApiToken,
} from './tokens';

/** @public */
export interface ListUsersQuery {
  search?: string;
  role?: PpRoleKey;
  status?: PpUserStatus;
  kind?: PpPrincipalKind;
  sort?: 'name' | 'email' | 'created_at' | 'last_active_at';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** @public */
export interface CreateUserInput {
  email: string | null;
  name: string;
  kind: PpPrincipalKind;
  roles: PpRoleKey[];
  entityRef: string | null;
  status?: PpUserStatus;
}

/** What a role assignment changed; `changed` is false when the user already had (or lacked) it. */
/** @public */
export interface RoleChangeResult {
  user: PpUser;
  changed: boolean;
}

/** A time-bound role assignment that ended and was revoked. @public */
export interface ExpiredRoleGrant {
  user: PpUser;
  role: PpRoleKey;
  expiredAt: string;
}

/** Who revokes expired time-bound grants, as the role change log names it. @public */
export const PP_ACCESS_EXPIRY_ACTOR = 'pp-access-expiry';

/** The longest time-bound grant: 90 days (defined in pp-common, beside the request schemas). */
export { PP_MAX_GRANT_HOURS };

type Row = Record<string, any>;

const USER_SORTS: Array<NonNullable<ListUsersQuery['sort']>> = [
  'name',
  'email',
  'created_at',
  'last_active_at',
];

interface RoleGrant {
  role: PpRoleKey;
  expiresAt: string | null;
}

function userFromRow(row: Row, grants: RoleGrant[]): PpUser {
  const expiries: Partial<Record<PpRoleKey, string>> = {};
  for (const g of grants) if (g.expiresAt) expiries[g.role] = g.expiresAt;
  return {
    id: row.id,
    kind: row.kind,
    email: row.email ?? null,
    name: row.name,
    status: row.status,
    roles: grants.map(g => g.role).sort(),
    role_expires_at: expiries,
    entity_ref: row.entity_ref ?? null,
    created_at: toIso(row.created_at)!,
    updated_at: toIso(row.updated_at)!,
    last_active_at: toIso(row.last_active_at),
  };
}

function tokenFromRow(row: Row): PpApiToken {
  return {
    id: row.id,
    user_id: row.user_id,
    name: row.name,
    created_by: row.created_by,
    created_at: toIso(row.created_at)!,
    expires_at: toIso(row.expires_at),
    last_used_at: toIso(row.last_used_at),
    revoked_at: toIso(row.revoked_at),
  };
}

function roleChangeFromRow(row: Row): PpRoleChange {
  return {
    id: String(row.id),
    user_id: row.user_id,
    action: row.action,
    role: row.role_key,
    old_roles: JSON.parse(row.old_roles),
    new_roles: JSON.parse(row.new_roles),
    changed_by: row.changed_by,
    reason: row.reason ?? null,
    changed_at: toIso(row.changed_at)!,
  };
}

function roleRequestFromRow(row: Row): PpRoleRequest {
  return {
    id: row.id,
    user_id: row.user_id,
    requested_role: row.requested_role,
    reason: row.reason,
    status: row.status,
    decided_by: row.decided_by ?? null,
    decision_note: row.decision_note ?? null,
    created_at: toIso(row.created_at)!,
    decided_at: toIso(row.decided_at),
    duration_hours:
      row.duration_hours === null || row.duration_hours === undefined
        ? null
        : Number(row.duration_hours),
    expires_at: toIso(row.expires_at),
  };
}

function withExpiry(reason: string | null, expiresAt: Date | null) {
  if (!expiresAt) return reason;
  const until = `until ${expiresAt.toISOString()}`;
  return reason ? `${reason} (${until})` : until;
}

/**
 * The pp_users id of the principal a PP backend plugin acts as with its own Backstage service
 * credentials (subject `plugin:<pluginId>`).
 *
 * @public
 */
export function ppPluginPrincipalId(pluginId: string): string {
  return `plugin:${pluginId}`;
}

/** The catalog entity plugin principals belong to: the portal itself. @public */
export const PP_PLUGIN_PRINCIPAL_ENTITY_REF =
  'component:default/platform-portal';

/**
 * Users, agent and service principals, their roles, role history and requests, and API tokens,
 * in the `pp-identity` database. Multi-row writes run in one transaction; role rules
 * (admin exclusive, known roles) are enforced here so no caller can bypass them.
 *
 * @public
 */
export class DatabaseIdentityStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Makes pp_roles match the contract's role table. */
  async syncRoles(): Promise<void> {
    await this.db.transaction(async tx => {
      for (const role of Object.values(PP_ROLES)) {
        const row = {
          key: role.key,
          title: role.title,
          level: role.level,
          description: role.description,
          permissions: JSON.stringify(role.permissions),
        };
        await tx('pp_roles').insert(row).onConflict('key').merge();
      }
    });
  }

  /**
   * The roles users hold now. A time-bound grant past its end no longer counts, even before the
   * expiry job has revoked it.
   */
  private async rolesOf(
    db: Knex,
    userIds: string[],
  ): Promise<Map<string, RoleGrant[]>> {
    const map = new Map<string, RoleGrant[]>(userIds.map(id => [id, []]));
    if (!userIds.length) return map;
    const now = this.clock();
    const rows = await db('pp_user_roles')
      .whereIn('user_id', userIds)
      .where(w => w.whereNull('expires_at').orWhere('expires_at', '>', now))
      .select('user_id', 'role_key', 'expires_at');
    for (const row of rows) {
      map.get(row.user_id)?.push({
        role: row.role_key,
        expiresAt: toIso(row.expires_at),
      });
    }
    return map;
  }

  async getUser(id: string, db: Knex = this.db): Promise<PpUser | undefined> {
    const row = await db('pp_users').where({ id }).first();
    if (!row) return undefined;
    const roles = await this.rolesOf(db, [id]);
    return userFromRow(row, roles.get(id)!);
  }

  async requireUser(id: string, db: Knex = this.db): Promise<PpUser> {
    const user = await this.getUser(id, db);
    if (!user) throw new NotFoundError(`No user with id '${id}'`);
    return user;
  }

  /**
   * Active principals holding the admin role: people, agents and services alike (the
   * PP_ADMIN_TOKEN principal is not one).
   */
  async countActiveAdmins(db: Knex = this.db): Promise<number> {
    const [{ count }] = await db('pp_users as u')
      .join('pp_user_roles as r', 'r.user_id', 'u.id')
      .where({ 'u.status': 'active', 'r.role_key': 'admin' })
      .count({ count: '*' });
    return Number(count);
  }

  /**
   * Serializes every change that can take an active admin away: on PostgreSQL a row lock on the
   * admin role (`pp_roles`), held to the end of the transaction, so the count read after it
   * sees every earlier such change committed. (SQLite has one writer at a time anyway.) The lock
   * is `for no key update`, so assigning admin (whose foreign key takes a key-share lock on the
   * same row) is not held up.
   */
  private async lockAdmins(tx: Knex): Promise<void> {
    if (isPostgres(tx)) {
      await tx('pp_roles')
        .where({ key: 'admin' })
        .forNoKeyUpdate()
        .select('key');
    }
  }

  /** Refuses a change that would leave the portal without an active admin. Call after lockAdmins. */
  private async assertNotLastAdmin(tx: Knex, user: PpUser): Promise<void> {
    if (
      user.status === 'active' &&
      user.roles.includes('admin') &&
      (await this.countActiveAdmins(tx)) <= 1
    ) {
      throw new ConflictError(
        `${user.name} is the last active admin; make someone else admin first`,
      );
    }
  }

  /** Who created the user (`created_by`): an actor ref, or a tool such as the demo seed. */
  async getCreatedBy(id: string): Promise<string | null | undefined> {
    const row = await this.db('pp_users').where({ id }).first('created_by');
    return row ? row.created_by ?? null : undefined;
  }

  async getUserByEmail(email: string): Promise<PpUser | undefined> {
    const row = await this.db('pp_users')
      .where({ email: email.toLocaleLowerCase('en-US') })
      .first();
    return row ? this.getUser(row.id) : undefined;
  }

  /**
   * The people list's validator (see versioned reads in docs/architecture.md): the users' change
   * mark, raised by every write to people and their roles, and the next role expiry, which
   * changes the list without a write. The expiry is read again only when the mark moved or the
   * clock passed it: without a write the set of expiries is the same, so its next one is too.
   */
  async usersVersion(): Promise<string> {
    const mark = await readPpChangeMark(this.db, 'users');
    const now = this.clock();
    const known = this.nextExpiry;
    if (
      known?.mark === mark &&
      (known.at === null || known.at > now.getTime())
    ) {
      return `${mark}:${known.iso ?? '-'}`;
    }
    const next = await this.db('pp_user_roles')
      .where('expires_at', '>', now)
      .min({ next: 'expires_at' })
      .first();
    const iso = toIso(next?.next);
    this.nextExpiry = { mark, iso, at: iso ? Date.parse(iso) : null };
    return `${mark}:${iso ?? '-'}`;
  }

  private nextExpiry?: { mark: string; iso: string | null; at: number | null };

  async listUsers(query: ListUsersQuery): Promise<PpPage<PpUser>> {
    const { limit, offset } = clampPage(query.limit, query.offset);
    const base = this.db('pp_users as u');
    if (query.search) {
      const pattern = likePattern(query.search);
      base.where(w =>
        w
          .whereRaw(`lower(u.name) like ? escape '\\'`, [pattern])
          .orWhereRaw(`lower(coalesce(u.email, '')) like ? escape '\\'`, [
            pattern,
          ]),
      );
    }
    if (query.status) base.where('u.status', query.status);
    if (query.kind) base.where('u.kind', query.kind);
    if (query.role) {
      base.whereExists(
        this.db('pp_user_roles as r')
          .whereRaw('r.user_id = u.id')
          .andWhere('r.role_key', query.role)
          .andWhere(w =>
            w
              .whereNull('r.expires_at')
              .orWhere('r.expires_at', '>', this.clock()),
          ),
      );
    }
    const [{ count }] = await base.clone().count({ count: '*' });
    // Both end up in SQL text: only whitelisted values get there.
    const sort = USER_SORTS.includes(query.sort!) ? query.sort! : 'name';
    const order = query.order === 'desc' ? 'desc' : 'asc';
    const rows = await base
      .clone()
      .select('u.*')
      // Nulls (never active) last whatever the direction; id breaks ties so pages are stable.
      .orderByRaw(`case when u.${sort} is null then 1 else 0 end`)
      // lower(): the same order on SQLite (binary) and PostgreSQL (locale collation).
      .orderByRaw(
        sort === 'name' || sort === 'email'
          ? `lower(u.${sort}) ${order}`
          : `u.${sort} ${order}`,
      )
      .orderBy('u.id', 'asc')
      .limit(limit)
      .offset(offset);
    const roles = await this.rolesOf(
      this.db,
      rows.map(r => r.id),
    );
    return {
      items: rows.map(r => userFromRow(r, roles.get(r.id)!)),
      total_count: Number(count),
      limit,
      offset,
    };
  }

  async createUser(input: CreateUserInput, actor: string): Promise<PpUser> {
    const problem = roleSetProblem(input.roles);
    if (problem) throw new InputError(problem);
    const now = this.clock();
    const id = randomUUID();
    const email = input.email?.toLocaleLowerCase('en-US') ?? null;
    return this.db.transaction(async tx => {
      if (email && (await tx('pp_users').where({ email }).first())) {
        throw new ConflictError(`A user with email '${email}' already exists`);
      }
      await this.insertPrincipal(tx, {
        row: {
          id,
          kind: input.kind,
          email,
          name: input.name,
          status:
            input.status ?? (input.kind === 'user' ? 'pending' : 'active'),
          entity_ref: input.entityRef,
        },
        roles: input.roles,
        actor,
        reason: 'initial roles',
        now,
      });
      return (await this.getUser(id, tx))!;
    });
  }

  /**
   * Registers the principal a PP backend plugin acts as when it calls another PP plugin with its
   * own Backstage service credentials (`plugin:<pluginId>`): a `service` principal of the Platform
   * Portal component with the given roles. Created once; afterwards admins manage it like any
   * service principal (roles, deactivation), so a second call changes nothing.
   */
  async ensurePluginPrincipal(input: {
    pluginId: string;
    name: string;
    roles: PpRoleKey[];
  }): Promise<PpUser> {
    const id = ppPluginPrincipalId(input.pluginId);
    const existing = await this.getUser(id);
    if (existing) return existing;
    const problem = roleSetProblem(input.roles);
    if (problem) throw new InputError(problem);
    const now = this.clock();
    const actor = 'system:plugin-registration';
    try {
      await this.db.transaction(async tx => {
        await this.insertPrincipal(tx, {
          row: {
            id,
            kind: 'service',
            email: null,
            name: input.name,
            status: 'active',
            entity_ref: PP_PLUGIN_PRINCIPAL_ENTITY_REF,
          },
          roles: input.roles,
          actor,
          reason: `the ${input.pluginId} plugin calls other Platform Portal plugins`,
          now,
        });
      });
    } catch (error) {
      // another instance registered it at the same time
      const raced = await this.getUser(id);
      if (raced) return raced;
      throw error;
    }
    return (await this.getUser(id))!;
  }

  /** A new principal's row and its initial roles, each grant logged (one transaction: `tx`). */
  private async insertPrincipal(
    tx: Knex,
    p: {
      row: {
        id: string;
        kind: string;
        email: string | null;
        name: string;
        status: string;
        entity_ref: string | null;
      };
      roles: PpRoleKey[];
      actor: string;
      reason: string;
      now: Date;
    },
  ) {
    await tx('pp_users').insert({
      ...p.row,
      created_by: p.actor,
      created_at: p.now,
      updated_at: p.now,
    });
    for (const [i, role] of p.roles.entries()) {
      await tx('pp_user_roles').insert({
        user_id: p.row.id,
        role_key: role,
        assigned_by: p.actor,
        assigned_at: p.now,
      });
      await this.logRoleChange(tx, {
        userId: p.row.id,
        action: 'assign',
        role,
        oldRoles: p.roles.slice(0, i),
        newRoles: p.roles.slice(0, i + 1),
        actor: p.actor,
        reason: p.reason,
      });
    }
  }

  async updateUser(
    id: string,
    patch: { name?: string; status?: PpUserStatus },
  ): Promise<{ before: PpUser; after: PpUser }> {
    return this.db.transaction(async tx => {
      if (patch.status !== undefined && patch.status !== 'active') {
        await this.lockAdmins(tx);
      }
      const before = await this.requireUser(id, tx);
      if (patch.status !== undefined && patch.status !== 'active') {
        await this.assertNotLastAdmin(tx, before);
      }
      const changes: Row = {};
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.status !== undefined) changes.status = patch.status;
      if (Object.keys(changes).length) {
        changes.updated_at = this.clock();
        await tx('pp_users').where({ id }).update(changes);
      }
      return { before, after: (await this.getUser(id, tx))! };
    });
  }

  /** Marks a sign-in: a pending user becomes active, and last activity is now. */
  async recordSignIn(id: string): Promise<PpUser> {
    const now = this.clock();
    await this.db('pp_users')
      .where({ id, status: 'pending' })
      .update({ status: 'active', updated_at: now });
    await this.db('pp_users').where({ id }).update({ last_active_at: now });
    return this.requireUser(id);
  }

  async touchLastActive(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db('pp_users')
      .whereIn('id', ids)
      .update({ last_active_at: this.clock() });
  }

  private async logRoleChange(
    tx: Knex,
    change: {
      userId: string;
      action: 'assign' | 'revoke';
      role: PpRoleKey;
      oldRoles: PpRoleKey[];
      newRoles: PpRoleKey[];
      actor: string;
      reason?: string | null;
    },
  ) {
    await tx('pp_role_change_log').insert({
      user_id: change.userId,
      action: change.action,
      role_key: change.role,
      old_roles: JSON.stringify([...change.oldRoles].sort()),
      new_roles: JSON.stringify([...change.newRoles].sort()),
      changed_by: change.actor,
      reason: change.reason ?? null,
      changed_at: this.clock(),
    });
  }

  /** A grant's end, checked: in the future, at most 90 days away, never for admin. */
  private checkExpiry(role: PpRoleKey, expiresAt: Date | null): void {
    if (!expiresAt) return;
    if (role === 'admin') {
      throw new InputError(
        'The admin role is permanent only; it cannot be granted for a limited time',
      );
    }
    const now = this.clock().getTime();
    if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now) {
      throw new InputError('expires_at must be in the future');
    }
    if (expiresAt.getTime() > now + PP_MAX_GRANT_HOURS * 3600_000) {
      throw new InputError(
        `A time-bound grant lasts at most ${PP_MAX_GRANT_HOURS} hours (90 days)`,
      );
    }
  }

  private async assignInTx(
    tx: Knex,
    userId: string,
    role: PpRoleKey,
    actor: string,
    reason: string | null,
    expiresAt: Date | null = null,
  ): Promise<RoleChangeResult> {
    this.checkExpiry(role, expiresAt);
    const user = await this.requireUser(userId, tx);
    if (user.roles.includes(role)) {
      // Held already: a new end (or none, making it permanent) replaces the old one.
      const current = user.role_expires_at?.[role] ?? null;
      const wanted = expiresAt?.toISOString() ?? null;
      if (current === wanted) return { user, changed: false };
      await tx('pp_user_roles')
        .where({ user_id: userId, role_key: role })
        .update({ expires_at: expiresAt, assigned_by: actor });
      await this.logRoleChange(tx, {
        userId,
        action: 'assign',
        role,
        oldRoles: user.roles,
        newRoles: user.roles,
        actor,
        reason: withExpiry(reason, expiresAt),
      });
      return { user: (await this.getUser(userId, tx))!, changed: true };
    }
    if (role === 'admin' && user.roles.length) {
      throw new ConflictError(
        `The admin role is exclusive: ${user.name} has ${user.roles.join(
          ', ',
        )}; revoke those first`,
      );
    }
    if (role !== 'admin' && user.roles.includes('admin')) {
      throw new ConflictError(
        `The admin role is exclusive: ${user.name} is an admin; revoke admin first`,
      );
    }
    // A grant that ended but was not revoked yet is replaced.
    await tx('pp_user_roles').where({ user_id: userId, role_key: role }).del();
    await tx('pp_user_roles').insert({
      user_id: userId,
      role_key: role,
      assigned_by: actor,
      assigned_at: this.clock(),
      expires_at: expiresAt,
    });
    const newRoles = [...user.roles, role];
    await this.logRoleChange(tx, {
      userId,
      action: 'assign',
      role,
      oldRoles: user.roles,
      newRoles,
      actor,
      reason: withExpiry(reason, expiresAt),
    });
    return { user: (await this.getUser(userId, tx))!, changed: true };
  }

  /** Assigns a role, permanently or (`expiresAt`) until then; admin is permanent only. */
  async assignRole(
    userId: string,
    role: PpRoleKey,
    actor: string,
    reason: string | null = null,
    options: { expiresAt?: Date | null } = {},
  ): Promise<RoleChangeResult> {
    return this.db.transaction(tx =>
      this.assignInTx(tx, userId, role, actor, reason, options.expiresAt),
    );
  }

  async revokeRole(
    userId: string,
    role: PpRoleKey,
    actor: string,
    reason: string | null = null,
  ): Promise<RoleChangeResult> {
    return this.db.transaction(async tx => {
      if (role === 'admin') await this.lockAdmins(tx);
      const user = await this.requireUser(userId, tx);
      if (!user.roles.includes(role)) return { user, changed: false };
      if (role === 'admin') await this.assertNotLastAdmin(tx, user);
      await tx('pp_user_roles')
        .where({ user_id: userId, role_key: role })
        .del();
      await this.logRoleChange(tx, {
        userId,
        action: 'revoke',
        role,
        oldRoles: user.roles,
        newRoles: user.roles.filter(r => r !== role),
        actor,
        reason,
      });
      return { user: (await this.getUser(userId, tx))!, changed: true };
    });
  }

  /** All or nothing: any unknown user or rule violation rolls every assignment back. */
  async bulkAssignRole(
    userIds: string[],
    role: PpRoleKey,
    actor: string,
    reason: string | null = null,
  ): Promise<RoleChangeResult[]> {
    return this.db.transaction(async tx => {
      const results: RoleChangeResult[] = [];
      for (const id of userIds) {
        results.push(await this.assignInTx(tx, id, role, actor, reason));
      }
      return results;
    });
  }

  /**
   * Revokes every time-bound grant whose end is at or before now, each in its own transaction
   * (logged as a revoke by pp-access-expiry). A grant renewed meanwhile is left alone; running on
   * two instances at once revokes each grant once. Returns what was revoked.
   */
  async revokeExpiredRoles(): Promise<ExpiredRoleGrant[]> {
    const now = this.clock();
    const due = await this.db('pp_user_roles')
      .whereNotNull('expires_at')
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .select('user_id', 'role_key', 'expires_at');
    const revoked: ExpiredRoleGrant[] = [];
    for (const grant of due) {
      const done = await this.db.transaction(async tx => {
        const deleted = await tx('pp_user_roles')
          .where({ user_id: grant.user_id, role_key: grant.role_key })
          .whereNotNull('expires_at')
          .where('expires_at', '<=', now)
          .del();
        if (!deleted) return undefined;
        const user = await this.requireUser(grant.user_id, tx);
        const expiredAt = toIso(grant.expires_at)!;
        await this.logRoleChange(tx, {
          userId: user.id,
          action: 'revoke',
          role: grant.role_key,
          // The roles held just before: the expired one counted until its end.
          oldRoles: [...user.roles, grant.role_key],
          newRoles: user.roles,
          actor: PP_ACCESS_EXPIRY_ACTOR,
          reason: `time-bound grant ended at ${expiredAt}`,
        });
        return { user, role: grant.role_key as PpRoleKey, expiredAt };
      });
      if (done) revoked.push(done);
    }
    return revoked;
  }

  async listRoleChanges(query: {
    userId?: string;
    limit?: number;
    offset?: number;
  }): Promise<PpPage<PpRoleChange>> {
    const { limit, offset } = clampPage(query.limit, query.offset);
    const base = this.db('pp_role_change_log');
    if (query.userId) base.where({ user_id: query.userId });
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .select('*')
      .orderBy('changed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset);
    return {
      items: rows.map(roleChangeFromRow),
      total_count: Number(count),
      limit,
      offset,
    };
  }

  /** A request for a role, permanently or (`durationHours`) for that long from approval. */
  async createRoleRequest(
    userId: string,
    role: PpRoleKey,
    reason: string,
    durationHours: number | null = null,
  ): Promise<PpRoleRequest> {
    if (durationHours !== null) {
      if (role === 'admin') {
        throw new InputError(
          'The admin role is permanent only; it cannot be requested for a limited time',
        );
      }
      if (
        !Number.isInteger(durationHours) ||
        durationHours < 1 ||
        durationHours > PP_MAX_GRANT_HOURS
      ) {
        throw new InputError(
          `duration_hours must be a whole number from 1 to ${PP_MAX_GRANT_HOURS}`,
        );
      }
    }
    return this.db.transaction(async tx => {
      const user = await this.requireUser(userId, tx);
      if (user.roles.includes(role)) {
        throw new ConflictError(`You already have the ${role} role`);
      }
      const open = await tx('pp_role_requests')
        .where({ user_id: userId, requested_role: role, status: 'pending' })
        .first();
      if (open) {
        throw new ConflictError(
          `A request for the ${role} role is already pending`,
        );
      }
      const row = {
        id: randomUUID(),
        user_id: userId,
        requested_role: role,
        reason,
        status: 'pending',
        created_at: this.clock(),
        duration_hours: durationHours,
      };
      await tx('pp_role_requests').insert(row);
      return roleRequestFromRow(row);
    });
  }

  /** The review queue (oldest first), or one person's own requests (`userId`, newest first). */
  async listRoleRequests(query: {
    status?: PpRoleRequestStatus;
    userId?: string;
    limit?: number;
    offset?: number;
  }): Promise<PpPage<PpRoleRequest>> {
    const { limit, offset } = clampPage(query.limit, query.offset);
    const base = this.db('pp_role_requests');
    if (query.status) base.where({ status: query.status });
    if (query.userId) base.where({ user_id: query.userId });
    const order = query.userId ? 'desc' : 'asc';
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .select('*')
      .orderBy('created_at', order)
      .orderBy('id', order)
      .limit(limit)
      .offset(offset);
    return {
      items: rows.map(roleRequestFromRow),
      total_count: Number(count),
      limit,
      offset,
    };
  }

  /** Approving assigns the role in the same transaction (so admin exclusivity still applies). */
  async decideRoleRequest(
    id: string,
    decision: 'approved' | 'denied',
    actor: string,
    note: string | null,
  ): Promise<{ request: PpRoleRequest; roleChange?: RoleChangeResult }> {
    return this.db.transaction(async tx => {
      const row = await tx('pp_role_requests').where({ id }).first();
      if (!row) throw new NotFoundError(`No role request with id '${id}'`);
      if (row.status !== 'pending') {
        throw new ConflictError(`This role request was already ${row.status}`);
      }
      let roleChange: RoleChangeResult | undefined;
      const now = this.clock();
      // A time-bound request runs from its approval, not from when it was asked.
      const expiresAt =
        decision === 'approved' && row.duration_hours
          ? new Date(now.getTime() + Number(row.duration_hours) * 3600_000)
          : null;
      if (decision === 'approved') {
        roleChange = await this.assignInTx(
          tx,
          row.user_id,
          row.requested_role,
          actor,
          `role request ${id}`,
          expiresAt,
        );
      }
      await tx('pp_role_requests').where({ id }).update({
        status: decision,
        decided_by: actor,
        decision_note: note,
        decided_at: now,
        expires_at: expiresAt,
      });
      const updated = await tx('pp_role_requests').where({ id }).first();
      return { request: roleRequestFromRow(updated), roleChange };
    });
  }

  async createApiToken(
    userId: string,
    name: string,
    expiresAt: Date | null,
    actor: string,
  ): Promise<PpApiTokenCreated> {
    const id = randomUUID();
    const token = mintApiToken(id);
    const row = {
      id,
      user_id: userId,
      name,
      token_hash: hashToken(token),
      created_by: actor,
      created_at: this.clock(),
      expires_at: expiresAt,
    };
    await this.db.transaction(async tx => {
      await this.requireUser(userId, tx);
      await tx('pp_api_tokens').insert(row);
    });
    return { ...tokenFromRow(row), token };
  }

  async listApiTokens(userId: string): Promise<PpApiToken[]> {
    const rows = await this.db('pp_api_tokens')
      .where({ user_id: userId })
      .orderBy('created_at', 'desc');
    return rows.map(tokenFromRow);
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<PpApiToken> {
    return this.db.transaction(async tx => {
      const row = await tx('pp_api_tokens')
        .where({ id: tokenId, user_id: userId })
        .first();
      if (!row) {
        throw new NotFoundError(`No API token '${tokenId}' for this user`);
      }
      if (!row.revoked_at) {
        await tx('pp_api_tokens')
          .where({ id: tokenId })
          .update({ revoked_at: this.clock() });
      }
      return tokenFromRow(
        await tx('pp_api_tokens').where({ id: tokenId }).first(),
      );
    });
  }

  /** The principal a presented API token belongs to, if the token is live. */
  async verifyApiToken(
    token: string,
  ): Promise<{ userId: string; tokenId: string } | undefined> {
    const id = apiTokenId(token);
    if (!id) return undefined;
    const row = await this.db('pp_api_tokens').where({ id }).first();
    if (
      !row ||
      !constantTimeEqual(row.token_hash, hashToken(token)) ||
      row.revoked_at
    ) {
      return undefined;
    }
    const now = this.clock();
    if (row.expires_at && new Date(toIso(row.expires_at)!) <= now) {
      return undefined;
    }
    return { userId: row.user_id, tokenId: row.id };
  }

  async touchApiToken(tokenId: string): Promise<void> {
    await this.db('pp_api_tokens')
      .where({ id: tokenId })
      .update({ last_used_at: this.clock() });
  }
}

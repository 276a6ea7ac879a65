import { randomUUID } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
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
import { clampPage, likePattern, toIso } from '../database/util';
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

type Row = Record<string, any>;

const USER_SORTS: Array<NonNullable<ListUsersQuery['sort']>> = [
  'name',
  'email',
  'created_at',
  'last_active_at',
];

function userFromRow(row: Row, roles: PpRoleKey[]): PpUser {
  return {
    id: row.id,
    kind: row.kind,
    email: row.email ?? null,
    name: row.name,
    status: row.status,
    roles: [...roles].sort(),
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
  };
}

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

  private async rolesOf(
    db: Knex,
    userIds: string[],
  ): Promise<Map<string, PpRoleKey[]>> {
    const map = new Map<string, PpRoleKey[]>(userIds.map(id => [id, []]));
    if (!userIds.length) return map;
    const rows = await db('pp_user_roles')
      .whereIn('user_id', userIds)
      .select('user_id', 'role_key');
    for (const row of rows) map.get(row.user_id)?.push(row.role_key);
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

  /** Active people holding the admin role (the PP_ADMIN_TOKEN principal is not one). */
  async countActiveAdmins(): Promise<number> {
    const [{ count }] = await this.db('pp_users as u')
      .join('pp_user_roles as r', 'r.user_id', 'u.id')
      .where({ 'u.status': 'active', 'u.kind': 'user', 'r.role_key': 'admin' })
      .count({ count: '*' });
    return Number(count);
  }

  async getUserByEmail(email: string): Promise<PpUser | undefined> {
    const row = await this.db('pp_users')
      .where({ email: email.toLocaleLowerCase('en-US') })
      .first();
    return row ? this.getUser(row.id) : undefined;
  }

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
          .andWhere('r.role_key', query.role),
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
      await tx('pp_users').insert({
        id,
        kind: input.kind,
        email,
        name: input.name,
        status: input.status ?? (input.kind === 'user' ? 'pending' : 'active'),
        entity_ref: input.entityRef,
        created_by: actor,
        created_at: now,
        updated_at: now,
      });
      for (const [i, role] of input.roles.entries()) {
        await tx('pp_user_roles').insert({
          user_id: id,
          role_key: role,
          assigned_by: actor,
          assigned_at: now,
        });
        await this.logRoleChange(tx, {
          userId: id,
          action: 'assign',
          role,
          oldRoles: input.roles.slice(0, i),
          newRoles: input.roles.slice(0, i + 1),
          actor,
          reason: 'initial roles',
        });
      }
      return (await this.getUser(id, tx))!;
    });
  }

  async updateUser(
    id: string,
    patch: { name?: string; status?: PpUserStatus },
  ): Promise<{ before: PpUser; after: PpUser }> {
    return this.db.transaction(async tx => {
      const before = await this.requireUser(id, tx);
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

  private async assignInTx(
    tx: Knex,
    userId: string,
    role: PpRoleKey,
    actor: string,
    reason: string | null,
  ): Promise<RoleChangeResult> {
    const user = await this.requireUser(userId, tx);
    if (user.roles.includes(role)) return { user, changed: false };
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
    await tx('pp_user_roles').insert({
      user_id: userId,
      role_key: role,
      assigned_by: actor,
      assigned_at: this.clock(),
    });
    const newRoles = [...user.roles, role];
    await this.logRoleChange(tx, {
      userId,
      action: 'assign',
      role,
      oldRoles: user.roles,
      newRoles,
      actor,
      reason,
    });
    return { user: (await this.getUser(userId, tx))!, changed: true };
  }

  async assignRole(
    userId: string,
    role: PpRoleKey,
    actor: string,
    reason: string | null = null,
  ): Promise<RoleChangeResult> {
    return this.db.transaction(tx =>
      this.assignInTx(tx, userId, role, actor, reason),
    );
  }

  async revokeRole(
    userId: string,
    role: PpRoleKey,
    actor: string,
    reason: string | null = null,
  ): Promise<RoleChangeResult> {
    return this.db.transaction(async tx => {
      const user = await this.requireUser(userId, tx);
      if (!user.roles.includes(role)) return { user, changed: false };
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

  async createRoleRequest(
    userId: string,
    role: PpRoleKey,
    reason: string,
  ): Promise<PpRoleRequest> {
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
      if (decision === 'approved') {
        roleChange = await this.assignInTx(
          tx,
          row.user_id,
          row.requested_role,
          actor,
          `role request ${id}`,
        );
      }
      await tx('pp_role_requests').where({ id }).update({
        status: decision,
        decided_by: actor,
        decision_note: note,
        decided_at: this.clock(),
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

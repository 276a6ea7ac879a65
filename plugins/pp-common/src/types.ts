import { z } from 'zod';
import {
  PP_BULK_ASSIGN_LIMIT,
  PP_MAX_GRANT_HOURS,
  PP_ROLE_KEYS,
  PP_ROLE_REQUEST_REASON_MIN,
} from './roles';

/*
 * JSON shapes of the PP API (users, roles, tokens, audit) as zod schemas: the one source of the
 * types below, of the backend's input validation and of the API document. Field names are
 * snake_case, as in the contract's request bodies (user_ids, requested_role, expires_in_days).
 * Times are ISO 8601 strings.
 */

/** An instant as `Date.prototype.toISOString()` writes it (UTC, `Z`). */
const timestamp = () => z.iso.datetime();

/** @public */
export const PP_PRINCIPAL_KINDS = ['user', 'agent', 'service'] as const;
/** @public */
export type PpPrincipalKind = (typeof PP_PRINCIPAL_KINDS)[number];

/** @public */
export const PP_USER_STATUSES = ['active', 'inactive', 'pending'] as const;
/** @public */
export type PpUserStatus = (typeof PP_USER_STATUSES)[number];

/** A person, an AI agent or a monitored service known to the portal. @public */
export const ppUserSchema = z
  .object({
    id: z
      .string()
      .describe('User id (uuid): the `user_id` to read the user by.'),
    kind: z
      .enum(PP_PRINCIPAL_KINDS)
      .describe('A person (`user`), an AI agent, or a monitored service.'),
    email: z
      .string()
      .nullable()
      .describe('Set for people; null for agents and services without one.'),
    name: z.string(),
    status: z.enum(PP_USER_STATUSES),
    roles: z.array(z.enum(PP_ROLE_KEYS)),
    role_expires_at: z
      .partialRecord(z.enum(PP_ROLE_KEYS), timestamp())
      .optional()
      .describe(
        'Roles granted for a limited time, with the moment each ends; a role not listed is permanent. Absent for the bootstrap principal.',
      ),
    entity_ref: z
      .string()
      .nullable()
      .describe(
        'The catalog entity an agent or service acts for, e.g. `component:default/payment-service`; null for people.',
      ),
    created_at: timestamp(),
    updated_at: timestamp(),
    last_active_at: timestamp().nullable().describe('null: never active.'),
  })
  .meta({
    id: 'User',
    description:
      'A person, an AI agent or a monitored service known to the portal, with its roles.',
  });
/** @public */
export type PpUser = z.infer<typeof ppUserSchema>;

/**
 * One page of a listing of `item`s (offset paging). Not registered under an id: each use names
 * its own (e.g. `ppPageSchema(ppUserSchema).meta({ id: 'UserPage' })`).
 *
 * @public
 */
export function ppPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total_count: z.number().int().describe('Items matching, over all pages.'),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/** One page of a listing. @public */
export interface PpPage<T> {
  items: T[];
  total_count: number;
  limit: number;
  offset: number;
}

/** Answer of `GET /pp/v1/users`. @public */
export const ppUserPageSchema = ppPageSchema(ppUserSchema).meta({
  id: 'UserPage',
  description: 'One page of users.',
});

/** @public */
export const ppRoleSummarySchema = z
  .object({
    key: z.enum(PP_ROLE_KEYS),
    title: z.string(),
    level: z
      .number()
      .int()
      .describe('1 (most powerful) to 4; used to order roles.'),
    description: z.string(),
    permissions: z
      .array(z.string())
      .describe(
        '`<resource>:<action>` grants; `*` matches any resource or action.',
      ),
  })
  .meta({
    id: 'RoleSummary',
    description: 'A role and the permissions it grants.',
  });
/** @public */
export type PpRoleSummary = z.infer<typeof ppRoleSummarySchema>;

/** Answer of `GET /pp/v1/roles`. @public */
export const ppRoleListSchema = z
  .object({ items: z.array(ppRoleSummarySchema) })
  .meta({ id: 'RoleList', description: 'Every role of the portal.' });

/** @public */
export const ppRoleChangeSchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    action: z.enum(['assign', 'revoke']),
    role: z.enum(PP_ROLE_KEYS),
    old_roles: z.array(z.enum(PP_ROLE_KEYS)),
    new_roles: z.array(z.enum(PP_ROLE_KEYS)),
    changed_by: z.string().describe('Principal ref of who made the change.'),
    reason: z.string().nullable(),
    changed_at: timestamp(),
  })
  .meta({
    id: 'RoleChange',
    description: 'One recorded grant or revocation of a role.',
  });
/** @public */
export type PpRoleChange = z.infer<typeof ppRoleChangeSchema>;

/** Answer of the role-change listings. @public */
export const ppRoleChangePageSchema = ppPageSchema(ppRoleChangeSchema).meta({
  id: 'RoleChangePage',
  description: 'One page of role changes, newest first.',
});

/** @public */
export const PP_ROLE_REQUEST_STATUSES = [
  'pending',
  'approved',
  'denied',
] as const;
/** @public */
export type PpRoleRequestStatus = (typeof PP_ROLE_REQUEST_STATUSES)[number];

/** @public */
export const ppRoleRequestSchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    requested_role: z.enum(PP_ROLE_KEYS),
    reason: z.string(),
    status: z.enum(PP_ROLE_REQUEST_STATUSES),
    decided_by: z.string().nullable().describe('null while pending.'),
    decision_note: z.string().nullable(),
    created_at: timestamp(),
    decided_at: timestamp().nullable().describe('null while pending.'),
    duration_hours: z
      .number()
      .int()
      .nullable()
      .describe(
        'A time-bound request: the role for this many hours from approval; null = permanent.',
      ),
    expires_at: timestamp()
      .nullable()
      .describe(
        'When the approved grant ends (set on approval of a time-bound request); null otherwise.',
      ),
  })
  .meta({
    id: 'RoleRequest',
    description: 'A person’s request for a role, and its decision.',
  });
/** @public */
export type PpRoleRequest = z.infer<typeof ppRoleRequestSchema>;

/** Answer of the role-request listings. @public */
export const ppRoleRequestPageSchema = ppPageSchema(ppRoleRequestSchema).meta({
  id: 'RoleRequestPage',
  description: 'One page of role requests.',
});

/** An API token as listed (the secret is shown once, at creation). @public */
export const ppApiTokenSchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    name: z.string(),
    created_by: z.string(),
    created_at: timestamp(),
    expires_at: timestamp().nullable().describe('null: does not expire.'),
    last_used_at: timestamp().nullable().describe('null: never used.'),
    revoked_at: timestamp().nullable().describe('null: not revoked.'),
  })
  .meta({
    id: 'ApiToken',
    description: 'An API token as listed (without its secret).',
  });
/** @public */
export type PpApiToken = z.infer<typeof ppApiTokenSchema>;

/** Answer of `GET /pp/v1/users/{id}/api-tokens`. @public */
export const ppApiTokenListSchema = z
  .object({ items: z.array(ppApiTokenSchema) })
  .meta({ id: 'ApiTokenList', description: 'The API tokens of a user.' });

/** @public */
export const ppApiTokenCreatedSchema = ppApiTokenSchema
  .extend({
    token: z
      .string()
      .describe('The bearer token. Shown once; only its hash is stored.'),
  })
  .meta({
    id: 'ApiTokenCreated',
    description: 'A new API token with its secret, shown this once.',
  });
/** @public */
export type PpApiTokenCreated = z.infer<typeof ppApiTokenCreatedSchema>;

/** @public */
export const PP_AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
/** @public */
export type PpAuditOutcome = (typeof PP_AUDIT_OUTCOMES)[number];

/** @public */
export const ppAuditRecordSchema = z
  .object({
    id: z.number().int(),
    principal: z.string().describe('Ref of who acted.'),
    action: z.string(),
    resource: z.string().nullable(),
    outcome: z.enum(PP_AUDIT_OUTCOMES),
    reason: z.string().nullable(),
    request_id: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    created_at: z.string().describe('ISO 8601 timestamp'),
    prev_hash: z.string().describe('Hash of the row before (the chain link).'),
    hash: z.string().describe('HMAC of this row’s content and prev_hash.'),
  })
  .meta({
    id: 'AuditRecord',
    description: 'One row of the append-only, hash-chained audit log.',
  });
/** @public */
export type PpAuditRecord = z.infer<typeof ppAuditRecordSchema>;

/** Answer of `GET /pp/v1/audit`. @public */
export const ppAuditRecordListSchema = z
  .object({ items: z.array(ppAuditRecordSchema) })
  .meta({
    id: 'AuditRecordList',
    description: 'Audit records, newest first.',
  });

/** A signed record of the audit chain head at one moment. @public */
export const ppAuditCheckpointSchema = z
  .object({
    id: z.number().int(),
    head_id: z.number().int(),
    head_hash: z.string(),
    row_count: z.number().int(),
    created_at: z.string().describe('ISO 8601 timestamp'),
  })
  .meta({
    id: 'AuditCheckpoint',
    description: 'A signed record of the audit chain head at one moment.',
  });
/** @public */
export type PpAuditCheckpoint = z.infer<typeof ppAuditCheckpointSchema>;

/** @public */
export const ppAuditVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().describe('Rows checked.'),
    first_broken_id: z
      .number()
      .int()
      .nullable()
      .describe(
        'The first row whose hash or link does not match; null when ok.',
      ),
    head_id: z
      .number()
      .int()
      .nullable()
      .describe(
        'The id of the last row of the chain (null when empty or broken before the end).',
      ),
    problem: z
      .string()
      .nullable()
      .describe('What went wrong, in one sentence; null when ok.'),
    checkpoints: z
      .object({
        checked: z.number().int(),
        latest: ppAuditCheckpointSchema
          .nullable()
          .describe('The newest checkpoint that matches the chain.'),
        first_broken_id: z
          .number()
          .int()
          .nullable()
          .describe(
            'A checkpoint whose HMAC is wrong or that names a row/hash/count the chain does not have.',
          ),
      })
      .describe('The signed checkpoints of the chain head.'),
    missing_tail: z
      .object({
        checkpoint: ppAuditCheckpointSchema,
        last_present_id: z.number().int().nullable(),
        missing_rows: z.number().int(),
      })
      .nullable()
      .describe(
        'Set when a checkpoint vouches for rows that are gone (the newest rows were deleted).',
      ),
    legacy_rows: z
      .number()
      .int()
      .describe('Rows still hashed with the pre-HMAC scheme.'),
  })
  .meta({
    id: 'AuditVerification',
    description:
      'The result of checking the audit hash chain and its signed checkpoints.',
  });
/** @public */
export type PpAuditVerification = z.infer<typeof ppAuditVerificationSchema>;

/** The signed-in principal as the PP API sees it (`GET /pp/v1/users/me`). @public */
export const ppMeSchema = z
  .object({
    user: ppUserSchema,
    permissions: z
      .array(z.string())
      .describe('Names of every PP permission this principal holds now.'),
  })
  .meta({
    id: 'Me',
    description: 'The signed-in principal and the PP permissions it holds.',
  });
/** @public */
export type PpMe = z.infer<typeof ppMeSchema>;

// ---------------------------------------------------------------------------------------------
// Requests (the backend validates with these very schemas). Body types are the schemas' input
// (what a client sends; defaults may be left out), query types their parsed output.
// ---------------------------------------------------------------------------------------------

const role = z.enum(PP_ROLE_KEYS, {
  error: () => `must be one of ${PP_ROLE_KEYS.join(', ')}`,
});
const email = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address');
const name = z.string().trim().min(1, 'must not be empty').max(256);
const reason = z.string().trim().max(2000).optional();
const entityRef = z
  .string()
  .trim()
  .regex(
    /^[a-z]+:([a-z0-9-_.]+\/)?[a-z0-9-_.]+$/i,
    'must be an entity ref like component:default/payment-service',
  );
const intFromQuery = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional();

/** Body of `POST /pp/v1/users`. @public */
export const ppCreateUserRequestSchema = z
  .object({
    email: email
      .optional()
      .describe('Required for people; optional for agents and services.'),
    name,
    roles: z.array(role).max(7).default([]),
    kind: z.enum(PP_PRINCIPAL_KINDS).default('user'),
    entity_ref: entityRef
      .optional()
      .describe(
        'The catalog entity an agent or service acts for (required for services, not allowed for people).',
      ),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.kind === 'user' && !body.email) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'is required for people',
      });
    }
    if (body.kind === 'service' && !body.entity_ref) {
      ctx.addIssue({
        code: 'custom',
        path: ['entity_ref'],
        message:
          'is required for a service principal (the catalog service it reports for)',
      });
    }
    if (body.kind === 'user' && body.entity_ref) {
      ctx.addIssue({
        code: 'custom',
        path: ['entity_ref'],
        message: 'is only for agents and services',
      });
    }
  })
  .meta({
    id: 'CreateUserRequest',
    description: 'Adds a person, an AI agent or a service principal.',
  });
/** @public */
export type PpCreateUserRequest = z.input<typeof ppCreateUserRequestSchema>;

/** Body of `PUT /pp/v1/users/{id}`; give name or status. @public */
export const ppUpdateUserRequestSchema = z
  .object({
    name: name.optional(),
    status: z.enum(PP_USER_STATUSES).optional(),
  })
  .strict()
  .refine(
    b => b.name !== undefined || b.status !== undefined,
    'give name or status',
  )
  .meta({
    id: 'UpdateUserRequest',
    description: 'Renames a user or changes their status.',
  });
/** @public */
export type PpUpdateUserRequest = z.input<typeof ppUpdateUserRequestSchema>;

/** Body of `POST /pp/v1/users/{id}/revoke-role` (and of a permanent assign-role). @public */
export const ppRoleChangeRequestSchema = z
  .object({ role, reason })
  .strict()
  .meta({
    id: 'RoleChangeRequest',
    description: 'A role to grant or revoke, and why.',
  });
/** @public */
export type PpRoleChangeRequest = z.input<typeof ppRoleChangeRequestSchema>;

/** A time-bound grant: whole hours, up to 90 days. */
const durationHours = z
  .number()
  .int('must be a whole number of hours')
  .min(1, 'must be at least 1 hour')
  .max(
    PP_MAX_GRANT_HOURS,
    `must be at most ${PP_MAX_GRANT_HOURS} hours (90 days)`,
  );

/**
 * Body of `POST /pp/v1/users/{id}/assign-role`: optionally time-bound, by an end (`expires_at`) or
 * a length (`duration_hours`).
 *
 * @public
 */
export const ppAssignRoleRequestSchema = z
  .object({
    role,
    reason,
    expires_at: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
      .optional()
      .describe('When the grant ends; absent = permanent (or duration_hours).'),
    duration_hours: durationHours
      .optional()
      .describe('The grant lasts this many hours; absent = permanent.'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.expires_at !== undefined && body.duration_hours !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['expires_at'],
        message: 'give expires_at or duration_hours, not both',
      });
    }
    if (
      body.role === 'admin' &&
      (body.expires_at !== undefined || body.duration_hours !== undefined)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message:
          'admin is permanent only; it cannot be granted for a limited time',
      });
    }
  })
  .meta({
    id: 'AssignRoleRequest',
    description: 'Grants a role, permanently or for a limited time.',
  });
/** @public */
export type PpAssignRoleRequest = z.input<typeof ppAssignRoleRequestSchema>;

/** Body of `POST /pp/v1/users/bulk-assign-role`. @public */
export const ppBulkAssignRoleRequestSchema = z
  .object({
    user_ids: z
      .array(z.string().min(1))
      .min(1, 'must list at least one user')
      .max(
        PP_BULK_ASSIGN_LIMIT,
        `at most ${PP_BULK_ASSIGN_LIMIT} users per bulk assignment`,
      )
      .refine(ids => new Set(ids).size === ids.length, 'lists a user twice'),
    role,
    reason,
  })
  .strict()
  .meta({
    id: 'BulkAssignRoleRequest',
    description: `Grants one role to 1..${PP_BULK_ASSIGN_LIMIT} users at once.`,
  });
/** @public */
export type PpBulkAssignRoleRequest = z.input<
  typeof ppBulkAssignRoleRequestSchema
>;

/** Body of `POST /pp/v1/users/role-request`: a signed-in person asks for a role. @public */
export const ppRoleRequestCreateSchema = z
  .object({
    requested_role: role,
    reason: z
      .string()
      .trim()
      .min(
        PP_ROLE_REQUEST_REASON_MIN,
        `must explain the need in at least ${PP_ROLE_REQUEST_REASON_MIN} characters`,
      )
      .max(2000),
    /** "Request elevation for N hours": the role ends that long after approval. */
    duration_hours: durationHours
      .optional()
      .describe(
        'Elevation for this many hours from approval; absent = permanent.',
      ),
  })
  .strict()
  .refine(b => !(b.requested_role === 'admin' && b.duration_hours), {
    path: ['duration_hours'],
    message:
      'admin is permanent only; it cannot be requested for a limited time',
  })
  .meta({
    id: 'RoleRequestCreate',
    description: 'Asks for a role, saying why.',
  });
/** @public */
export type PpRoleRequestCreate = z.input<typeof ppRoleRequestCreateSchema>;

/** Body of `POST /pp/v1/users/{id}/api-tokens`. @public */
export const ppCreateApiTokenRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(128),
    // The upper bound is pp.auth.apiTokens.maxLifetimeDays, checked by the route.
    expires_in_days: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        'Lifetime in days, at most the configured maximum; absent = does not expire (where allowed).',
      ),
  })
  .strict()
  .meta({
    id: 'CreateApiTokenRequest',
    description: 'Creates an API token for a user.',
  });
/** @public */
export type PpCreateApiTokenRequest = z.input<
  typeof ppCreateApiTokenRequestSchema
>;

/** Fields `GET /users` can sort by. @public */
export const PP_USER_SORT_FIELDS = [
  'name',
  'email',
  'created_at',
  'last_active_at',
] as const;
/** @public */
export type PpUserSortField = (typeof PP_USER_SORT_FIELDS)[number];

/** Query of `GET /pp/v1/users`. @public */
export const ppListUsersQuerySchema = z
  .object({
    search: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Part of the name or email, e.g. `ines` or `@waooaw.com`.'),
    role: role.optional(),
    status: z.enum(PP_USER_STATUSES).optional(),
    kind: z.enum(PP_PRINCIPAL_KINDS).optional(),
    sort: z.enum(PP_USER_SORT_FIELDS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: intFromQuery(1, 200).describe("1-200, the server's default is 25."),
    offset: intFromQuery(0, 10_000_000),
  })
  .meta({
    id: 'ListUsersQuery',
    description: 'Filters, order and paging of the user directory.',
  });
/** @public */
export type PpListUsersQuery = z.infer<typeof ppListUsersQuerySchema>;

/** Paging of the role-change and role-request listings. @public */
export const ppPageQuerySchema = z
  .object({
    limit: intFromQuery(1, 200),
    offset: intFromQuery(0, 10_000_000),
  })
  .meta({ id: 'PageQuery', description: 'Offset paging of a listing.' });
/** @public */
export type PpPageQuery = z.infer<typeof ppPageQuerySchema>;

/** Query of `GET /pp/v1/users/role-requests`. @public */
export const ppListRoleRequestsQuerySchema = ppPageQuerySchema
  .extend({
    status: z
      .enum(PP_ROLE_REQUEST_STATUSES)
      .default('pending')
      .describe("The server's default is `pending`."),
  })
  .meta({
    id: 'ListRoleRequestsQuery',
    description: 'Status filter and paging of the role requests.',
  });
/** @public */
export type PpListRoleRequestsQuery = Partial<
  z.infer<typeof ppListRoleRequestsQuerySchema>
>;

import { PP_BULK_ASSIGN_LIMIT, PP_ROLE_KEYS } from '@internal/plugin-pp-common';
import { PP_MAX_GRANT_HOURS } from '@internal/plugin-pp-node';
import { z } from 'zod';

export { parseInput } from '@internal/plugin-pp-node';

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

export const createUserBody = z
  .object({
    email: email.optional(),
    name,
    roles: z.array(role).max(7).default([]),
    kind: z.enum(['user', 'agent', 'service']).default('user'),
    entity_ref: entityRef.optional(),
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
  });

export const updateUserBody = z
  .object({
    name: name.optional(),
    status: z.enum(['active', 'inactive', 'pending']).optional(),
  })
  .strict()
  .refine(
    b => b.name !== undefined || b.status !== undefined,
    'give name or status',
  );

export const roleBody = z.object({ role, reason }).strict();

/** A time-bound grant: whole hours, up to 90 days. */
const durationHours = z
  .number()
  .int('must be a whole number of hours')
  .min(1, 'must be at least 1 hour')
  .max(
    PP_MAX_GRANT_HOURS,
    `must be at most ${PP_MAX_GRANT_HOURS} hours (90 days)`,
  );

/** assign-role: optionally time-bound, by an end (`expires_at`) or a length (`duration_hours`). */
export const assignRoleBody = z
  .object({
    role,
    reason,
    expires_at: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
      .optional(),
    duration_hours: durationHours.optional(),
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
  });

export const bulkAssignBody = z
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
  .strict();

export const roleRequestBody = z
  .object({
    requested_role: role,
    reason: z
      .string()
      .trim()
      .min(10, 'must explain the need in at least 10 characters')
      .max(2000),
    /** "Request elevation for N hours": the role ends that long after approval. */
    duration_hours: durationHours.optional(),
  })
  .strict()
  .refine(b => !(b.requested_role === 'admin' && b.duration_hours), {
    path: ['duration_hours'],
    message:
      'admin is permanent only; it cannot be requested for a limited time',
  });

export const decisionBody = z
  .object({ note: z.string().trim().max(2000).optional() })
  .strict();

export const apiTokenBody = z
  .object({
    name: z.string().trim().min(1).max(128),
    // The upper bound is pp.auth.apiTokens.maxLifetimeDays, checked by the route.
    expires_in_days: z.number().int().min(1).optional(),
  })
  .strict();

export const checkPermissionBody = z
  .object({ permission: z.string().trim().min(3).max(256) })
  .strict();

export const listUsersQuery = z.object({
  search: z.string().trim().max(200).optional(),
  role: role.optional(),
  status: z.enum(['active', 'inactive', 'pending']).optional(),
  kind: z.enum(['user', 'agent', 'service']).optional(),
  sort: z.enum(['name', 'email', 'created_at', 'last_active_at']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: intFromQuery(1, 200),
  offset: intFromQuery(0, 10_000_000),
});

export const pageQuery = z.object({
  limit: intFromQuery(1, 200),
  offset: intFromQuery(0, 10_000_000),
});

export const roleRequestsQuery = pageQuery.extend({
  status: z.enum(['pending', 'approved', 'denied']).default('pending'),
});

export const auditQuery = z.object({
  limit: intFromQuery(1, 500),
  before_id: intFromQuery(1, Number.MAX_SAFE_INTEGER),
});

export const loginBody = z
  .object({ provider: z.enum(['google', 'pp-dev']).default('google') })
  .strict();

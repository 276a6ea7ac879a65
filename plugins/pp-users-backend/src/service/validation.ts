import {
  ppAssignRoleRequestSchema,
  ppBulkAssignRoleRequestSchema,
  ppCreateApiTokenRequestSchema,
  ppCreateUserRequestSchema,
  ppListRoleRequestsQuerySchema,
  ppListUsersQuerySchema,
  ppPageQuerySchema,
  ppRoleChangeRequestSchema,
  ppRoleRequestCreateSchema,
  ppUpdateUserRequestSchema,
} from '@internal/plugin-pp-common';
import { z } from 'zod';

export { parseInput } from '@internal/plugin-pp-node';

/*
 * The request schemas that are part of the API's documented shapes are pp-common's (one source for
 * validation, the types and the API document); the names here are the ones the router uses.
 */

const intFromQuery = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional();

export const createUserBody = ppCreateUserRequestSchema;

export const updateUserBody = ppUpdateUserRequestSchema;

export const roleBody = ppRoleChangeRequestSchema;

/** assign-role: optionally time-bound, by an end (`expires_at`) or a length (`duration_hours`). */
export const assignRoleBody = ppAssignRoleRequestSchema;

export const bulkAssignBody = ppBulkAssignRoleRequestSchema;

export const roleRequestBody = ppRoleRequestCreateSchema;

export const decisionBody = z
  .object({ note: z.string().trim().max(2000).optional() })
  .strict();

export const apiTokenBody = ppCreateApiTokenRequestSchema;

export const checkPermissionBody = z
  .object({ permission: z.string().trim().min(3).max(256) })
  .strict();

export const listUsersQuery = ppListUsersQuerySchema;

export const pageQuery = ppPageQuerySchema;

export const roleRequestsQuery = ppListRoleRequestsQuerySchema;

export const auditQuery = z.object({
  limit: intFromQuery(1, 500),
  before_id: intFromQuery(1, Number.MAX_SAFE_INTEGER),
});

export const loginBody = z
  .object({ provider: z.enum(['google', 'pp-dev']).default('google') })
  .strict();

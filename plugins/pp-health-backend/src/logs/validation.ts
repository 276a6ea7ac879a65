import {
  ppLogIngestRequestSchema,
  ppLogQuerySchema,
} from '@internal/plugin-pp-common';
import { z } from 'zod';

/*
 * The schemas are pp-common's (one source for validation, the types and the API document); the
 * names here are the ones the log routes and actions use.
 */

/** `POST /health/logs/query` and the `pp-health-logs-query` action. */
export const logQueryBody = ppLogQuerySchema;

/** `POST /health/logs` (service principals). */
export const logIngestBody = ppLogIngestRequestSchema;
export type LogIngestBody = z.infer<typeof logIngestBody>;

import { PpBodyRoute } from '@internal/plugin-pp-common';
import {
  PpGuard,
  parseInput,
  readJsonBody,
  sendCachedJson,
} from '@internal/plugin-pp-node';
import { Request, Response } from 'express';
import { z } from 'zod';

/** Path fields merged into a JSON object body; any other body is left to fail validation. */
export const withFields = (body: unknown, extra: Record<string, unknown>) =>
  body && typeof body === 'object' && !Array.isArray(body)
    ? { ...body, ...extra }
    : body;

/** Sends a read with its ETag (304 on a match) and `Cache-Control: max-age` of one check interval. */
export const cachedFor =
  (maxAgeSeconds: number) => (req: Request, res: Response, body: unknown) =>
    sendCachedJson(req, res, body, { maxAgeSeconds });

/**
 * Telemetry from a service principal (heartbeats, log lines): the principal first (the contract's
 * `service` role, not a permission), then the body with the route's limit, validated.
 */
export async function readServiceTelemetry<T extends z.ZodType>(
  guard: PpGuard,
  req: Request,
  res: Response,
  route: PpBodyRoute,
  schema: T,
  what: string,
) {
  const ctx = await guard.authorizeServicePrincipal(req, res);
  const body: z.infer<T> = parseInput(
    schema,
    await readJsonBody(req, ctx, route),
    what,
  );
  return { ctx, body };
}

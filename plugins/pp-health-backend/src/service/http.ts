import { PpBodyRoute } from '@internal/plugin-pp-common';
import { PpGuard, parseInput, readJsonBody } from '@internal/plugin-pp-node';
import { Request, Response } from 'express';
import { z } from 'zod';

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

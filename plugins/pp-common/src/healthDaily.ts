import { z } from 'zod';

/**
 * `GET /pp/v1/health/microservices/{service_id}/daily`: a service's health per UTC day, the read
 * model the SLA plugin's daily compliance job takes its uptime, p95 and error rate from.
 */

/** Query of the daily read. @public */
export const ppHealthDailyQuerySchema = z
  .object({
    from: z.iso.date().describe('First UTC day, YYYY-MM-DD.'),
    to: z.iso
      .date()
      .describe('Last UTC day, YYYY-MM-DD (at most 190 days after from).'),
  })
  .meta({ id: 'HealthDailyQuery', description: 'The days to read.' });

/** @public */
export const ppHealthDaySchema = z
  .object({
    day: z.string().describe('UTC day, YYYY-MM-DD.'),
    checks: z.number().int(),
    down_checks: z.number().int(),
    observed_minutes: z
      .number()
      .describe('Minutes of the day covered by 5-minute buckets with checks.'),
    down_minutes: z
      .number()
      .describe('Σ over buckets of 5 min × down checks ÷ checks.'),
    p95_response_ms: z.number().nullable(),
    error_rate_sum: z
      .number()
      .describe(
        'Σ of the checks’ error rates (fractions): ÷ checks is the day’s mean.',
      ),
    down_buckets: z
      .array(z.object({ start: z.iso.datetime(), minutes: z.number() }))
      .describe(
        'The 5-minute buckets with down checks and their down minutes.',
      ),
  })
  .meta({
    id: 'HealthDay',
    description: 'One service’s health over one UTC day.',
  });
/** @public */
export type PpHealthDay = z.infer<typeof ppHealthDaySchema>;

/** @public */
export const ppHealthDailySchema = z
  .object({ service_id: z.string(), days: z.array(ppHealthDaySchema) })
  .meta({
    id: 'HealthDaily',
    description: 'A service’s health per UTC day, from its 5-minute rollups.',
  });
/** @public */
export type PpHealthDaily = z.infer<typeof ppHealthDailySchema>;

import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { PP_LOG_RETENTION_DAYS_DEFAULT } from '@internal/plugin-pp-common';
import { LogLine } from './types';
import { LogIngestBody } from './validation';

const normalRef = (ref: string) => ref.trim().toLocaleLowerCase('en-US');
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Turns a service's batch into stored lines, all or nothing: the sender must be a monitored
 * service (404 otherwise) and may only send its own lines (403); times may be at most 5 minutes
 * ahead and no older than the retention (they would be pruned at once). Every bad entry is named.
 */
export function linesFromBatch(opts: {
  entityRef: string;
  body: LogIngestBody;
  /** Monitored services: service id → catalog entity ref. */
  services: Map<string, string>;
  now: Date;
  retentionDays?: number;
}): LogLine[] {
  const { entityRef, body, services, now } = opts;
  const own = [...services].find(
    ([, ref]) => normalRef(ref) === normalRef(entityRef),
  )?.[0];
  if (!own) {
    throw new NotFoundError(
      `${entityRef} is not a monitored service (no pp.waooaw.com/service-id in the catalog)`,
    );
  }
  const others = [
    ...new Set(
      body.entries
        .map(e => e.service_id)
        .filter((id): id is string => !!id && id !== own),
    ),
  ];
  if (others.length) {
    throw new NotAllowedError(
      `A service may only send its own logs: ${entityRef} is ${own}, not ${others.join(
        ', ',
      )}`,
    );
  }
  const oldest =
    now.getTime() -
    (opts.retentionDays ?? PP_LOG_RETENTION_DAYS_DEFAULT) * 86_400_000;
  const problems: string[] = [];
  const lines = body.entries.map((e, i) => {
    const at = e.timestamp ? new Date(e.timestamp) : now;
    if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) {
      problems.push(
        `entries.${i}.timestamp: more than 5 minutes in the future`,
      );
    } else if (at.getTime() < oldest) {
      problems.push(`entries.${i}.timestamp: older than the log retention`);
    }
    return {
      service_id: own,
      level: e.level,
      message: e.message,
      timestamp: at,
      trace_id: e.trace_id ?? null,
      attributes: e.attributes ?? {},
    };
  });
  if (problems.length) {
    throw new InputError(`Invalid log batch: ${problems.join('; ')}`);
  }
  return lines;
}

import { InputError } from '@backstage/errors';
import type {
  PpKnowledgeAuthType,
  PpKnowledgeConnection,
  PpKnowledgeSourceStatus,
  PpKnowledgeSourceType,
} from '@internal/plugin-pp-common';
import { isValidTimeZone } from '../ingest/schedule';

/*
 * The rules of a knowledge source, on plain data:
 * - api and rss sources are read from `connection.url` on a schedule; webhook and upload sources
 *   receive their records (pushed or uploaded) and have no schedule (next_run_at null);
 * - bearer, basic and api_key_header need a credential (a stored one counts on a change); basic's
 *   is `user:password`; api_key_header names its header;
 * - the time zone is an IANA name the server knows;
 * - three consecutive failed runs raise one alert (the third; the streak ends with a success).
 */

/** Consecutive failures that raise the alert. */
export const FAILURES_BEFORE_ALERT = 3;

/** What the rules look at: a new source, or a stored one with a change applied. */
export interface SourceShape {
  type: PpKnowledgeSourceType;
  connection: PpKnowledgeConnection;
  /** a credential is given, or (for a change) stored and kept */
  hasCredential: boolean;
  /** the plain credential when it was just given (checked for basic's form) */
  credential?: string;
  time_zone: string;
}

const NEEDS_CREDENTIAL: PpKnowledgeAuthType[] = [
  'bearer',
  'basic',
  'api_key_header',
];

/** Sources read on a schedule (api, rss); webhook and upload ones receive what they ingest. */
export function isScheduled(type: PpKnowledgeSourceType): boolean {
  return type === 'api' || type === 'rss';
}

/** Every problem of a source's shape, as sentences (empty: fine). */
export function sourceProblems(s: SourceShape): string[] {
  const problems: string[] = [];
  const auth = s.connection.auth_type ?? 'none';
  if (isScheduled(s.type) && !s.connection.url) {
    problems.push(
      `An ${
        s.type === 'api' ? 'api' : 'rss'
      } source needs connection.url (where it is read from).`,
    );
  }
  if (!isScheduled(s.type) && s.connection.url) {
    problems.push(
      `A ${
        s.type
      } source is not read from a URL: leave connection.url out (its records are ${
        s.type === 'webhook' ? 'posted to its webhook' : 'uploaded'
      }).`,
    );
  }
  if (!isScheduled(s.type) && auth !== 'none') {
    problems.push(
      `A ${s.type} source has no outgoing authentication: auth_type must be none.`,
    );
  }
  if (NEEDS_CREDENTIAL.includes(auth) && !s.hasCredential) {
    problems.push(`auth_type ${auth} needs a credential.`);
  }
  if (auth === 'api_key_header' && !s.connection.header_name) {
    problems.push(
      'auth_type api_key_header needs connection.header_name (the header that carries the key).',
    );
  }
  if (
    auth === 'basic' &&
    s.credential !== undefined &&
    !s.credential.startsWith('secret:') &&
    !s.credential.includes(':')
  ) {
    problems.push('A basic credential is user:password.');
  }
  if (s.type !== 'api' && (s.connection.json_path || s.connection.fields)) {
    problems.push('json_path and fields are for api sources only.');
  }
  if (!isValidTimeZone(s.time_zone)) {
    problems.push(
      `${JSON.stringify(
        s.time_zone,
      )} is not a time zone this server knows; use an IANA name such as Asia/Kolkata.`,
    );
  }
  return problems;
}

/** Throws an InputError naming every problem. */
export function assertValidSource(s: SourceShape): void {
  const problems = sourceProblems(s);
  if (problems.length) {
    throw new InputError(`The source is not valid: ${problems.join(' ')}`);
  }
}

/** A source's state after a run. */
export interface RunOutcome {
  status: PpKnowledgeSourceStatus;
  consecutive_failures: number;
  /** this failure is the one that raises the alert */
  alert: boolean;
}

/** The source's status and failure streak after a run that `succeeded` or not. */
export function afterRun(
  before: { paused: boolean; consecutive_failures: number },
  succeeded: boolean,
): RunOutcome {
  if (succeeded) {
    return {
      status: before.paused ? 'paused' : 'active',
      consecutive_failures: 0,
      alert: false,
    };
  }
  const failures = before.consecutive_failures + 1;
  return {
    status: before.paused ? 'paused' : 'failing',
    consecutive_failures: failures,
    alert: failures === FAILURES_BEFORE_ALERT,
  };
}

/** The status of a source that is paused or resumed (a resumed one keeps its failure state). */
export function statusOf(paused: boolean, consecutiveFailures: number) {
  if (paused) return 'paused' as const;
  return consecutiveFailures > 0 ? ('failing' as const) : ('active' as const);
}

import { ResponseError } from '@backstage/errors';

/**
 * The message to show a person for a failed call: the server's own message (for example the
 * 400 that says which field is wrong) rather than "Request failed with 400 Bad Request".
 */
export function describeError(error: unknown): string {
  if (ResponseError.is(error)) {
    const message = error.cause.message;
    // A body that is not Backstage's full error shape ({ error, response }) arrives wrapped as
    // "Request failed with status 400 Bad Request, {json}": dig the message out of the json.
    const wrapped = /^Request failed with status \d+[^,]*, (\{[\s\S]*\})$/.exec(
      message,
    );
    if (wrapped) {
      try {
        const body = JSON.parse(wrapped[1]);
        if (typeof body?.error?.message === 'string') {
          return body.error.message;
        }
      } catch {
        // not JSON after all; fall through to the message as it is
      }
    }
    return message || error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

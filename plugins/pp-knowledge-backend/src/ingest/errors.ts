import { CustomErrorBase } from '@backstage/errors';

/**
 * A source could not be read: it did not answer, answered an error, too much, too late, or
 * something that is not what its type promises. The message is a sentence for the source's run
 * log and the test-connection answer. `remoteStatus` is the HTTP status the source answered
 * (null when there was no answer); it is deliberately not called `statusCode`, so that an error
 * handler does not answer PP's own request with the remote's status.
 */
export class SourceFetchError extends CustomErrorBase {
  name = 'SourceFetchError' as const;
  readonly remoteStatus: number | null;

  constructor(message: string, remoteStatus: number | null = null) {
    super(message);
    this.remoteStatus = remoteStatus;
  }
}

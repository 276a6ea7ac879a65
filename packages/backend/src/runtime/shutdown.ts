/** How long a graceful shutdown may take before the process exits anyway (Kubernetes kills at 30 s). */
export const PP_SHUTDOWN_LIMIT_MS = 25_000;

/**
 * On SIGTERM or SIGINT, arms a timer that ends the process with exit code 1 if Backstage's own
 * shutdown (which exits 0 when done) has not finished within `limitMs`. The timer does not keep
 * the process alive.
 */
export function exitAfterShutdownLimit(
  limitMs: number = PP_SHUTDOWN_LIMIT_MS,
  proc: Pick<NodeJS.Process, 'once' | 'exit'> = process,
) {
  const arm = (signal: string) => {
    setTimeout(() => {
      // eslint-disable-next-line no-console
      console.error(
        `Shutdown after ${signal} did not finish within ${limitMs} ms; exiting`,
      );
      proc.exit(1);
    }, limitMs).unref();
  };
  proc.once('SIGTERM', () => arm('SIGTERM'));
  proc.once('SIGINT', () => arm('SIGINT'));
}

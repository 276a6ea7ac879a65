/*
 * The Platform Portal backend (the spec's "PP Gateway", port 8015).
 *
 * Backstage core plugins plus the PP domain plugins (see ./features.ts). The root HTTP router also
 * serves the `/pp/v1` contract by mapping it onto the PP plugins' routes (see ./ppV1/mounts.ts).
 */
import { createBackend } from '@backstage/backend-defaults';
import { backendFeatures } from './features';
import { exitAfterShutdownLimit } from './runtime/shutdown';

const backend = createBackend();
for (const feature of backendFeatures) {
  backend.add(feature);
}
// SIGTERM (Kubernetes, docker stop) is Backstage's graceful stop: readiness turns 503, the server
// stops accepting and finishes its in-flight requests, scheduled tasks are aborted at their signal.
// Should a shutdown hook hang, the process still exits before Kubernetes' 30 s kill.
exitAfterShutdownLimit();
// A backend that failed to start (a plugin refused its configuration, a database it cannot reach)
// exits 1 so the orchestrator restarts it and reports it, instead of idling half-started.
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error('Backend startup failed; exiting', error);
  process.exit(1);
});

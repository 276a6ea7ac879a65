/*
 * The Platform Portal backend (the spec's "PP Gateway", port 8015).
 *
 * Backstage core plugins plus the PP domain plugins (see ./features.ts). The root HTTP router also
 * serves the `/pp/v1` contract by mapping it onto the PP plugins' routes (see ./ppV1/mounts.ts).
 */
import { createBackend } from '@backstage/backend-defaults';
import { backendFeatures } from './features';

const backend = createBackend();
for (const feature of backendFeatures) {
  backend.add(feature);
}
backend.start();

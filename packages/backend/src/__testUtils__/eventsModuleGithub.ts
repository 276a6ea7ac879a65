import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import path from 'node:path';

/*
 * Jest only (ppTestBackend.ts puts it in place of the real module): the entry point of
 * @backstage/plugin-events-backend-module-github is a feature loader that `import()`s its two
 * modules (the signed webhook ingress and the github.<event> router), which Jest cannot run in
 * CommonJS without --experimental-vm-modules. This is the same loader over the same two modules
 * of the installed package, loaded with `require`.
 */
const dist = path.join(
  path.dirname(
    require.resolve(
      '@backstage/plugin-events-backend-module-github/package.json',
    ),
  ),
  'dist',
  'service',
);

export default createBackendFeatureLoader({
  loader() {
    return [
      require(path.join(dist, 'eventsModuleGithubEventRouter.cjs.js')).default,
      require(path.join(dist, 'eventsModuleGithubWebhook.cjs.js')).default,
    ];
  },
});

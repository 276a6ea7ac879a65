import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createLocalGitPublishAction,
  localRepositoriesDir,
} from './localGitAction';
import { createLlmLogicAction, readLlmConfig } from './llmLogicAction';

/**
 * The scaffolder's Platform Portal actions: `pp:publish:local-git`, the PP template's publisher
 * in the embedded default and the tests (`pp.orchestration.codegen.publisher: local-git`), and
 * `pp:agent:llm-logic`, the template's optional LLM step (`pp.orchestration.codegen.llm`).
 *
 * @public
 */
export const ppScaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'pp-actions',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createLocalGitPublishAction({ dir: localRepositoriesDir(config) }),
          createLlmLogicAction({ llm: readLlmConfig(config) }),
        );
      },
    });
  },
});

import { resolve } from 'node:path';
import type { RootConfigService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { LOCAL_REPO_NAME, publishToLocalGit } from './localGitPublish';

/** The scaffolder action that publishes to a local bare git repository. */
export const LOCAL_GIT_ACTION_ID = 'pp:publish:local-git';

/**
 * Where `pp:publish:local-git` keeps the bare repositories: `pp.orchestration.codegen.
 * localRepositoriesDir`, by default `data/agent-repositories` under the backend's working
 * directory (beside the embedded default's `data/sqlite`).
 */
export function localRepositoriesDir(config: RootConfigService): string {
  return resolve(
    config.getOptionalString('pp.orchestration.codegen.localRepositoriesDir') ??
      'data/agent-repositories',
  );
}

/**
 * `pp:publish:local-git`: pushes the task's workspace as one commit to the bare repository
 * `<localRepositoriesDir>/<repoName>.git` (created when missing; a regeneration replaces the
 * branch). The embedded default's and the tests' publisher; production publishes to GitHub
 * (`publish:github`).
 */
export function createLocalGitPublishAction(options: { dir: string }) {
  return createTemplateAction({
    id: LOCAL_GIT_ACTION_ID,
    description:
      'Publishes the workspace to a local bare git repository (the Platform Portal embedded default).',
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .regex(LOCAL_REPO_NAME)
            .describe('The repository name (the agent id).'),
        defaultBranch: z =>
          z.string().optional().describe('The branch (default main).'),
        commitMessage: z => z.string().optional(),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'A folder of the workspace to publish instead of all of it.',
            ),
      },
      output: {
        remoteUrl: z => z.string().describe('The repository (file:// URL).'),
        repoContentsUrl: z => z.string(),
        commitHash: z => z.string(),
      },
    },
    async handler(ctx) {
      const { repoName, defaultBranch, commitMessage, sourcePath } = ctx.input;
      const workspacePath = sourcePath
        ? resolve(ctx.workspacePath, sourcePath)
        : ctx.workspacePath;
      if (!workspacePath.startsWith(resolve(ctx.workspacePath))) {
        throw new Error('sourcePath must stay inside the workspace');
      }
      const published = await publishToLocalGit({
        workspacePath,
        dir: options.dir,
        repoName,
        defaultBranch,
        commitMessage,
      });
      ctx.logger.info(
        `Published ${repoName} to ${published.remoteUrl} (${published.commit})`,
      );
      ctx.output('remoteUrl', published.remoteUrl);
      ctx.output('repoContentsUrl', published.remoteUrl);
      ctx.output('commitHash', published.commit);
    },
  });
}

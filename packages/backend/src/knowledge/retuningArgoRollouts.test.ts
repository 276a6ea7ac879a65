import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import ppKnowledgePlugin from '@internal/plugin-pp-knowledge-backend';
import { ppKnowledgeArgoRolloutsModule } from '@internal/plugin-pp-orchestration-backend-module-argo-rollouts';

jest.setTimeout(60_000);

/** Every plugin's log lines, kept. */
function capturingRootLogger() {
  const lines: Array<{ level: string; message: string }> = [];
  const logger = (): LoggerService => ({
    error: message => void lines.push({ level: 'error', message }),
    warn: message => void lines.push({ level: 'warn', message }),
    info: message => void lines.push({ level: 'info', message }),
    debug: () => {},
    child: () => logger(),
  });
  return {
    lines,
    factory: createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => logger(),
    }),
  };
}

/**
 * The knowledge plugin with the Argo Rollouts module, as the backend installs them: with
 * `pp.knowledge.retuning.deployment.target: argo-rollouts` the retunings roll out on the module's
 * target (no 503 "No deployment target is configured"), and starting needs no cluster.
 */
describe('agent retunings on the argo-rollouts target', () => {
  async function start(target?: string) {
    const logs = capturingRootLogger();
    const backend = await startTestBackend({
      features: [
        ppKnowledgePlugin,
        ppKnowledgeArgoRolloutsModule,
        catalogServiceMock.factory(),
        logs.factory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7007',
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            pp: {
              knowledge: {
                retuning: {
                  deployment: {
                    ...(target && { target }),
                    // never read at start: the client is made on the target's first use
                    argoRollouts: { kubeconfig: '/nonexistent/kubeconfig' },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    return { backend, logs: logs.lines };
  }

  it('pp.knowledge.retuning.deployment.target argo-rollouts: the retuning runs on the Argo target', async () => {
    const { backend, logs } = await start('argo-rollouts');
    expect(logs).toContainEqual({
      level: 'info',
      message: 'Agent retunings run on the argo-rollouts deployment target',
    });
    expect(logs.filter(l => l.level === 'error')).toEqual([]);
    await backend.stop();
  });

  it('without a setting (outside production): the demo target, the Argo one installed beside it', async () => {
    const { backend, logs } = await start();
    expect(logs).toContainEqual({
      level: 'info',
      message:
        'Agent retunings run on the demo deployment target (demo: no real traffic moves)',
    });
    await backend.stop();
  });
});

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  PpDeploymentTargets,
  ppDeploymentTargetsExtensionPoint,
  ppKnowledgeDeploymentTargetsExtensionPoint,
} from '@internal/plugin-pp-node';
import { ArgoRolloutsTarget } from './ArgoRolloutsTarget';
import {
  ppArgoRolloutsModule,
  ppKnowledgeArgoRolloutsModule,
  readKnowledgeArgoRolloutsConfig,
} from './module';

describe('the argo-rollouts modules', () => {
  it('pp-knowledge: adds the argo-rollouts target to the retunings, the version in PP_KNOWLEDGE_VERSION, no cluster read at start', async () => {
    const knowledge = new PpDeploymentTargets();
    const backend = await startTestBackend({
      extensionPoints: [
        [ppKnowledgeDeploymentTargetsExtensionPoint, knowledge],
      ],
      features: [
        ppKnowledgeArgoRolloutsModule,
        mockServices.rootConfig.factory({
          data: {
            pp: {
              knowledge: {
                retuning: {
                  deployment: {
                    target: 'argo-rollouts',
                    // never read: the client is made on the target's first use
                    argoRollouts: { kubeconfig: '/nonexistent/kubeconfig' },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    expect(knowledge.kinds()).toEqual(['argo-rollouts']);
    const target = knowledge.get('argo-rollouts');
    expect(target).toBeInstanceOf(ArgoRolloutsTarget);
    expect((target as any).options).toMatchObject({
      namespace: 'default',
      versionEnv: 'PP_KNOWLEDGE_VERSION',
    });
    await backend.stop();
  });

  it('pp-orchestration: unchanged, the version is the image tag', async () => {
    const upgrades = new PpDeploymentTargets();
    const backend = await startTestBackend({
      extensionPoints: [[ppDeploymentTargetsExtensionPoint, upgrades]],
      features: [
        ppArgoRolloutsModule,
        mockServices.rootConfig.factory({
          data: {
            pp: {
              orchestration: {
                deployment: { argoRollouts: { namespace: 'agents' } },
              },
            },
          },
        }),
      ],
    });
    const target = upgrades.get('argo-rollouts');
    expect((target as any).options).toMatchObject({ namespace: 'agents' });
    expect((target as any).options.versionEnv).toBeUndefined();
    await backend.stop();
  });

  it("the retunings' settings: their own, else orchestration's (the connection as a pair)", () => {
    const read = (data: object) =>
      readKnowledgeArgoRolloutsConfig(mockServices.rootConfig({ data }));
    expect(read({})).toEqual({
      namespace: 'default',
      container: undefined,
      kubeconfig: undefined,
      inCluster: undefined,
      versionEnv: 'PP_KNOWLEDGE_VERSION',
    });
    const orchestration = {
      deployment: {
        argoRollouts: {
          namespace: 'agents',
          container: 'agent',
          inCluster: true,
        },
      },
    };
    expect(read({ pp: { orchestration } })).toEqual({
      namespace: 'agents',
      container: 'agent',
      kubeconfig: undefined,
      inCluster: true,
      versionEnv: 'PP_KNOWLEDGE_VERSION',
    });
    expect(
      read({
        pp: {
          orchestration,
          knowledge: {
            retuning: {
              deployment: {
                argoRollouts: {
                  namespace: 'tuned',
                  kubeconfig: '/etc/pp/kubeconfig',
                  versionEnv: 'AGENT_KNOWLEDGE',
                },
              },
            },
          },
        },
      }),
    ).toEqual({
      namespace: 'tuned',
      container: 'agent',
      kubeconfig: '/etc/pp/kubeconfig',
      inCluster: undefined,
      versionEnv: 'AGENT_KNOWLEDGE',
    });
  });
});

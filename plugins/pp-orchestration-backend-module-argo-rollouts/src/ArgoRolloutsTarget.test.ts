import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ArgoRolloutsTarget, ppCanarySteps } from './ArgoRolloutsTarget';
import { KubernetesRolloutsApi } from './KubernetesRolloutsApi';

interface Seen {
  method: string;
  path: string;
  contentType: string | undefined;
  authorization: string | undefined;
  body: unknown;
}

const BASE = '/apis/argoproj.io/v1alpha1/namespaces/agents/rollouts/sales-sdr';

/** A Rollout as the Kubernetes API serves it. */
const rollout = (over: { spec?: object; status?: object } = {}) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'sales-sdr', namespace: 'agents', generation: 7 },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: 'sidecar', image: 'envoy:1.30' },
          {
            name: 'agent',
            image: 'registry.waooaw.com:5000/agents/sales-sdr:1.4.0',
          },
        ],
      },
    },
    strategy: { canary: { steps: [{ setWeight: 20 }] } },
    ...over.spec,
  },
  status: {
    phase: 'Healthy',
    observedGeneration: '7',
    currentPodHash: 'aaa',
    stableRS: 'aaa',
    updatedReplicas: 2,
    availableReplicas: 2,
    ...over.status,
  },
});

/** A Kubernetes API server on a local port: records every request, answers from `routes`. */
async function fakeApiServer(options: { versionEnv?: string } = {}) {
  const seen: Seen[] = [];
  let answer: (s: Seen) => { status: number; body: unknown } = () => ({
    status: 200,
    body: rollout(),
  });
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', c => (raw += c));
    req.on('end', () => {
      const s: Seen = {
        method: req.method!,
        path: req.url!,
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        body: raw ? JSON.parse(raw) : undefined,
      };
      seen.push(s);
      const out = answer(s);
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      { name: 'fake', server: `http://127.0.0.1:${port}`, skipTLSVerify: true },
    ],
    users: [{ name: 'pp', token: 'pp-test-token' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'pp' }],
    currentContext: 'fake',
  });
  return {
    seen,
    answer: (fn: typeof answer) => {
      answer = fn;
    },
    target: new ArgoRolloutsTarget({
      api: new KubernetesRolloutsApi(kc),
      namespace: 'agents',
      container: 'agent',
      versionEnv: options.versionEnv,
    }),
    close: () => new Promise(r => server.close(r)),
  };
}

describe('ArgoRolloutsTarget against a Kubernetes API server', () => {
  let k: Awaited<ReturnType<typeof fakeApiServer>>;
  beforeEach(async () => {
    k = await fakeApiServer();
  });
  afterEach(() => k.close());

  const notFound = {
    status: 404,
    body: {
      kind: 'Status',
      code: 404,
      message: 'the server could not find the requested resource',
    },
  };

  it('deploy: reads the Rollout, then one JSON Patch of the container image and the canary steps at 0 %', async () => {
    await k.target.deploy('sales-sdr', '1.5.0');
    expect(k.seen.map(s => [s.method, s.path])).toEqual([
      ['GET', BASE],
      ['PATCH', BASE],
    ]);
    expect(k.seen[1].authorization).toBe('Bearer pp-test-token');
    expect(k.seen[1].contentType).toBe('application/json-patch+json');
    expect(k.seen[1].body).toEqual([
      {
        op: 'test',
        path: '/spec/template/spec/containers/1/name',
        value: 'agent',
      },
      {
        op: 'replace',
        path: '/spec/template/spec/containers/1/image',
        value: 'registry.waooaw.com:5000/agents/sales-sdr:1.5.0',
      },
      {
        op: 'replace',
        path: '/spec/strategy/canary/steps',
        value: [
          { setCanaryScale: { weight: 100 } },
          { setWeight: 0 },
          { pause: {} },
        ],
      },
    ]);
  });

  it('deploy: refuses a Rollout without the configured container', async () => {
    k.answer(() => ({
      status: 200,
      body: rollout({
        spec: {
          template: { spec: { containers: [{ name: 'web', image: 'x:1' }] } },
        },
      }),
    }));
    await expect(k.target.deploy('sales-sdr', '1.5.0')).rejects.toThrow(
      /has no container agent with an image/,
    );
    expect(k.seen.filter(s => s.method === 'PATCH')).toHaveLength(0);
  });

  it('setWeight: a merge patch of the canary steps, unpaused', async () => {
    await k.target.setWeight('sales-sdr', 10);
    expect(k.seen).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: BASE,
        contentType: 'application/merge-patch+json',
        body: {
          spec: {
            paused: false,
            strategy: { canary: { steps: ppCanarySteps(10) } },
          },
        },
      }),
    ]);
  });

  it('promote: like `kubectl argo rollouts promote --full` (unpause, promoteFull on the status subresource)', async () => {
    k.answer(s =>
      s.method === 'GET'
        ? {
            status: 200,
            body: rollout({
              spec: { paused: true },
              status: { currentPodHash: 'bbb', phase: 'Paused' },
            }),
          }
        : { status: 200, body: rollout() },
    );
    await k.target.promote('sales-sdr');
    expect(k.seen.map(s => [s.method, s.path, s.contentType, s.body])).toEqual([
      ['GET', BASE, undefined, undefined],
      [
        'PATCH',
        BASE,
        'application/merge-patch+json',
        { spec: { paused: false } },
      ],
      [
        'PATCH',
        `${BASE}/status`,
        'application/merge-patch+json',
        { status: { promoteFull: true } },
      ],
    ]);
  });

  it('abort: {"status":{"abort":true}} on the status subresource, on the Rollout when there is none', async () => {
    await k.target.abort('sales-sdr');
    expect(k.seen.map(s => [s.method, s.path, s.contentType, s.body])).toEqual([
      [
        'PATCH',
        `${BASE}/status`,
        'application/merge-patch+json',
        { status: { abort: true } },
      ],
    ]);
    k.seen.length = 0;
    k.answer(s =>
      s.path.endsWith('/status') ? notFound : { status: 200, body: rollout() },
    );
    await k.target.abort('agents/sales-sdr');
    expect(k.seen.map(s => [s.method, s.path, s.body])).toEqual([
      ['PATCH', `${BASE}/status`, { status: { abort: true } }],
      ['PATCH', BASE, { status: { abort: true } }],
    ]);
  });

  it('reports an API refusal with its status and message', async () => {
    k.answer(() => ({
      status: 403,
      body: {
        kind: 'Status',
        code: 403,
        message: 'rollouts.argoproj.io is forbidden',
      },
    }));
    await expect(k.target.setWeight('sales-sdr', 10)).rejects.toThrow(
      'Patching Rollout agents/sales-sdr: the Kubernetes API answered 403 (rollouts.argoproj.io is forbidden)',
    );
  });

  it.each<[string, object, object]>([
    [
      'green deploying (spec not observed yet)',
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'agent', image: 'r/a:1.5.0' }] },
          },
        },
        status: {
          observedGeneration: '6',
          currentPodHash: 'bbb',
          phase: 'Progressing',
        },
      },
      {
        green_version: '1.5.0',
        green_ready: false,
        weight: 0,
        phase: 'progressing',
      },
    ],
    [
      'green ready at 0 %, paused',
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'agent', image: 'r/a:1.5.0' }] },
          },
        },
        status: {
          currentPodHash: 'bbb',
          phase: 'Paused',
          updatedReplicas: 2,
          availableReplicas: 4,
          canary: { weights: { canary: { weight: 0 } } },
        },
      },
      { green_version: '1.5.0', green_ready: true, weight: 0, phase: 'paused' },
    ],
    [
      'canary at 10 %',
      {
        status: {
          currentPodHash: 'bbb',
          phase: 'Paused',
          canary: { weights: { canary: { weight: 10 } } },
        },
      },
      { green_version: '1.4.0', weight: 10, phase: 'paused' },
    ],
    [
      'fully promoted',
      {},
      {
        green_version: '1.4.0',
        green_ready: true,
        weight: 100,
        phase: 'healthy',
      },
    ],
    [
      'aborted',
      {
        status: {
          abort: true,
          currentPodHash: 'bbb',
          phase: 'Degraded',
          message: 'RolloutAborted: Rollout aborted update to revision 8',
        },
      },
      {
        weight: 0,
        phase: 'aborted',
        message: 'RolloutAborted: Rollout aborted update to revision 8',
      },
    ],
    [
      'degraded',
      {
        status: {
          currentPodHash: 'bbb',
          phase: 'Degraded',
          message: 'ProgressDeadlineExceeded',
        },
      },
      {
        green_ready: false,
        phase: 'degraded',
        message: 'ProgressDeadlineExceeded',
      },
    ],
  ])('status: %s', async (_name, over, expected) => {
    k.answer(() => ({ status: 200, body: rollout(over as any) }));
    expect(await k.target.status('sales-sdr')).toMatchObject(expected);
    expect(k.seen.map(s => [s.method, s.path])).toEqual([['GET', BASE]]);
  });
});

describe('ArgoRolloutsTarget with the version in an environment variable (retunings)', () => {
  let k: Awaited<ReturnType<typeof fakeApiServer>>;
  beforeEach(async () => {
    k = await fakeApiServer({ versionEnv: 'PP_KNOWLEDGE_VERSION' });
  });
  afterEach(() => k.close());

  const AGENT = '/spec/template/spec/containers/1';
  const withAgentEnv = (env: unknown, over: { status?: object } = {}) =>
    rollout({
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'sidecar', image: 'envoy:1.30' },
              {
                name: 'agent',
                image: 'registry.waooaw.com:5000/agents/sales-sdr:1.4.0',
                ...(env === undefined ? {} : { env }),
              },
            ],
          },
        },
      },
      ...over,
    });
  const steps0 = {
    op: 'replace',
    path: '/spec/strategy/canary/steps',
    value: ppCanarySteps(0),
  };
  const patchOf = () => {
    const patches = k.seen.filter(s => s.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0].contentType).toBe('application/json-patch+json');
    return patches[0].body;
  };

  it('deploy: a container without env gets the env array with the variable, the image untouched', async () => {
    k.answer(() => ({ status: 200, body: withAgentEnv(undefined) }));
    await k.target.deploy('sales-sdr', 'v2026-12-04');
    expect(k.seen.map(s => [s.method, s.path])).toEqual([
      ['GET', BASE],
      ['PATCH', BASE],
    ]);
    expect(patchOf()).toEqual([
      { op: 'test', path: `${AGENT}/name`, value: 'agent' },
      {
        op: 'add',
        path: `${AGENT}/env`,
        value: [{ name: 'PP_KNOWLEDGE_VERSION', value: 'v2026-12-04' }],
      },
      steps0,
    ]);
  });

  it('deploy: an env without the variable gets it appended', async () => {
    k.answer(() => ({
      status: 200,
      body: withAgentEnv([{ name: 'LOG_LEVEL', value: 'info' }]),
    }));
    await k.target.deploy('sales-sdr', 'v2026-12-04');
    expect(patchOf()).toEqual([
      { op: 'test', path: `${AGENT}/name`, value: 'agent' },
      {
        op: 'add',
        path: `${AGENT}/env/-`,
        value: { name: 'PP_KNOWLEDGE_VERSION', value: 'v2026-12-04' },
      },
      steps0,
    ]);
  });

  it('deploy: the variable present is replaced where it is (guarded by a test of its name)', async () => {
    k.answer(() => ({
      status: 200,
      body: withAgentEnv([
        { name: 'LOG_LEVEL', value: 'info' },
        {
          name: 'PP_KNOWLEDGE_VERSION',
          valueFrom: { configMapKeyRef: { name: 'kv', key: 'version' } },
        },
        { name: 'REGION', value: 'eu' },
      ]),
    }));
    await k.target.deploy('agents/sales-sdr', 'v2026-12-04');
    expect(patchOf()).toEqual([
      { op: 'test', path: `${AGENT}/name`, value: 'agent' },
      {
        op: 'test',
        path: `${AGENT}/env/1/name`,
        value: 'PP_KNOWLEDGE_VERSION',
      },
      {
        op: 'replace',
        path: `${AGENT}/env/1`,
        value: { name: 'PP_KNOWLEDGE_VERSION', value: 'v2026-12-04' },
      },
      steps0,
    ]);
  });

  it('deploy: refuses a Rollout without the configured container', async () => {
    k.answer(() => ({
      status: 200,
      body: rollout({
        spec: {
          template: { spec: { containers: [{ name: 'web', image: 'x:1' }] } },
        },
      }),
    }));
    await expect(k.target.deploy('sales-sdr', 'v2026-12-04')).rejects.toThrow(
      /has no container agent with an image/,
    );
    expect(k.seen.filter(s => s.method === 'PATCH')).toHaveLength(0);
  });

  it.each<[string, unknown, string | null]>([
    [
      'the variable set',
      [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'PP_KNOWLEDGE_VERSION', value: 'v2026-12-04' },
      ],
      'v2026-12-04',
    ],
    ['no env', undefined, null],
    ['env without the variable', [{ name: 'LOG_LEVEL', value: 'info' }], null],
    [
      'the variable from a ConfigMap (no value to read)',
      [{ name: 'PP_KNOWLEDGE_VERSION', valueFrom: { configMapKeyRef: {} } }],
      null,
    ],
  ])(
    'status: green_version is the variable, not the image tag (%s)',
    async (_name, env, version) => {
      k.answer(() => ({
        status: 200,
        body: withAgentEnv(env, {
          status: {
            currentPodHash: 'bbb',
            phase: 'Paused',
            updatedReplicas: 2,
            availableReplicas: 2,
          },
        }),
      }));
      expect(await k.target.status('sales-sdr')).toEqual({
        green_version: version,
        green_ready: true,
        weight: 0,
        phase: 'paused',
      });
    },
  );
});

// Validates deploy/kubernetes against the Kubernetes API schemas shipped in the npm package
// `kubernetes-models` (its generated JSON-schema validators; no cluster needed), then checks what
// the portal needs from them: >= 2 replicas, Backstage's health probes, a Secret or ConfigMap key
// for every ${VAR} of app-config.production.yaml, Service/Ingress wiring and the image's port.
// Run: node --test scripts/production/manifests.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const dir = path.join(root, 'deploy/kubernetes');
const models = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

function load() {
  const kustomization = YAML.parse(
    fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'),
  );
  const docs = [];
  for (const file of kustomization.resources) {
    for (const doc of YAML.parseAllDocuments(
      fs.readFileSync(path.join(dir, file), 'utf8'),
    )) {
      assert.equal(doc.errors.length, 0, `${file}: ${doc.errors.join('; ')}`);
      docs.push({ file, object: doc.toJS() });
    }
  }
  return { kustomization, docs };
}

/** Validates one object with the model of its apiVersion/kind (throws the schema's errors). */
function validate(object) {
  const Model = models[`${object.apiVersion}/${object.kind}`];
  assert.ok(Model, `no schema for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

test('every manifest is valid against the Kubernetes schemas', () => {
  const { kustomization, docs } = load();
  const onDisk = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml');
  assert.deepEqual([...kustomization.resources].sort(), onDisk.sort());
  for (const { file, object } of docs) {
    assert.doesNotThrow(() => validate(object), `${file} is not valid`);
  }
});

test('the validator refuses invalid manifests (so the check above can fail)', () => {
  const deployment = load().docs.find(
    d => d.object.kind === 'Deployment',
  ).object;
  const broken = structuredClone(deployment);
  broken.spec.replicas = 'two';
  assert.throws(() => validate(broken));
  const noImage = structuredClone(deployment);
  delete noImage.spec.template.spec.containers[0].name;
  assert.throws(() => validate(noImage));
  const badProbe = structuredClone(deployment);
  badProbe.spec.template.spec.containers[0].readinessProbe.httpGet.port = {
    name: 'http',
  };
  assert.throws(() => validate(badProbe));
});

test('the Deployment runs >= 2 replicas of the image with Backstage health probes and every variable', () => {
  const { docs } = load();
  const get = kind =>
    docs.filter(d => d.object.kind === kind).map(d => d.object);
  const [deployment] = get('Deployment');
  assert.ok(deployment.spec.replicas >= 2, 'at least 2 replicas');
  assert.equal(deployment.spec.strategy.rollingUpdate.maxUnavailable, 0);
  const pod = deployment.spec.template.spec;
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.ok(pod.terminationGracePeriodSeconds >= 30);
  const [container] = pod.containers;
  const port = container.ports.find(p => p.name === 'http');
  // The port of app-config.production.yaml and the Dockerfile's EXPOSE.
  const production = fs.readFileSync(
    path.join(root, 'app-config.production.yaml'),
    'utf8',
  );
  assert.equal(YAML.parse(production).backend.listen, `:${port.containerPort}`);
  const dockerfile = fs.readFileSync(
    path.join(root, 'packages/backend/Dockerfile'),
    'utf8',
  );
  assert.match(dockerfile, new RegExp(`EXPOSE ${port.containerPort}\\b`));
  assert.equal(
    container.readinessProbe.httpGet.path,
    '/.backstage/health/v1/readiness',
  );
  assert.equal(
    container.livenessProbe.httpGet.path,
    '/.backstage/health/v1/liveness',
  );
  assert.equal(container.readinessProbe.httpGet.port, 'http');

  // Every ${VAR} of the production config comes from the ConfigMap or the Secret it mounts.
  const wanted = new Set(
    [...production.matchAll(/\$\{([A-Z0-9_]+)\}/g)]
      .map(m => m[1])
      .filter(v => v !== 'VAR'),
  );
  const provided = new Set();
  for (const from of container.envFrom) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const source = get(kind).find(o => o.metadata.name === ref.name);
    assert.ok(source, `${kind} ${ref.name} is not among the manifests`);
    for (const key of Object.keys(source.data ?? source.stringData ?? {})) {
      assert.ok(!provided.has(key), `${key} is set twice`);
      provided.add(key);
    }
  }
  for (const name of wanted) {
    assert.ok(provided.has(name), `${name} is not provided to the pods`);
  }
  // Secrets stay out of the ConfigMap.
  const [configMap] = get('ConfigMap');
  for (const key of Object.keys(configMap.data)) {
    assert.doesNotMatch(key, /SECRET|PASSWORD|TOKEN|REDIS_URL|WEBHOOK/);
  }
});

test('the Service selects the pods and the Ingress routes to the Service', () => {
  const { docs } = load();
  const one = kind => docs.find(d => d.object.kind === kind).object;
  const deployment = one('Deployment');
  const service = one('Service');
  const ingress = one('Ingress');
  const pdb = one('PodDisruptionBudget');
  const labels = deployment.spec.template.metadata.labels;
  for (const [k, v] of Object.entries(service.spec.selector)) {
    assert.equal(labels[k], v, `Service selector ${k}`);
  }
  for (const [k, v] of Object.entries(deployment.spec.selector.matchLabels)) {
    assert.equal(labels[k], v, `Deployment selector ${k}`);
  }
  for (const [k, v] of Object.entries(pdb.spec.selector.matchLabels)) {
    assert.equal(labels[k], v, `PodDisruptionBudget selector ${k}`);
  }
  assert.ok(pdb.spec.minAvailable < deployment.spec.replicas);
  const [servicePort] = service.spec.ports;
  assert.equal(servicePort.targetPort, 'http');
  const backend = ingress.spec.rules[0].http.paths[0].backend.service;
  assert.equal(backend.name, service.metadata.name);
  assert.equal(backend.port.name, servicePort.name);
  const host = ingress.spec.rules[0].host;
  const configMap = one('ConfigMap');
  assert.equal(new URL(configMap.data.PP_BASE_URL).host, host);
});

import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Entity } from '@backstage/catalog-model';

/** The repository root, where catalog-info.yaml lives. */
export const repoRoot = path.resolve(__dirname, '../../../..');

/** Every entity registered by catalog-info.yaml, following its Location targets. */
export function readRegisteredEntities(): Array<{
  file: string;
  entity: Entity;
}> {
  const out: Array<{ file: string; entity: Entity }> = [];
  const visit = (file: string) => {
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    for (const doc of docs) {
      if (doc.errors.length) {
        throw new Error(`${file}: ${doc.errors[0].message}`);
      }
      const entity = doc.toJS() as Entity | null;
      if (!entity) continue;
      out.push({ file, entity });
      if (entity.kind === 'Location') {
        const spec = entity.spec as { target?: string; targets?: string[] };
        for (const target of [spec.target, ...(spec.targets ?? [])]) {
          if (target) visit(path.resolve(path.dirname(file), target));
        }
      }
    }
  };
  visit(path.join(repoRoot, 'catalog-info.yaml'));
  return out;
}

/**
 * The catalog YAML of one monitored service (a `service` Component owned by group:default/platform,
 * its PP service id = its name), for the throwaway catalog files of full-stack tests.
 */
export function serviceComponentYaml(
  name: string,
  options: { title?: string; healthCheckUrl?: string } = {},
): string {
  return [
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    ...(options.title ? [`  title: ${options.title}`] : []),
    '  annotations:',
    `    pp.waooaw.com/service-id: ${name}`,
    ...(options.healthCheckUrl
      ? [`    pp.waooaw.com/health-check-url: ${options.healthCheckUrl}`]
      : []),
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: group:default/platform',
    '',
  ].join('\n');
}

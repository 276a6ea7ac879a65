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

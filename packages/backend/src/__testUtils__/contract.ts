import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { installedPpPluginIds, pendingPpEndpoints } from '../features';
import { createPpV1Resolver, ppV1Mounts } from '../ppV1';

/** An endpoint of the project's copy of the contract (spec/api-catalog.yaml). */
export interface PpContractEndpoint {
  method: string;
  path: string;
  roles: string[];
  body_limit?: string;
  extra?: boolean;
}

/** The project's copy of the contract, parsed. */
export const ppContract: { endpoints: PpContractEndpoint[] } = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../spec/api-catalog.yaml'),
    'utf8',
  ),
);

const resolve = createPpV1Resolver(ppV1Mounts);

/** A path with every `{param}` or `:param` replaced by a sample segment. */
export const concretePath = (p: string) =>
  p.replace(/\{[^}]+\}|:[A-Za-z0-9_]+/g, 'x1');

/**
 * The contract endpoints that an installed PP plugin serves (not those an installed plugin has
 * still to build: `pendingPpEndpoints`).
 */
export function implementedPpEndpoints(): PpContractEndpoint[] {
  return ppContract.endpoints.filter(e => {
    if (pendingPpEndpoints.includes(`${e.method} ${e.path}`)) return false;
    const target = resolve(concretePath(e.path).slice('/pp/v1'.length));
    return target && installedPpPluginIds.includes(target.split('/')[2]);
  });
}

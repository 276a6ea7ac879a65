import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  PP_ROLES,
  PP_ROLE_KEYS,
  isPpRoleKey,
  roleGrants,
  roleSetProblem,
} from './roles';

const contract = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../spec/api-catalog.yaml'),
    'utf8',
  ),
);

describe('PP roles', () => {
  it('match the contract: keys, levels and permission strings', () => {
    expect(Object.keys(contract.roles).sort()).toEqual(
      [...PP_ROLE_KEYS].sort(),
    );
    for (const key of PP_ROLE_KEYS) {
      expect(PP_ROLES[key].level).toBe(contract.roles[key].level);
      expect(PP_ROLES[key].permissions).toEqual(
        contract.roles[key].permissions,
      );
    }
  });

  it('recognises role keys', () => {
    expect(isPpRoleKey('viewer')).toBe(true);
    expect(isPpRoleKey('root')).toBe(false);
    expect(isPpRoleKey(3)).toBe(false);
  });

  it.each([
    [[], undefined],
    [['agent_orchestrator', 'viewer'], undefined],
    [['admin'], undefined],
    [['admin', 'viewer'], /exclusive/],
    [['viewer', 'viewer'], /twice/],
    [['viewer', 'god'], /Unknown role 'god'/],
  ])('roleSetProblem(%j)', (roles, expected) => {
    const problem = roleSetProblem(roles as string[]) ?? 'none';
    expect(problem).toMatch((expected as RegExp | undefined) ?? /^none$/);
  });

  it('grants by the permission strings, with wildcards', () => {
    expect(roleGrants('admin', 'anything:delete')).toBe(true);
    expect(roleGrants('viewer', 'tickets:read')).toBe(true);
    expect(roleGrants('viewer', 'tickets:create')).toBe(false);
    expect(roleGrants('helpdesk_agent', 'tickets:close')).toBe(true);
    expect(roleGrants('helpdesk_agent', 'logs:query')).toBe(false);
    expect(roleGrants('infrastructure_engineer', 'logs:query')).toBe(true);
    expect(roleGrants('viewer', 'malformed')).toBe(false);
  });
});

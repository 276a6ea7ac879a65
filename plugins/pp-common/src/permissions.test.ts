import {
  ppPermissionRule,
  ppPermissionRules,
  ppPermissions,
  ppRolesAllow,
  ppTicketsReadPermission,
  ppUsersReadPermission,
  ppRolesReadPermission,
} from './permissions';

describe('PP permissions', () => {
  it('have unique pp.* names and an audience each', () => {
    const names = ppPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^pp\.[a-z.-]+$/);
    expect(ppPermissionRules).toHaveLength(names.length);
  });

  it('let admin do everything and nobody without a role do role-gated things', () => {
    for (const rule of ppPermissionRules) {
      expect(ppRolesAllow(rule, ['admin'])).toBe(true);
      expect(ppRolesAllow(rule, [])).toBe(rule.allow === 'authenticated');
    }
  });

  it('follow the contract for sample endpoints', () => {
    const tickets = ppPermissionRule(ppTicketsReadPermission.name)!;
    expect(ppRolesAllow(tickets, ['viewer'])).toBe(true);
    expect(ppRolesAllow(tickets, ['infrastructure_engineer'])).toBe(true);
    expect(ppRolesAllow(tickets, ['industry_manager'])).toBe(false);
    const users = ppPermissionRule(ppUsersReadPermission.name)!;
    expect(ppRolesAllow(users, ['viewer'])).toBe(false);
    expect(
      ppRolesAllow(users, ['subscription_manager', 'agent_orchestrator']),
    ).toBe(false);
    expect(
      ppRolesAllow(ppPermissionRule(ppRolesReadPermission.name)!, []),
    ).toBe(true);
    expect(ppPermissionRule('catalog.entity.read')).toBeUndefined();
  });
});

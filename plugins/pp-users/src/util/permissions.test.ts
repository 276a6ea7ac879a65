import { groupPermissions } from './permissions';

describe('groupPermissions', () => {
  it('groups PP permission names by area with readable, sorted actions', () => {
    expect(
      groupPermissions([
        'pp.tickets.read',
        'pp.users.role-request.create',
        'pp.tickets.create',
        'pp.health.logs_query',
        'catalog.entity.read',
        'pp.sla.read',
      ]),
    ).toEqual([
      { area: 'Health', actions: ['logs query'] },
      { area: 'Other', actions: ['catalog.entity.read'] },
      { area: 'SLA', actions: ['read'] },
      { area: 'Tickets', actions: ['create', 'read'] },
      { area: 'Users', actions: ['role request create'] },
    ]);
  });

  it('answers no groups for no permissions', () => {
    expect(groupPermissions([])).toEqual([]);
  });
});

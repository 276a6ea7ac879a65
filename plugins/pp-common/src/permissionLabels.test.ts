import { ppPermissionRules } from './permissions';
import {
  PP_PERMISSION_LABELS,
  ppPermissionDeniedMessage,
  ppRoleLabel,
} from './permissionLabels';

describe('permission labels', () => {
  it('has words for every PP permission', () => {
    const missing = ppPermissionRules
      .map(rule => rule.permission.name)
      .filter(name => !PP_PERMISSION_LABELS[name]);
    expect(missing).toEqual([]);
  });

  it('says in a sentence with role titles who may do what, never the config keys', () => {
    const message = ppPermissionDeniedMessage({
      permission: 'pp.tickets.read',
      principalName: 'Sam Subscriptions',
      roles: ['subscription_manager'],
    });
    expect(message).toBe(
      'To read tickets you need the role Helpdesk Agent, Infrastructure Engineer, Viewer or Admin; Sam Subscriptions has Subscription Manager.',
    );
    expect(message).not.toMatch(/pp\.|_/);
  });

  it('names several roles and no role in words', () => {
    expect(
      ppPermissionDeniedMessage({
        permission: 'pp.users.read',
        principalName: 'Vic',
        roles: ['viewer', 'agent_orchestrator'],
      }),
    ).toBe(
      'To see the people of the portal you need the role Admin; Vic has Viewer and Agent Orchestrator.',
    );
    expect(
      ppPermissionDeniedMessage({
        permission: 'pp.health.read',
        principalName: 'New Person',
        roles: [],
      }),
    ).toBe(
      'To see service health you need the role Infrastructure Engineer, Viewer or Admin; New Person has no role yet.',
    );
    expect(ppRoleLabel('helpdesk_agent')).toBe('Helpdesk Agent');
  });
});

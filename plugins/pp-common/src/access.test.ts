import {
  ppBackstageRouteRule,
  ppMcpActionAllowed,
  ppRoutePatternMatches,
} from './access';

describe('the Backstage access tables', () => {
  it('match one segment with * and any rest with **', () => {
    expect(ppRoutePatternMatches('/api/catalog/**', '/api/catalog')).toBe(true);
    expect(
      ppRoutePatternMatches(
        '/api/catalog/**',
        '/api/catalog/entities/by-uid/1',
      ),
    ).toBe(true);
    expect(ppRoutePatternMatches('/api/catalog/*', '/api/catalog/a/b')).toBe(
      false,
    );
    expect(ppRoutePatternMatches('/api/catalog/refresh', '/api/catalogx')).toBe(
      false,
    );
  });

  it('take the first matching row, HEAD as GET', () => {
    expect(
      ppBackstageRouteRule('DELETE', '/api/catalog/entities/by-uid/1')?.allow,
    ).toEqual(['admin', 'infrastructure_engineer', 'agent_orchestrator']);
    expect(ppBackstageRouteRule('HEAD', '/api/catalog/entities')?.allow).toBe(
      'authenticated',
    );
    expect(
      ppBackstageRouteRule('POST', '/api/permission/authorize'),
    ).toBeUndefined();
  });

  it('allow MCP actions by role, default deny', () => {
    expect(
      ppMcpActionAllowed('pp-helpdesk:pp-tickets-create', ['viewer']),
    ).toBe(true);
    expect(ppMcpActionAllowed('catalog:unregister-entity', ['viewer'])).toBe(
      false,
    );
    expect(
      ppMcpActionAllowed('catalog:unregister-entity', ['agent_orchestrator']),
    ).toBe(true);
    expect(ppMcpActionAllowed('catalog:unregister-entity', ['admin'])).toBe(
      true,
    );
    expect(ppMcpActionAllowed('scaffolder:run-template', ['viewer'])).toBe(
      false,
    );
    expect(ppMcpActionAllowed('scaffolder:run-template', [])).toBe(false);
  });
});

import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import plugin, { ppHelpdeskApiRef } from './index';
import { isTicketEntity } from './plugin';
import {
  createMockHelpdeskApi,
  makeDetail,
  makeTicket,
  mockPermissionApi,
  pageOf,
} from './__testUtils__/mocks';

describe('pp-helpdesk plugin', () => {
  it('declares the page, the entity tab and the API', () => {
    expect(plugin.pluginId).toBe('pp-helpdesk');
    const tester = createExtensionTester(
      plugin.getExtension('page:pp-helpdesk'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/pp/helpdesk');
    expect(tester.get(coreExtensionData.title)).toBe('Helpdesk');
    expect(plugin.getExtension('api:pp-helpdesk')).toBeDefined();
    expect(
      plugin.getExtension('entity-content:pp-helpdesk/tickets'),
    ).toBeDefined();
  });

  it('shows the Tickets tab on services and AI agents only', () => {
    const component = (type: string, kind = 'Component') => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x' },
      spec: { type },
    });
    expect(isTicketEntity(component('service'))).toBe(true);
    expect(isTicketEntity(component('ai-agent'))).toBe(true);
    expect(isTicketEntity(component('website'))).toBe(false);
    expect(isTicketEntity(component('service', 'API'))).toBe(false);
  });

  it('serves the queue at /pp/helpdesk with rows from the API', async () => {
    const api = createMockHelpdeskApi();
    api.listTickets.mockResolvedValue(
      pageOf([
        makeTicket({ key: 'TKT-000007', title: 'Checkout is slow' }),
        makeTicket({
          key: 'TKT-000003',
          title: 'Agent replies in Klingon',
          priority: 'critical',
        }),
      ]),
    );
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/helpdesk'],
      apis: [
        [ppHelpdeskApiRef, api],
        [catalogApiRef, catalogApiMock()],
        mockPermissionApi(true),
      ],
    });
    expect(await screen.findByText('Checkout is slow')).toBeInTheDocument();
    expect(screen.getByText('Agent replies in Klingon')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'TKT-000007' })).toHaveAttribute(
      'href',
      '/pp/helpdesk/tickets/TKT-000007',
    );
    expect(
      await screen.findByRole('button', { name: 'Create ticket' }),
    ).toBeInTheDocument();
  });

  it('serves a ticket page at /pp/helpdesk/tickets/:ticketId', async () => {
    const api = createMockHelpdeskApi();
    api.getTicket.mockResolvedValue(
      makeDetail({ key: 'TKT-000009', title: 'Disk full on node 3' }),
    );
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/helpdesk/tickets/TKT-000009'],
      apis: [
        [ppHelpdeskApiRef, api],
        [catalogApiRef, catalogApiMock()],
        mockPermissionApi(true),
      ],
    });
    expect(
      await screen.findByText('TKT-000009: Disk full on node 3'),
    ).toBeInTheDocument();
    expect(api.getTicket).toHaveBeenCalledWith('TKT-000009');
  });
});

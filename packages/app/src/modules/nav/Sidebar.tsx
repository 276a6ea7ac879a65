import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { SidebarLogo } from './SidebarLogo';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { RequirePermission } from '@backstage/plugin-permission-react';
import {
  ppAgentsReadPermission,
  ppHandoffAcceptPermission,
  ppCatalogRegisterPermission,
  ppHealthReadPermission,
  ppRetuningReadPermission,
  ppSlaReadPermission,
  ppSubscriptionsReadPermission,
  ppTicketsReadPermission,
  ppUsersReadPermission,
} from '@internal/plugin-pp-common';

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));

      // Skipped items
      nav.take('page:search'); // Using search modal instead
      nav.take('page:notifications'); // Using NotificationsSidebarItem manually instead
      // Admin areas show only to those allowed in (the pages check again themselves).
      const users = nav.take('page:pp-users');
      // Health monitoring shows to those who may read it.
      const health = nav.take('page:pp-health');
      // The helpdesk shows to those who may read tickets.
      const helpdesk = nav.take('page:pp-helpdesk');
      // Subscriptions show to subscription managers, admins and viewers.
      const subscriptions = nav.take('page:pp-subscriptions');
      // Agent orchestration shows to agent orchestrators, admins and viewers.
      const orchestration = nav.take('page:pp-orchestration');
      // SLA compliance shows to orchestrators, infrastructure engineers, admins and viewers.
      const sla = nav.take('page:pp-sla');
      // Industry knowledge shows to industry managers, agent orchestrators (its retuning
      // proposals), admins and viewers: every role that may read retuning proposals.
      const knowledge = nav.take('page:pp-knowledge');
      // Registering catalog entities: only for those the PP policy lets register (else a 404 page).
      const register = nav.take('page:catalog-import');

      return (
        <Sidebar>
          <SidebarLogo />
          <SidebarGroup label="Search" icon={<SearchIcon />} to="/search">
            <SidebarSearchModal />
          </SidebarGroup>
          <SidebarDivider />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {nav.take('page:home')}
            {nav.take('page:catalog')}
            <SidebarDivider />
            <SidebarScrollWrapper>
              {nav.rest({ sortBy: 'title' })}
            </SidebarScrollWrapper>
            <RequirePermission
              permission={ppCatalogRegisterPermission}
              errorPage={<></>}
            >
              {register}
            </RequirePermission>
            <RequirePermission
              permission={ppHealthReadPermission}
              errorPage={<></>}
            >
              {health}
            </RequirePermission>
            <RequirePermission
              permission={ppTicketsReadPermission}
              errorPage={<></>}
            >
              {helpdesk}
            </RequirePermission>
            <RequirePermission
              permission={ppSubscriptionsReadPermission}
              errorPage={<></>}
            >
              {subscriptions}
            </RequirePermission>
            <RequirePermission
              permission={ppAgentsReadPermission}
              errorPage={
                // infrastructure engineers reach the handoff review queue through it
                <RequirePermission
                  permission={ppHandoffAcceptPermission}
                  errorPage={<></>}
                >
                  {orchestration}
                </RequirePermission>
              }
            >
              {orchestration}
            </RequirePermission>
            <RequirePermission
              permission={ppSlaReadPermission}
              errorPage={<></>}
            >
              {sla}
            </RequirePermission>
            <RequirePermission
              permission={ppRetuningReadPermission}
              errorPage={<></>}
            >
              {knowledge}
            </RequirePermission>
            <RequirePermission
              permission={ppUsersReadPermission}
              errorPage={<></>}
            >
              <SidebarDivider />
              {users}
            </RequirePermission>
          </SidebarGroup>
          <SidebarSpace />
          <SidebarDivider />
          <NotificationsSidebarItem />
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to="/settings"
          >
            {nav.take('page:user-settings')}
          </SidebarGroup>
        </Sidebar>
      );
    },
  },
});

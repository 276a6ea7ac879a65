import {
  ApiBlueprint,
  PageBlueprint,
  SubPageBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import PeopleAltIcon from '@material-ui/icons/PeopleAlt';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import { PpUsersClient, ppUsersApiRef } from './api';
import { PpAuditClient, ppAuditApiRef } from './api/PpAuditClient';
import {
  myAccessRouteRef,
  roleChangesRouteRef,
  roleRequestsRouteRef,
  rootRouteRef,
  usersRouteRef,
} from './routes';

/** `api:pp-users`: the HTTP client of the pp-users backend. */
export const ppUsersApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ppUsersApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new PpUsersClient({ discoveryApi, fetchApi }),
    }),
});

/** `api:pp-users/audit`: the audit log's verification (the admin home card). */
export const ppAuditApi = ApiBlueprint.make({
  name: 'audit',
  params: defineParams =>
    defineParams({
      api: ppAuditApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new PpAuditClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:pp-users`: `/pp/users`, whose tabs are the sub-pages below. */
export const ppUsersPage = PageBlueprint.make({
  params: {
    path: '/pp/users',
    title: 'Users',
    icon: <PeopleAltIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
  },
});

/** `sub-page:pp-users/users`: the user and principal directory. */
export const ppUsersDirectoryTab = SubPageBlueprint.make({
  name: 'users',
  params: {
    path: 'users',
    title: 'Users',
    routeRef: usersRouteRef,
    loader: () =>
      import('./components/PpUsersTab').then(m => <m.UsersTabContent />),
  },
});

/** `sub-page:pp-users/role-requests`: pending (and decided) role requests. */
export const ppUsersRoleRequestsTab = SubPageBlueprint.make({
  name: 'role-requests',
  params: {
    path: 'role-requests',
    title: 'Role requests',
    routeRef: roleRequestsRouteRef,
    loader: () =>
      import('./components/PpUsersTab').then(m => <m.RoleRequestsTabContent />),
  },
});

/** `sub-page:pp-users/role-changes`: the role change log of all users. */
export const ppUsersRoleChangesTab = SubPageBlueprint.make({
  name: 'role-changes',
  params: {
    path: 'role-changes',
    title: 'Role change log',
    routeRef: roleChangesRouteRef,
    loader: () =>
      import('./components/PpUsersTab').then(m => <m.RoleChangesTabContent />),
  },
});

/**
 * `page:pp-users/my-access`: `/pp/my-access`, every signed-in person's roles, permissions and
 * role requests. Not gated: the backend answers each person about themselves.
 */
export const ppMyAccessPage = PageBlueprint.make({
  name: 'my-access',
  params: {
    path: '/pp/my-access',
    title: 'My access',
    icon: <VpnKeyIcon fontSize="inherit" />,
    routeRef: myAccessRouteRef,
    loader: () =>
      import('./components/MyAccessPage').then(m => <m.MyAccessPage />),
  },
});

/**
 * The Platform Portal's user and role management (admin only), and every person's My access page.
 *
 * @public
 */
export const ppUsersPlugin = createFrontendPlugin({
  pluginId: 'pp-users',
  title: 'Users',
  icon: <PeopleAltIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
    users: usersRouteRef,
    roleRequests: roleRequestsRouteRef,
    roleChanges: roleChangesRouteRef,
    myAccess: myAccessRouteRef,
  },
  extensions: [
    ppUsersApi,
    ppAuditApi,
    ppUsersPage,
    ppUsersDirectoryTab,
    ppUsersRoleRequestsTab,
    ppUsersRoleChangesTab,
    ppMyAccessPage,
  ],
});

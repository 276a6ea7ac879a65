import {
  ApiBlueprint,
  PageBlueprint,
  SubPageBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import PeopleAltIcon from '@material-ui/icons/PeopleAlt';
import { PpUsersClient, ppUsersApiRef } from './api';
import {
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
 * The Platform Portal's user and role management (admin only).
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
  },
  extensions: [
    ppUsersApi,
    ppUsersPage,
    ppUsersDirectoryTab,
    ppUsersRoleRequestsTab,
    ppUsersRoleChangesTab,
  ],
});

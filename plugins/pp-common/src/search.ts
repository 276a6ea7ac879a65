import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  ppHealthReadPermission,
  ppTicketsReadPermission,
  ppUsersReadPermission,
} from './permissions';

/**
 * The Platform Portal's search document types, each with the plugin that indexes it and the PP
 * permission a person (or agent) needs to find its documents: the permission of the page the
 * document links to. Backstage's search engine authorizes each type's `visibilityPermission`
 * through the PP policy; the access gate narrows PP tokens' searches to the types they may read.
 *
 * @public
 */
export const ppSearchTypes: ReadonlyArray<{
  type: string;
  pluginId: string;
  permission: BasicPermission;
}> = [
  // key, title and description of every ticket
  {
    type: 'pp-ticket',
    pluginId: 'pp-helpdesk',
    permission: ppTicketsReadPermission,
  },
  // monitored services with their current status
  {
    type: 'pp-health-service',
    pluginId: 'pp-health',
    permission: ppHealthReadPermission,
  },
  // people and agents (admins only)
  { type: 'pp-user', pluginId: 'pp-users', permission: ppUsersReadPermission },
];

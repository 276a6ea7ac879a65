export {
  PpUsersTab,
  UsersTabContent,
  RoleRequestsTabContent,
  RoleChangesTabContent,
} from './PpUsersTab';

export { RoleRequestsPanel } from './RoleRequestsPanel';

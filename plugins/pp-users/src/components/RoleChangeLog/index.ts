export { RoleChangeLog } from './RoleChangeLog';

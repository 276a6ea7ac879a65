export * from './PpUsersApi';
export { PpUsersClient } from './PpUsersClient';

export { UserDirectory } from './UserDirectory';

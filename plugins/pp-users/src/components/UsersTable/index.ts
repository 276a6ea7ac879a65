export { UsersTable } from './UsersTable';
export type { UsersSort, UsersTableProps } from './UsersTable';

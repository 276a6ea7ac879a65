export { UsersToolbar } from './UsersToolbar';
export type { UserFilters, UsersToolbarProps } from './UsersToolbar';

export { RoleChangeTable } from './RoleChangeTable';
export type { RoleChangeTableProps } from './RoleChangeTable';

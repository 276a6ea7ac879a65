export { RoleChip, RoleChips } from './RoleChips';
export type { RoleChipsProps } from './RoleChips';

export { RoleChangesDialog } from './RoleChangesDialog';
export type { RoleChangesDialogProps } from './RoleChangesDialog';

export { AddUserDialog } from './AddUserDialog';
export type { AddUserDialogProps } from './AddUserDialog';

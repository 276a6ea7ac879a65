export { MyAccessPage } from './MyAccessPage';
export { RequestRoleDialog } from './RequestRoleDialog';
export type { RequestRoleDialogProps } from './RequestRoleDialog';

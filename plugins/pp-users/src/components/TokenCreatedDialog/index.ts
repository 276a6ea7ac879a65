export { TokenCreatedDialog } from './TokenCreatedDialog';
export type { TokenCreatedDialogProps } from './TokenCreatedDialog';

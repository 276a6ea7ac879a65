export { ApiTokensDialog } from './ApiTokensDialog';
export type { ApiTokensDialogProps } from './ApiTokensDialog';

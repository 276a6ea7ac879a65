export { ForceCancelDialog } from './ForceCancelDialog';

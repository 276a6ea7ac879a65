export { ReasonDialog } from './ReasonDialog';

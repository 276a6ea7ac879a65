export { RunsDialog } from './RunsDialog';

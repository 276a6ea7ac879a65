export { CreateAgentDialog } from './CreateAgentDialog';

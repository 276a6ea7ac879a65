export { OrchestrationPage } from './OrchestrationPage';

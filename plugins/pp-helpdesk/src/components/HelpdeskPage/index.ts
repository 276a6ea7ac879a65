export { HelpdeskPage, QueueWithCreate } from './HelpdeskPage';

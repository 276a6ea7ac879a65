export { SubscriptionsPage } from './SubscriptionsPage';

export { SubscriptionList } from './SubscriptionList';

export {
  SubscriptionDetailPage,
  SubscriptionDetailView,
} from './SubscriptionDetailPage';

export { EntitySubscriptionsContent } from './EntitySubscriptionsContent';

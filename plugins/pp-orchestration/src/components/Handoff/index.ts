export { HandoffCard } from './HandoffCard';
export {
  HandoffGate,
  HandoffQueuePage,
  HandoffReviewPage,
} from './HandoffQueuePage';

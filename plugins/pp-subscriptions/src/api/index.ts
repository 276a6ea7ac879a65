export { ppSubscriptionsApiRef } from './PpSubscriptionsApi';
export type {
  PpDownloadedFile,
  PpSubscriptionsApi,
} from './PpSubscriptionsApi';
export { PpSubscriptionsClient } from './PpSubscriptionsClient';

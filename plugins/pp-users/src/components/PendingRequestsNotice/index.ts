export { PendingRequestsNotice } from './PendingRequestsNotice';

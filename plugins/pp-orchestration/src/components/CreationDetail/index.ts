export { CreationDetailPage, CreationDetailView } from './CreationDetailPage';

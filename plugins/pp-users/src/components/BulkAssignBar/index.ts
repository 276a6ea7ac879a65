export { BulkAssignBar } from './BulkAssignBar';
export type { BulkAssignBarProps } from './BulkAssignBar';

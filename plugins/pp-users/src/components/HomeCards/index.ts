export { RoleRequestsCard } from './RoleRequestsCard';
export { AuditChainCard } from './AuditChainCard';
export { UserCountsCard } from './UserCountsCard';

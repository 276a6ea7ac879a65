export { PrincipalKindChip, PRINCIPAL_KIND_LABELS } from './PrincipalKindChip';

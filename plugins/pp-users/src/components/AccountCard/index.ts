export { AccountCard } from './AccountCard';

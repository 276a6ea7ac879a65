export { ApiTokenList } from './ApiTokenList';
export type { ApiTokenListProps } from './ApiTokenList';

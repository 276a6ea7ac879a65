export { EntityCreationContent } from './EntityCreationContent';

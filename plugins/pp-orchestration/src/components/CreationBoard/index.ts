export { CreationBoard } from './CreationBoard';

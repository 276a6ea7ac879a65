export { AdminGate } from './AdminGate';

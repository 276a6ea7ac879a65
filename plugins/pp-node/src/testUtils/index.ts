/**
 * Test helpers for PP backend plugins.
 *
 * @packageDocumentation
 */
export { ppTestDatabases } from './databases';
export { ppTestRedisUrl } from './redis';
export { createTestPpGuard, type PpTestPrincipal } from './guard';
export {
  startTestSlackReceiver,
  startTestSmtpReceiver,
  type PpTestSlackReceiver,
  type PpTestSmtpReceiver,
} from './receivers';

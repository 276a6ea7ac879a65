/**
 * Test helpers for PP backend plugins.
 *
 * @packageDocumentation
 */
export { ppChangeMarkNotifies, ppTestDatabases } from './databases';
export { ppTestRedisUrl } from './redis';
export { createTestPpGuard, type PpTestPrincipal } from './guard';
export {
  startTestGenesisReceiver,
  startTestSlackReceiver,
  startTestSmtpReceiver,
  type PpTestGenesisReceiver,
  type PpTestSlackReceiver,
  type PpTestSmtpReceiver,
} from './receivers';

/**
 * Test helpers for PP backend plugins.
 *
 * @packageDocumentation
 */
export { ppTestDatabases } from './databases';
export { ppTestRedisUrl } from './redis';

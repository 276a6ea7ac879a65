/**
 * Test utilities: GitHub workflow deliveries as GitHub sends them for an agent repository, and
 * their signature (`X-Hub-Signature-256`).
 *
 * @packageDocumentation
 */
export * from '../github/__fixtures__/githubWorkflowEvents';
export { githubSignature } from '../github/signature';

/**
 * Platform Portal agent orchestration backend (spec Stage 6, issue #15): for now its domain
 * layer only — the creation state machine, the built-in Genesis validator, the CI/CD pipeline
 * reducer, the handoff checklist and OLA, and the blue-green rollout engine. No plugin, routes or
 * store yet.
 *
 * @packageDocumentation
 */
export * from './domain/creation';
export * from './domain/industries';
export * from './domain/genesis';
export * from './domain/pipeline';
export * from './domain/handoff';
export * from './domain/rollout';

/**
 * Platform Portal agent orchestration backend (spec Stage 6, issue #15): the plugin (agent
 * creations through the Genesis gate: `POST /pp/v1/agents/create`,
 * `GET /pp/v1/agents/{agent_id}/creation-status`) and its domain layer — the creation state
 * machine, the built-in Genesis validator, the CI/CD pipeline reducer, the handoff checklist and
 * OLA, and the blue-green rollout engine.
 *
 * @packageDocumentation
 */
export { ppOrchestrationPlugin as default } from './plugin';
export { migrateOrchestration } from './database/DatabaseCreationStore';
export * from './domain/creation';
export * from './domain/industries';
export * from './domain/genesis';
export * from './domain/pipeline';
export * from './domain/handoff';
export * from './domain/readiness';
export { Readiness, readReadinessDefaults } from './service/Readiness';
export { ppScaffolderModule } from './codegen/scaffolderModule';
export { ppAgentCatalogModule } from './catalog/module';
export type { ReadinessSource, CodegenConfig } from './codegen/CodeGeneration';
export { templateDefaultReadiness } from './codegen/CodeGeneration';
export { agentEntity, agentLifecycle } from './domain/agentEntity';

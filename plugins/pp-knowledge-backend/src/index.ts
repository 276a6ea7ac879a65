/**
 * Platform Portal industry knowledge backend (spec Stage 8, issue #17): knowledge sources per
 * industry (HTTP JSON APIs, RSS/Atom feeds, signed webhooks, uploads) ingested on a schedule into
 * versioned chunks with embeddings, diffs between versions, hybrid search, and agent retuning.
 *
 * @packageDocumentation
 */
export { ppKnowledgePlugin as default } from './plugin';
export { migrateKnowledge } from './database/DatabaseKnowledgeStore';

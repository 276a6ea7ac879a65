/*
 * pp-knowledge's search building blocks: chunking, embedders, the vector codec, topics and the
 * in-memory per-industry index.
 */
export { chunkText } from './chunk';
export type { ChunkOptions } from './chunk';
export { HashingEmbedder, dot, l2normalize } from './Embedder';
export type { Embedder } from './Embedder';
export { OpenAiEmbedder } from './OpenAiEmbedder';
export type { OpenAiEmbedderOptions } from './OpenAiEmbedder';
export { readEmbedder } from './readEmbedder';
export { encodeVector, decodeVector } from './vectorCodec';
export {
  chunkKeywords,
  topicsOf,
  topicsFromCounts,
  topicMinChunks,
  diffTopics,
} from './topics';
export type { Topic } from './topics';
export { KnowledgeIndex } from './KnowledgeIndex';
export type {
  KnowledgeIndexRow,
  KnowledgeIndexQuery,
  KnowledgeIndexHit,
  KnowledgeIndexOptions,
  KnowledgeSearchMode,
} from './KnowledgeIndex';

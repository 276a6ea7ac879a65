/**
 * Platform Portal industry knowledge (spec Stage 8): the knowledge page at `/pp/knowledge` and the
 * Knowledge tab of AI agents. The default export is the frontend plugin, which the app discovers
 * (`app.packages: all`).
 *
 * @packageDocumentation
 */
import { ppKnowledgePlugin } from './plugin';

export default ppKnowledgePlugin;
export { ppKnowledgePlugin };
export { ppKnowledgeApiRef, PpKnowledgeClient } from './api';
export type { PpKnowledgeApi } from './api';

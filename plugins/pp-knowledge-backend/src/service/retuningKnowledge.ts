import type { PpKnowledgeIndustry } from '@internal/plugin-pp-common';
import { PP_KNOWLEDGE_INDUSTRIES } from '@internal/plugin-pp-common';
import type { KnowledgeStore, VersionRow } from '../database/KnowledgeStore';

const isIndustry = (v: string): v is PpKnowledgeIndustry =>
  (PP_KNOWLEDGE_INDUSTRIES as readonly string[]).includes(v);

const view = (v: VersionRow) => ({
  id: v.id,
  label: v.label,
  industry: v.industry,
  seq: v.seq,
});

/**
 * The knowledge the retuning reads (its `RetuningKnowledgePort`, src/retuning/ports.ts): versions
 * by label or id, an industry's newest, a version's chunk texts (for the Genesis checks).
 */
export function retuningKnowledgePort(store: KnowledgeStore) {
  return {
    async findVersion(ref: string, industry?: string) {
      if (industry !== undefined && !isIndustry(industry)) return undefined;
      const v = await store.findVersion(ref, industry);
      return v ? view(v) : undefined;
    },
    async latestVersion(industry: string) {
      if (!isIndustry(industry)) return undefined;
      const v = await store.latestVersion(industry);
      return v ? view(v) : undefined;
    },
    async versionTexts(versionId: string, limit: number) {
      const v = await store.findVersion(versionId);
      if (!v) return [];
      const rows = await store.versionTexts(v.industry, v.seq, limit);
      return rows.map(r => r.text);
    },
  };
}
